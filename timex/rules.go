package timex

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Pieces of the patterns. Every pattern is case-insensitive; the checks
// in the rule functions ask for capitals where English writes them.
const (
	monthFull = `january|february|march|april|may|june|july|august|september|october|november|december`
	monthAny  = `(?P<month>` + monthFull + `|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)`
	dayNum    = `(?P<day>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?`
	weekdays  = `monday|tuesday|wednesday|thursday|friday|saturday|sunday`
	yearNum   = `(?P<year>[12][0-9]{3})`
	spanMod   = `early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of|the\s+start\s+of|start\s+of|the\s+middle\s+of|the\s+rest\s+of`
	zones     = `(?-i:GMT|UTC|BST|CET|CEST|EET|EEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT)`
	unitsSing = `second|minute|hour|day|week|fortnight|month|quarter|year|decade|century`
)

// Word groups for the rules' first words.
const (
	firstMonths   = `january february march april may june july august september october november december jan feb mar apr jun jul aug sept sep oct nov dec`
	firstWeekdays = `monday tuesday wednesday thursday friday saturday sunday`
	firstMods     = `early mid late the end beginning start`
	firstNums     = `a an couple several dozens hundreds half one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety`
)

// rules are tried in order; on ties of length and position the earlier
// rule wins. The third field lists the words a match can start with ("#"
// for a number, "'" for an apostrophe before one, and MONTHS, WEEKDAYS,
// MODS, NUMS for the groups above), and the fourth, when there is one,
// strings that the next few words must hold (any of a group, every
// ";"-separated group; "#" is a digit), so that a rule is tried only where
// it can match: the regular expressions are the costly part.
var rules = []rule{
	{re(`\b(?P<y>[12]\d{3})-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?:[T ](?P<hh>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?\b`), isoDate, `#`, ""},
	{re(`\b(?P<on>on\s+)?(?:(?P<wd>` + weekdays + `),?\s+)?` + monthAny + `\s+` + dayNum + `\b(?:,?\s+` + yearNum + `\b)?`), monthDay, `on WEEKDAYS MONTHS`, `jan feb mar apr may jun jul aug sep oct nov dec;#`},
	{re(`\b(?P<on>on\s+)?(?:(?P<wd>` + weekdays + `),?\s+)?(?:the\s+)?` + dayNum + `(?:\s+of)?\s+` + monthAny + `(?:,?\s+` + yearNum + `\b)?`), monthDay, `on WEEKDAYS the #`, `jan feb mar apr may jun jul aug sep oct nov dec;#`},
	{re(`\b(?:(?P<mod>` + spanMod + `)[\s-]+)?` + monthAny + `,?\s+(?:of\s+)?` + yearNum + `\b`), monthYear, `MODS MONTHS`, `jan feb mar apr may jun jul aug sep oct nov dec;#`},
	{re(`\b(?:(?P<mod>` + spanMod + `)[\s-]+)?` + monthAny + `\s+(?P<rel>last|this|next)\s+year\b`), monthRelYear, `MODS MONTHS`, `year`},
	{re(`\b` + monthAny + `,?\s+(?:of\s+)?(?P<sp>` + spelledYearRE + `)\b`), monthSpelledYear, `MONTHS`, `nineteen thousand`},
	{re(`\bthe\s+(?:(?P<mod>early|late|mid)[\s-]+)?(?P<season>spring|summer|autumn|fall|winter)\b`), theSeason, `the`, `spring summer autumn fall winter`},
	{re(`\b(?P<the>the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?P<of>of\s+)?(?:` + yearNum + `|(?P<sp>` + spelledYearRE + `))\b`), seasonOfYear, `the spring summer autumn fall winter`, `spring summer autumn fall winter`},
	{re(`\bthe\s+(?P<h>first|second|last|latter)\s+half\s+of\s+(?:` + yearNum + `|(?:the|this|(?P<rel>last|next))\s+year)\b`), halfYear, `the`, `half`},
	{re(`\b(?:(?P<mod>` + spanMod + `)[\s-]+)?(?P<month>` + monthFull + `)\b`), bareMonth, `MODS MONTHS`, `jan feb mar apr may jun jul aug sep oct nov dec`},
	{re(`\b(?:(?P<mod>early|mid|late)[\s-]+)?(?P<year>(?:19|20)\d{2})\b`), bareYear, `early mid late #`, ""},
	{re(`(?:\bthe\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?:\b(?P<dec4>[12]\d{2})0s\b|['’](?P<dec2>\d)0s\b)`), decade, `the early mid late # '`, `0s`},
	{re(`\b(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century\b`), century, `the #`, `century`},
	{re(`\bthe\s+(?:(?P<mod>early|mid|late)[\s-]+)?(?P<d>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b`), spelledDecade, `the`, `ties`},
	{re(`\b(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))(?:\s+(?P<part>morning|afternoon|evening|night))?\b`), relDay, `the today tonight yesterday tomorrow last this`, ""},
	{re(`\b(?P<mod>on\s+|last\s+|this\s+(?:past\s+|coming\s+)?|next\s+|coming\s+|past\s+|previous\s+|following\s+)?(?P<wd>` + weekdays + `)(?P<pl>s)?(?:\s+(?P<part>morning|afternoon|evening|night)(?P<ppl>s)?)?\b`), weekdayRule, `on last this next coming past previous following WEEKDAYS`, `day`},
	{re(`\b(?:(?P<mod>` + spanMod + `|later|earlier)[\s-]+)?(?P<the>the\s+)?(?P<rel>this|next|last|past|coming|previous|current)\s+(?P<unit>week|weekend|month|year|quarter|spring|summer|autumn|fall|winter|decade|century)\b`), relUnit, `MODS later earlier this next last past coming previous current`, `week month year quarter spring summer autumn fall winter decade century`},
	{re(`\b(?P<mod>(?:the\s+)?(?:end|start|beginning|middle|rest)\s+of)\s+the\s+(?P<unit>week|month|year)\b`), endOf, `the end start beginning middle rest`, `week month year`},
	{re(`\bthe\s+weekend\b`), theWeekend, `the`, ""},
	{re(`\b(?:(?P<mod>earlier|later)\s+)?(?:that(?:\s+same)?|the\s+(?P<rel>following|next|previous|same))\s+(?P<unit>day|week|month|year)\b`), anaphoric, `earlier later that the`, `day week month year`},
	{re(`\b(?:(?P<n>` + numberRE + `)[\s-]+(?P<unit>` + unitsSing + `|centuries)s?|(?P<bare>minutes|hours|days|weeks|months|years|decades))\s+(?:ago|earlier)\b`), ago, `NUMS # minutes hours days weeks months years decades`, `ago earlier`},
	{re(`\b(?:(?P<the>the)\s+)?year[\s-](?:ago|earlier)(?:\s+(?P<unit>quarter|period))?\b`), yearAgo, `the year`, `ago earlier`},
	{re(`\bthe\s+(?:(?P<m>latest|most\s+recent|recent|current|just[\s-]ended)\s+)?quarter\b`), theQuarter, `the`, `quarter`},
	{re(`\bthe\s+(?P<m>latest|most\s+recent)\s+(?:reporting\s+)?period\b`), theQuarter, `the`, `period`},
	{re(`\bthe\s+(?:(?P<m>full|current|latest|last|previous|past|next|coming)\s+)?(?P<fy>(?:fiscal|financial|calendar)\s+)?(?P<y>year)\b`), theYear, `the`, `year`},
	{re(`\b(?:the\s+)?(?:(?P<year>[12]\d{3})|(?P<rel>this|last|next)\s+year['’]s)\s+(?:(?P<q>first|second|third|fourth)[\s-]+)?(?:fiscal\s+)?quarter\b`), yearQuarter, `the this last next #`, `quarter`},
	{re(`\b(?:the\s+year\s+)?(?P<sp>` + nineteenRE + `|the\s+year\s+` + twoThousandRE + `)\b`), spelledYear, `the nineteen`, `nineteen thousand`},
	{re(`\b(?P<pre>(?:the\s+)?(?:past|last|next|coming|first|final|previous)\s+)?(?P<n>` + numberRE + `)[\s-]+(?:(?:more|additional|further|extra|trading|business|working)\s+)?(?P<unit>` + unitsSing + `|centuries)s?\b(?P<half>\s+and\s+a\s+half\b)?`), duration, `the past last next coming first final previous NUMS #`, `second minute hour day week fortnight month quarter year decade centur`},
	{re(`\b(?P<pre>within|for|over|in|after|lasting)\s+(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b`), bareDuration, `within for over in after lasting`, `seconds minutes hours days weeks months years decades centuries`},
	{re(`\b(?P<unit>minutes|hours|days|weeks|months|years)\s+(?:later|earlier|after|before)\b`), bareDuration, `minutes hours days weeks months years`, ""},
	{re(`\b(?P<v>now|currently|recently|soon|nowadays|these\s+days|at\s+present|at\s+the\s+moment|(?:in\s+)?the\s+(?:near\s+|distant\s+)?future|in\s+the\s+past|(?:the\s+)?(?:coming|upcoming)\s+(?:days|weeks|months|quarters|years)|recent\s+(?:days|weeks|months|quarters|years)|(?:the\s+)?(?:next|past|last|previous)\s+(?:few\s+|several\s+)?(?P<u>hours|days|weeks|months|quarters|years)|the\s+(?P<ua>days|weeks|months|years)\s+ahead|(?:in\s+)?the\s+(?:near|short|long)\s+term)\b`), vague, `now currently recently soon nowadays these at in the coming upcoming recent next past last previous`, `now currently recently soon nowadays days weeks months quarters years hours present moment future past term`},
	{re(`\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|(?:am|pm|a\.m|p\.m)\b)(?:\s+(?P<tz>` + zones + `)\b)?`), clock12, `#`, ""},
	{re(`\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)\b(?:\s*(?:hrs|h)\b)?(?:\s+(?P<tz>` + zones + `)\b)?`), clock24, `#`, ""},
	{re(`\b(?P<w>noon|midday|midnight)\b`), noon, `noon midday midnight`, ""},
	{re(`\b(?:mid[\s-]?|early\s+|late\s+)(?P<part>morning|afternoon|evening)(?:\s+(?P<w>yesterday|today|tomorrow))?\b`), partOfDay, `mid early late`, `morning afternoon evening`},
	{re(`\b(?P<then>then[\s-]+)?current\b`), current, `then current`, `current`},
	{re(`\b(?P<w>daily|weekly|monthly|annually|yearly|hourly|nightly|every\s+(?:other\s+)?(?:day|week|month|quarter|year|morning|afternoon|evening|night|hour|minute|weekend|` + weekdays + `)|every\s+(?P<n>` + numberRE + `)\s+(?P<unit>minutes|hours|days|weeks|months|years)|each\s+(?:day|week|month|quarter|year|morning|night|` + weekdays + `)|(?:once|twice|(?:three|four|five|six|\d+)\s+times)\s+(?:a|an|per|every)\s+(?:day|week|month|year|hour)|per\s+(?:day|week|month|year|hour))\b`), setRule, `daily weekly monthly annually yearly hourly nightly every each once twice three four five six # per`, `daily weekly monthly annually yearly hourly nightly every each once twice times per`},
	{re(`(?-i:\b(?P<h>Christmas\s+Day|Christmas\s+Eve|Christmas|New\s+Year['’]s\s+Day|New\s+Year['’]s\s+Eve|Halloween|Valentine['’]s\s+Day|Thanksgiving(?:\s+Day)?|Election\s+Day|Easter(?:\s+Sunday)?)\b)`), holiday, `christmas new halloween valentine thanksgiving election easter`, ""},
	{re(`\b(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter(?:\s+of\s+` + yearNum + `\b)?`), quarter, `the first second third fourth #`, `quarter`},
	{re(`(?-i:\bQ(?P<q>[1-4])\s+` + yearNum + `\b)`), quarter, `q`, ""},
}

// re compiles a case-insensitive pattern anchored at the start: rules are
// tried at word starts only.
func re(p string) *regexp.Regexp { return regexp.MustCompile(`(?i)^(?:` + p + `)`) }

// monthNum reads a month name or abbreviation.
func monthNum(s string) time.Month {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0
	}
	i := strings.Index("janfebmaraprmayjunjulaugsepoctnovdec", s[:3])
	if i < 0 || i%3 != 0 {
		return 0
	}
	return time.Month(i/3 + 1)
}

// weekdayNum reads a weekday name.
func weekdayNum(s string) time.Weekday {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.EqualFold(d.String(), s) {
			return d
		}
	}
	return -1
}

// set fills a cand's type and value and accepts it.
func (c *cand) set(typ, value string) bool {
	c.typ, c.value = typ, value
	return true
}

func isoDate(h *hit, c *cand) bool {
	y, _ := strconv.Atoi(h.get("y"))
	mo, _ := strconv.Atoi(h.get("mo"))
	d, _ := strconv.Atoi(h.get("d"))
	if !validDate(y, time.Month(mo), d) {
		return false
	}
	v := fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
	if h.get("hh") == "" {
		c.day = v
		return c.set("DATE", v)
	}
	tz := h.get("tz")
	if tz != "Z" {
		tz = ""
	}
	return c.set("TIME", v+"T"+h.get("hh")+":"+h.get("mi")+tz)
}

// monthDay values "March 19", "19 March 2024", "on Tuesday, March 19".
func monthDay(h *hit, c *cand) bool {
	if !capital(h.text, h.at("month")) {
		return false
	}
	if wd := h.at("wd"); wd >= 0 && !capital(h.text, wd) {
		return false
	}
	m := monthNum(h.get("month"))
	d, _ := strconv.Atoi(h.get("day"))
	if ys := h.get("year"); ys != "" {
		y, _ := strconv.Atoi(ys)
		if !validDate(y, m, d) {
			return false
		}
		c.day = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
		return c.set("DATE", c.day)
	}
	if !validDate(2024, m, d) { // 2024 is a leap year: February 29 is valid
		return false
	}
	if !h.a.ok {
		c.day = fmt.Sprintf("XXXX-%02d-%02d", m, d)
		return c.set("DATE", c.day)
	}
	y := nearestYear(h.a.t, m, d, tense(h.text, c.start, c.end))
	if wd := h.get("wd"); wd != "" {
		// "Saturday, April 25": the weekday says which year.
		for _, c := range []int{y, y - 1, y + 1} {
			if validDate(c, m, d) && time.Date(c, m, d, 0, 0, 0, 0, time.UTC).Weekday() == weekdayNum(wd) {
				y = c
				break
			}
		}
	}
	if !validDate(y, m, d) {
		c.day = fmt.Sprintf("XXXX-%02d-%02d", m, d)
		return c.set("DATE", c.day)
	}
	c.day = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	return c.set("DATE", c.day)
}

// monthYear values "March 2024", "mid-March 2024".
func monthYear(h *hit, c *cand) bool {
	if !capital(h.text, h.at("month")) {
		return false
	}
	y, _ := strconv.Atoi(h.get("year"))
	return c.set("DATE", month(y, monthNum(h.get("month"))))
}

// monthRelYear values "June last year", "May next year".
func monthRelYear(h *hit, c *cand) bool {
	if !capital(h.text, h.at("month")) {
		return false
	}
	m := monthNum(h.get("month"))
	off := map[string]int{"last": -1, "this": 0, "next": 1}[h.lower("rel")]
	if !h.a.ok {
		return c.set("DATE", fmt.Sprintf("XXXX-%02d", m))
	}
	return c.set("DATE", month(h.a.t.Year()+off, m))
}

// monthCues are the words before a bare month name that make it a date
// ("in May") rather than a verb, modal or name ("may", "March", "April").
var monthCues = set(`in since until till by during from through throughout last next this of before after between early late mid and or to`)

// bareMonth values "in May", "last March", "early April".
func bareMonth(h *hit, c *cand) bool {
	if !capital(h.text, h.at("month")) {
		return false
	}
	m := monthNum(h.get("month"))
	name := m == time.April || m == time.May || m == time.June // also given names
	possessive := false
	switch r := nextRune(h.text, c.end); {
	case r == '-':
		return false // "April-like"
	case r == '\'' || r == '’':
		if name {
			return false // "May's government"
		}
		possessive = true // "December's figures"
	}
	dir := 0
	if h.get("mod") == "" {
		prev, at := prevWordAt(h.text, c.start)
		switch {
		case monthCues[prev], possessive:
		case prev == "for" && !name: // "figures for January"; "voted for May"
		case (prev == "the" || prev == "a" || prev == "an") && !name && nounNext(h.text, c.end):
			// "the October slaying", "a March accession"
		default:
			return false
		}
		switch prev {
		case "last":
			c.start, dir = at, -2
		case "next":
			c.start, dir = at, 2
		case "this":
			c.start = at
		}
	}
	if !h.a.ok {
		return c.set("DATE", fmt.Sprintf("XXXX-%02d", m))
	}
	ref := h.a.t
	y := ref.Year()
	switch dir {
	case -2: // last March: the latest March before this month
		if m >= ref.Month() {
			y--
		}
	case 2:
		if m <= ref.Month() {
			y++
		}
	default:
		// The tense moves a month to another year only when it is
		// more than two months away: "in mid-November" said in late
		// October is this year's, whatever the verb.
		switch t := tense(h.text, c.start, c.end); {
		case t < 0 && m > ref.Month()+2:
			y--
		case t > 0 && m < ref.Month()-2:
			y++
		case t == 0:
			y = nearestYear(ref, m, 15, 0)
		}
	}
	return c.set("DATE", month(y, m))
}

// nounNext reports whether a lower-case word that is not a preposition,
// conjunction or verb form of "be" follows offset i: "the October
// slaying", not "the March on Washington".
func nounNext(text string, i int) bool {
	w := lowerWordAfter(text, i)
	return len(w) > 2 && !notNoun[w]
}

// lowerWordAfter returns the lower-case word that follows a space at
// offset i: "troops" in "2000 troops"; "" when there is none.
func lowerWordAfter(text string, i int) string {
	if i >= len(text) || text[i] != ' ' {
		return ""
	}
	j := i + 1
	for j < len(text) && text[j] >= 'a' && text[j] <= 'z' {
		j++
	}
	return text[i+1 : j]
}

// notNoun are the short function words that may follow a name.
var notNoun = set(`and but for from into onto over the that this with was were has had said says will would`)

// yearCues are the words before a bare number that make it a year.
var yearCues = set(`in since until till by during from through throughout before after of around circa between year early late mid and to fiscal for into both`)

// countCues are the words before a number that make it a count.
var countCues = set(`about some nearly almost than approximately roughly over under least only just total additional another exactly`)

// pluralNext reports whether the word after offset i is a lower-case
// plural ("2000 troops"), which makes the number before it a count.
func pluralNext(text string, i int) bool {
	w := lowerWordAfter(text, i)
	return len(w) > 3 && w[len(w)-1] == 's' && !strings.HasSuffix(w, "ss")
}

// bareYear values "in 2023", "since 1990", "early 2024".
func bareYear(h *hit, c *cand) bool {
	if prev := prevWord(h.text, c.start); h.get("mod") == "" && !yearCues[prev] {
		// Elsewhere a year is a modifier ("the 1990 election", "its
		// 1990 invasion", "a 1996 law") unless the words say it is a
		// count: "about 2000 troops", "1500 people".
		if countCues[prev] || pluralNext(h.text, c.end) {
			return false
		}
	}
	switch r := nextRune(h.text, c.end); {
	case r == '%' || r == '.' && c.end+1 < len(h.text) && h.text[c.end+1] >= '0' && h.text[c.end+1] <= '9':
		return false // "in 2000%", "2000.5"
	case r == ',' && c.end+1 < len(h.text) && h.text[c.end+1] >= '0' && h.text[c.end+1] <= '9':
		return false // "2,000" written "2000,000"
	}
	return c.set("DATE", h.get("year"))
}

// decade values "the 1990s" (199) and "the '90s" (199).
func decade(h *hit, c *cand) bool {
	if d := h.get("dec4"); d != "" {
		return c.set("DATE", d)
	}
	return c.set("DATE", "19"+h.get("dec2"))
}

// spelledDecade values "the nineties" (199): the latest decade of that
// name that has begun by the reference date, or the 1900s' without one.
func spelledDecade(h *hit, c *cand) bool {
	d := map[string]int{"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}[h.lower("d")]
	century := 19
	if h.a.ok {
		century = h.a.t.Year() / 100
		if century*100+d*10 > h.a.t.Year() {
			century--
		}
	}
	return c.set("DATE", fmt.Sprintf("%02d%d", century, d))
}

// century values "the 21st century" (20).
func century(h *hit, c *cand) bool {
	n, _ := strconv.Atoi(h.get("n"))
	if n < 1 || n > 30 {
		return false
	}
	return c.set("DATE", fmt.Sprintf("%02d", n-1))
}

// inName reports whether the word at i is capitalised inside a sentence,
// as in a name or title ("USA Today", "High Noon", "This Week"), where a
// time word is not a time.
func inName(text string, i int) bool {
	return i >= 0 && capital(text, i) && !sentenceStart(text, i)
}

// partCode is the TIMEX3 code of a part of the day.
func partCode(p string) string {
	switch strings.ToLower(p) {
	case "morning":
		return "TMO"
	case "afternoon":
		return "TAF"
	case "evening":
		return "TEV"
	case "night":
		return "TNI"
	}
	return ""
}

// relDay values "today", "yesterday", "last night", "tomorrow morning".
func relDay(h *hit, c *cand) bool {
	if inName(h.text, h.at("w")) {
		return false // "USA Today", "VOA Today"
	}
	w := h.lower("w")
	off, part := 0, partCode(h.get("part"))
	switch w {
	case "today":
	case "tonight":
		part = "TNI"
	case "yesterday":
		off = -1
	case "tomorrow":
		off = 1
	case "last night":
		off, part = -1, "TNI"
	case "the day before yesterday":
		off = -2
	case "the day after tomorrow":
		off = 2
	default: // this morning, this afternoon, this evening
		part = partCode(strings.TrimPrefix(w, "this "))
	}
	typ := "DATE"
	if part != "" {
		typ = "TIME"
	}
	if !h.a.ok {
		return c.set(typ, relRef(off))
	}
	d := day(h.a.t.AddDate(0, 0, off))
	if part == "" {
		c.day = d
	}
	return c.set(typ, d+part)
}

// weekdayRule values "on Tuesday", "last Friday", "next Monday night".
func weekdayRule(h *hit, c *cand) bool {
	if !capital(h.text, h.at("wd")) {
		return false
	}
	wd := weekdayNum(h.get("wd"))
	mod := h.lower("mod")
	part := partCode(h.get("part"))
	if h.get("pl") != "" || h.get("ppl") != "" {
		// "on Tuesdays", "Tuesday nights": every such day.
		return c.set("SET", fmt.Sprintf("XXXX-WXX-%d", isoWeekday(wd))+part)
	}
	typ := "DATE"
	if part != "" {
		typ = "TIME"
	}
	switch mod {
	case "previous", "following":
		// "the previous Friday": the one before the day the story is
		// at; anaphora moves it there from the publication date.
		c.anaWeekday, c.anaOff = wd, map[string]int{"previous": -1, "following": 1}[mod]
	}
	if !h.a.ok {
		v := fmt.Sprintf("XXXX-WXX-%d", isoWeekday(wd))
		if part == "" {
			c.day = v
		}
		return c.set(typ, v+part)
	}
	ref := h.a.t
	var t time.Time
	switch mod {
	case "last", "past", "previous", "this past":
		t = weekday(ref, wd, -2)
	case "next", "coming", "this coming", "following":
		t = weekday(ref, wd, 2)
	case "this":
		// The day of the publication date's ISO week.
		t = ref.AddDate(0, 0, isoWeekday(wd)-isoWeekday(ref.Weekday()))
	default:
		if tense(h.text, c.start, c.end) > 0 {
			t = weekday(ref, wd, 1)
		} else {
			t = weekday(ref, wd, -1)
		}
	}
	if part == "" {
		c.day = day(t)
	}
	return c.set(typ, day(t)+part)
}

// seasons are the TIMEX3 season codes with their first month; a winter
// belongs to the year in which it starts.
var seasons = map[string]struct {
	code  string
	first time.Month
}{
	"spring": {"SP", 3}, "summer": {"SU", 6}, "autumn": {"FA", 9}, "fall": {"FA", 9}, "winter": {"WI", 12},
}

// relUnit values "this week", "early next week", "later this month",
// "last year", "next summer"; "the past week" is a DURATION.
func relUnit(h *hit, c *cand) bool {
	if inName(h.text, h.at("unit")) {
		return false // ABC's "This Week"
	}
	rel, unit := h.lower("rel"), h.lower("unit")
	the := h.get("the") != ""
	if the && h.get("mod") == "" {
		switch rel {
		case "past", "last", "next", "previous":
			// "the past week", "over the next month": a length of time.
			return c.set("DURATION", durationValue(1, unit))
		}
	}
	off := 0
	switch rel {
	case "next", "coming":
		off = 1
	case "last", "past", "previous":
		off = -1
	}
	return relValue(h, c, unit, off)
}

// anaphoric values "that year", "the following month", "earlier that
// day", "the next day": provisionally against the publication date;
// anaphora moves them to the date mentioned last.
func anaphoric(h *hit, c *cand) bool {
	if r := nextRune(h.text, c.end); r == '-' || r == '\'' || r == '’' {
		return false // "that year-end", "the following year's"
	}
	unit := h.lower("unit")
	off := map[string]int{"following": 1, "next": 1, "previous": -1}[h.lower("rel")]
	c.anaUnit, c.anaOff = unit, off
	if unit == "day" {
		if !h.a.ok {
			return c.set("DATE", relRef(off))
		}
		c.day = day(h.a.t.AddDate(0, 0, off))
		return c.set("DATE", c.day)
	}
	return relValue(h, c, unit, off)
}

// endOf values "the end of the month", "the rest of the year".
func endOf(h *hit, c *cand) bool { return relValue(h, c, h.lower("unit"), 0) }

// theWeekend values "over the weekend": the last weekend in a past-tense
// clause, else the coming one.
func theWeekend(h *hit, c *cand) bool {
	switch prevWord(h.text, c.start) {
	case "over", "during", "at", "on", "by", "until", "for", "through", "since", "after", "before", "this", "from":
	default:
		return false
	}
	off := 0
	if h.a.ok && tense(h.text, c.start, c.end) < 0 && h.a.t.Weekday() != time.Saturday && h.a.t.Weekday() != time.Sunday {
		off = -1
	}
	return relValue(h, c, "weekend", off)
}

// relValue is the value of the unit that is off units from the reference.
func relValue(h *hit, c *cand, unit string, off int) bool {
	if !h.a.ok {
		return c.set("DATE", relRef(off))
	}
	ref := h.a.t
	switch unit {
	case "week":
		return c.set("DATE", isoWeek(ref.AddDate(0, 0, 7*off)))
	case "weekend":
		return c.set("DATE", isoWeek(ref.AddDate(0, 0, 7*off))+"-WE")
	case "month":
		y, m := addMonths(ref, off)
		return c.set("DATE", month(y, m))
	case "year":
		return c.set("DATE", year(ref.Year()+off))
	case "quarter":
		q := (int(ref.Month())-1)/3 + off
		y := ref.Year() + floorDiv(q, 4)
		return c.set("DATE", fmt.Sprintf("%04d-Q%d", y, q-4*floorDiv(q, 4)+1))
	case "decade":
		return c.set("DATE", fmt.Sprintf("%03d", floorDiv(ref.Year(), 10)+off))
	case "century":
		return c.set("DATE", fmt.Sprintf("%02d", floorDiv(ref.Year(), 100)+off))
	}
	s, ok := seasons[unit]
	if !ok {
		return false
	}
	return c.set("DATE", fmt.Sprintf("%04d-%s", seasonYear(ref, s.first, off), s.code))
}

// seasonYear picks the year of a season: off 0 is the one under way or
// this year's, 1 the next to start after ref, -1 the last to end before it.
func seasonYear(ref time.Time, first time.Month, off int) int {
	now := ref.Year()*12 + int(ref.Month()) - 1 // months since year 0
	start := func(y int) int { return y*12 + int(first) - 1 }
	y := ref.Year()
	if first == 12 && ref.Month() <= 2 {
		y-- // January and February are in the winter that began last year
	}
	switch {
	case off > 0:
		for start(y) <= now {
			y++
		}
	case off < 0:
		for start(y)+2 >= now {
			y--
		}
	}
	return y
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// unitCode is the TIMEX3 code of a unit and whether it is a clock unit
// (written after "T").
func unitCode(unit string) (code string, clock bool) {
	unit = strings.TrimSuffix(strings.ToLower(unit), "s")
	switch unit {
	case "second":
		return "S", true
	case "minute":
		return "M", true
	case "hour":
		return "H", true
	case "day":
		return "D", false
	case "week", "fortnight":
		return "W", false
	case "month":
		return "M", false
	case "quarter":
		return "Q", false
	case "year":
		return "Y", false
	case "decade":
		return "DE", false
	case "century", "centurie":
		return "CE", false
	}
	return "", false
}

// durationValue writes a TIMEX3 duration; n < 0 is an unknown number (X).
func durationValue(n float64, unit string) string {
	code, clock := unitCode(unit)
	if strings.HasPrefix(strings.ToLower(unit), "fortnight") && n > 0 {
		n *= 2
	}
	if n > 0 && (code == "DE" || code == "CE") {
		// ISO 8601 has no decade or century designator, and TimeML
		// corpora write "two decades" as P20Y.
		n, code = n*map[string]float64{"DE": 10, "CE": 100}[code], "Y"
	}
	if whole, frac := math.Modf(n); n > 0 && frac > 0 {
		// TIMEX3 writes whole numbers: half an hour is PT30M, two
		// and a half years P2Y6M, five and a half hours PT5H30M.
		if sub, mult, subClock := smallerUnit(code, clock); sub != "" && frac*mult == math.Trunc(frac*mult) {
			v := "P"
			if whole > 0 {
				if clock {
					v += "T"
				}
				v += strconv.FormatFloat(whole, 'f', -1, 64) + code
			}
			if subClock && !strings.Contains(v, "T") {
				v += "T"
			}
			return v + strconv.FormatFloat(frac*mult, 'f', -1, 64) + sub
		}
	}
	num := "X"
	if n >= 0 {
		num = strconv.FormatFloat(n, 'f', -1, 64)
	}
	if clock {
		return "PT" + num + code
	}
	return "P" + num + code
}

// smallerUnit is the unit that a fraction of a unit is written in, how
// many of it make the unit, and whether it is a clock unit; "" for none.
func smallerUnit(code string, clock bool) (sub string, mult float64, subClock bool) {
	switch {
	case code == "Y":
		return "M", 12, false
	case code == "D":
		return "H", 24, true
	case code == "H" && clock:
		return "M", 60, true
	case code == "M" && clock:
		return "S", 60, true
	}
	return "", 0, false
}

// ago values "three weeks ago", "a year ago", "days ago".
func ago(h *hit, c *cand) bool {
	unit, n := h.lower("unit"), -1.0
	if unit == "" {
		unit = h.lower("bare")
	} else {
		var ok bool
		if n, ok = number(h.get("n")); !ok {
			return false
		}
	}
	if !h.a.ok || n < 0 || n != float64(int(n)) {
		return c.set("DATE", pastRef)
	}
	k, ref := int(n), h.a.t
	switch code, clock := unitCode(unit); {
	case clock:
		return c.set("DATE", pastRef)
	case code == "D":
		c.day = day(ref.AddDate(0, 0, -k))
		return c.set("DATE", c.day)
	case code == "W":
		if strings.HasPrefix(unit, "fortnight") {
			k *= 2
		}
		return c.set("DATE", isoWeek(ref.AddDate(0, 0, -7*k)))
	case code == "M":
		y, m := addMonths(ref, -k)
		return c.set("DATE", month(y, m))
	case code == "Q":
		return relValue(h, c, "quarter", -k)
	case code == "Y":
		c.yearBack = k == 1
		return c.set("DATE", year(ref.Year()-k))
	case code == "DE":
		return c.set("DATE", fmt.Sprintf("%03d", floorDiv(ref.Year(), 10)-k))
	case code == "CE":
		return c.set("DATE", fmt.Sprintf("%02d", floorDiv(ref.Year(), 100)-k))
	}
	return false
}

// duration values "three weeks" (P3W), "a couple of days" (P2D), "24
// hours" (PT24H), "the past two years", "a 10-year plan".
func duration(h *hit, c *cand) bool {
	n, ok := number(h.get("n"))
	if !ok {
		return false
	}
	if h.get("half") != "" && n >= 0 {
		n += 0.5 // "a minute and a half"
	}
	unit := h.lower("unit")
	if nl := h.lower("n"); (nl == "a" || nl == "an") && strings.HasPrefix(unit, "second") {
		return false // "a second time"
	}
	if inName(h.text, h.at("unit")) {
		return false // CBS's "60 Minutes", a title
	}
	if rest := strings.ToLower(h.text[c.end:min(len(h.text), c.end+4)]); strings.HasPrefix(rest, "-old") || strings.HasPrefix(rest, " old") {
		return false // an age: "a 44-year-old", "six years old"
	}
	if strings.HasPrefix(unit, "quarter") {
		// "a quarter of the vote", "three-quarters of them",
		// "a three-quarters majority": a fraction, not three months.
		nl := h.lower("n")
		rest := strings.ToLower(h.text[c.end:min(len(h.text), c.end+4)])
		if nl == "a" || nl == "an" || strings.HasPrefix(nl, "half") || strings.ContainsRune(h.text[h.at("n"):h.at("unit")], '-') || strings.HasPrefix(rest, " of") {
			return false
		}
	}
	if nl := h.lower("n"); (nl == "a" || nl == "an") && h.get("pre") == "" && strings.TrimSpace(h.text[h.at("n")+len(nl):h.at("unit")]) == "" && rateBefore(h.text, c.start) {
		// "$2 million a year", "four flights a week": a rate, which
		// TimeML marks as a SET, each year.
		return c.set("SET", durationValue(n, unit))
	}
	return c.set("DURATION", durationValue(n, unit))
}

// rateBefore reports whether the word before i is an amount or a counted
// thing ("$1.76", "358,000", "20%", "million", "flights"), so that "a
// year" after it is a rate.
func rateBefore(text string, i int) bool {
	j := i
	for j > 0 && text[j-1] == ' ' {
		j--
	}
	if j == 0 {
		return false
	}
	if c := text[j-1]; c >= '0' && c <= '9' || c == '%' {
		return true
	}
	w := prevWord(text, i)
	switch w {
	case "million", "billion", "thousand", "hundred", "dozen", "percent", "cents", "times":
		return true
	}
	if _, ok := number(w); ok && w != "a" && w != "an" {
		return true
	}
	// A plural noun: "flights", "interviews", "seats"; not "was", "has",
	// "perhaps".
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.Contains(w, "-") && !adverbsInS[w]
}

// adverbsInS are the common words ending in "s" that are not plural
// nouns.
var adverbsInS = set(`perhaps always sometimes besides afterwards towards nevertheless unless thus whereas does goes`)

// bareDuration values "within hours" (PTXH), "for years" (PXY), "hours
// later".
func bareDuration(h *hit, c *cand) bool {
	if h.get("pre") == "" {
		// "hours later": the span is the unit alone.
		c.end = h.at("unit") + len(h.get("unit"))
	}
	return c.set("DURATION", durationValue(-1, h.get("unit")))
}

// vague values "now", "recently", "the coming days", "the past few weeks".
func vague(h *hit, c *cand) bool {
	v := h.lower("v")
	switch {
	case v == "now" && sentenceStart(h.text, c.start) && nextRune(h.text, c.end) == ',':
		return false // "Now, he said...": a discourse marker, not a time
	case v == "now" || v == "currently" || v == "nowadays" || v == "these days" || v == "at present" || v == "at the moment":
		return c.set("DATE", presentRef)
	case v == "recently" || v == "in the past" || strings.HasPrefix(v, "recent "):
		return c.set("DATE", pastRef)
	case h.get("u") != "" || h.get("ua") != "":
		// "the past few days", "the next few weeks", "the weeks
		// ahead": a length.
		return c.set("DURATION", durationValue(-1, h.get("u")+h.get("ua")))
	case strings.HasSuffix(v, " term") && nextRune(h.text, c.end) == '-':
		return false // "the short-term debt": an adjective
	case strings.HasPrefix(v, "the ") && strings.HasSuffix(v, "future") && strings.HasPrefix(strings.ToLower(h.text[c.end:min(len(h.text), c.end+4)]), " of"):
		return false // "the future of the talks": a topic, not a time
	case v == "soon":
		// "as soon as possible", "as soon as Tuesday", "soon after he
		// was captured": a conjunction, or a time relative to an event,
		// not to the publication date.
		before := strings.ToLower(h.text[max(0, c.start-3):c.start])
		after := strings.ToLower(h.text[c.end:min(len(h.text), c.end+7)])
		if before == "as " && strings.HasPrefix(after, " as") || strings.HasPrefix(after, " after") || strings.HasPrefix(after, " before") {
			return false
		}
	}
	return c.set("DATE", futureRef) // soon, in the future, the coming days
}

// notCurrentTime are the words after "current" that make it a flow or a
// ledger rather than the present ("current account", "current of air"),
// or "current" a noun ("against the current and the wind").
var notCurrentTime = set(`account accounts of and or to in on is was were are through flowing flows from`)

// current values the adjective "current" ("current market conditions",
// "his current wife") as PRESENT_REF, and "then-current" as PAST_REF, as
// TimeML does: it places what it modifies at the publication date.
func current(h *hit, c *cand) bool {
	next := lowerWordAfter(h.text, c.end)
	if next == "" || notCurrentTime[next] {
		return false // a noun ("against the current"), a title, a flow
	}
	switch prevWord(h.text, c.start) {
	case "electric", "electrical", "ocean", "alternating", "direct", "strong":
		return false
	}
	if h.get("then") != "" {
		return c.set("DATE", pastRef)
	}
	return c.set("DATE", presentRef)
}

// zoneSuffix is the TIMEX3 suffix for a time zone abbreviation.
func zoneSuffix(tz string) string {
	switch tz {
	case "GMT", "UTC":
		return "Z"
	case "BST", "CET":
		return "+01"
	case "CEST", "EET":
		return "+02"
	case "EEST":
		return "+03"
	case "EST", "CDT":
		return "-05"
	case "EDT":
		return "-04"
	case "CST", "MDT":
		return "-06"
	case "MST", "PDT":
		return "-07"
	case "PST":
		return "-08"
	}
	return "" // ET and PT shift with daylight saving time
}

// clockValue makes a TIME for a clock time on the reference day; c.clock
// lets a date next to it take its place.
func clockValue(h *hit, c *cand, hour, minute int, tz string) bool {
	c.clock = fmt.Sprintf("%02d:%02d", hour, minute) + zoneSuffix(tz)
	d := "XXXX-XX-XX"
	if h.a.ok {
		d = day(h.a.t)
	}
	return c.set("TIME", d+"T"+c.clock)
}

// clock12 values "3 p.m.", "10:30am", "9 PM GMT".
func clock12(h *hit, c *cand) bool {
	hour, _ := strconv.Atoi(h.get("h"))
	minute, _ := strconv.Atoi(h.get("mi"))
	pm := strings.HasPrefix(strings.ToLower(h.get("ap")), "p")
	switch {
	case pm && hour < 12:
		hour += 12
	case !pm && hour == 12:
		hour = 0
	}
	return clockValue(h, c, hour, minute, h.get("tz"))
}

// clockCues are the words before a 24-hour time that make it one rather
// than a score or a verse ("won 3:1", "John 3:16").
var clockCues = set(`at by until till from around about before after since to between and`)

// clock24 values "15:30 GMT", "at 09:00".
func clock24(h *hit, c *cand) bool {
	if h.get("tz") == "" && !clockCues[prevWord(h.text, c.start)] {
		return false
	}
	if c.start > 0 && (h.text[c.start-1] == ':' || h.text[c.start-1] == '.') {
		return false
	}
	hour, _ := strconv.Atoi(h.get("h"))
	minute, _ := strconv.Atoi(h.get("mi"))
	return clockValue(h, c, hour, minute, h.get("tz"))
}

// noon values "noon" and "midnight".
func noon(h *hit, c *cand) bool {
	if inName(h.text, c.start) {
		return false // "High Noon"
	}
	if strings.EqualFold(h.get("w"), "midnight") {
		return clockValue(h, c, 24, 0, "")
	}
	return clockValue(h, c, 12, 0, "")
}

// setRule values "daily", "every week", "every Tuesday", "twice a month".
func setRule(h *hit, c *cand) bool {
	w := h.lower("w")
	if capital(h.text, c.start) && !sentenceStart(h.text, c.start) && !strings.Contains(w, " ") {
		return false // "Daily Mail", "Weekly Standard"
	}
	switch w {
	case "daily":
		return c.set("SET", "P1D")
	case "weekly":
		return c.set("SET", "P1W")
	case "monthly":
		return c.set("SET", "P1M")
	case "annually", "yearly":
		return c.set("SET", "P1Y")
	case "hourly":
		return c.set("SET", "PT1H")
	case "nightly":
		return c.set("SET", "TNI")
	}
	if n := h.get("n"); n != "" {
		k, ok := number(n)
		if !ok {
			return false
		}
		return c.set("SET", durationValue(k, h.get("unit")))
	}
	f := strings.Fields(w)
	last := f[len(f)-1]
	if wd := weekdayNum(last); wd >= 0 {
		return c.set("SET", fmt.Sprintf("XXXX-WXX-%d", isoWeekday(wd)))
	}
	if p := partCode(last); p != "" {
		return c.set("SET", p)
	}
	if last == "weekend" {
		return c.set("SET", "XXXX-WXX-WE")
	}
	n := 1.0
	if len(f) > 2 && f[1] == "other" {
		n = 2
	}
	return c.set("SET", durationValue(n, last))
}

// holidays are the fixed-date holidays the recogniser knows.
var holidays = map[string][2]int{
	"christmas day": {12, 25}, "christmas": {12, 25}, "christmas eve": {12, 24},
	"new year's day": {1, 1}, "new year's eve": {12, 31}, "halloween": {10, 31},
	"valentine's day": {2, 14},
	// Movable feasts: a typical day, for picking the year; the day of
	// the year picked comes from movable.
	"thanksgiving": {11, 25}, "thanksgiving day": {11, 25}, "election day": {11, 5},
	"easter": {4, 5}, "easter sunday": {4, 5},
}

// movable returns the day of a movable holiday in year y, or 0.
func movable(name string, y int) (time.Month, int) {
	switch name {
	case "thanksgiving", "thanksgiving day": // the fourth Thursday of November (US)
		first := time.Date(y, time.November, 1, 0, 0, 0, 0, time.UTC).Weekday()
		return time.November, 1 + (int(time.Thursday)-int(first)+7)%7 + 21
	case "election day": // the Tuesday after the first Monday of November (US)
		first := time.Date(y, time.November, 1, 0, 0, 0, 0, time.UTC).Weekday()
		return time.November, 2 + (int(time.Monday)-int(first)+7)%7
	case "easter", "easter sunday": // Western Easter, the anonymous Gregorian computus
		a, b, c := y%19, y/100, y%100
		d, e := b/4, b%4
		f := (b + 8) / 25
		g := (b - f + 1) / 3
		h := (19*a + b - d - g + 15) % 30
		i, k := c/4, c%4
		l := (32 + 2*e + 2*i - h - k) % 7
		m := (a + 11*h + 22*l) / 451
		return time.Month((h + l - 7*m + 114) / 31), (h+l-7*m+114)%31 + 1
	}
	return 0, 0
}

// holiday values "Christmas", "New Year's Eve".
func holiday(h *hit, c *cand) bool {
	k := strings.ReplaceAll(h.lower("h"), "’", "'")
	md, ok := holidays[k]
	if !ok {
		return false
	}
	m, d := time.Month(md[0]), md[1]
	if !h.a.ok {
		c.day = fmt.Sprintf("XXXX-%02d-%02d", m, d)
		return c.set("DATE", c.day)
	}
	y := nearestYear(h.a.t, m, d, tense(h.text, c.start, c.end))
	if mm, dd := movable(k, y); mm != 0 {
		m, d = mm, dd
	}
	c.day = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	return c.set("DATE", c.day)
}

// Number words for spelled-out years ("nineteen ninety-six").
const (
	nineteenRE    = `nineteen\s+(?:` + decadeWords + `)(?:[\s-](?:` + unitWords + `))?|nineteen\s+(?:` + teenWords + `)`
	twoThousandRE = `two\s+thousand(?:\s+(?:and\s+)?(?:` + unitWords + `|` + teenWords + `))?`
	spelledYearRE = nineteenRE + `|` + twoThousandRE
	unitWords     = `one|two|three|four|five|six|seven|eight|nine`
	teenWords     = `ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen`
	decadeWords   = `twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety`
)

// spelledYear values "nineteen ninety-six" (1996) and "the year two
// thousand" (2000), as broadcast transcripts write years. "two thousand"
// alone is a count, so it needs "the year".
func spelledYear(h *hit, c *cand) bool {
	y, ok := spelledYearValue(h.lower("sp"))
	if !ok {
		return false
	}
	return c.set("DATE", year(y))
}

// spelledYearValue reads a spelled-out year: "nineteen ninety-six",
// "(the year) two thousand (and) one".
func spelledYearValue(s string) (int, bool) {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '\t' || r == '\n' })
	if len(words) > 2 && words[0] == "the" && words[1] == "year" {
		words = words[2:]
	}
	y, rest := 0, []string(nil)
	switch {
	case len(words) >= 2 && words[0] == "nineteen":
		y, rest = 1900, words[1:]
	case len(words) >= 2 && words[0] == "two" && words[1] == "thousand":
		y, rest = 2000, words[2:]
	default:
		return 0, false
	}
	for _, w := range rest {
		if w == "and" {
			continue
		}
		n, ok := number(w)
		if !ok {
			return 0, false
		}
		y += int(n)
	}
	return y, true
}

// monthSpelledYear values "January nineteen ninety-seven" (1997-01).
func monthSpelledYear(h *hit, c *cand) bool {
	if !capital(h.text, h.at("month")) {
		return false
	}
	y, ok := spelledYearValue(h.lower("sp"))
	if !ok {
		return false
	}
	return c.set("DATE", month(y, monthNum(h.get("month"))))
}

// seasonOfYear values "the winter of 1994", "summer 1998" and "the winter
// of nineteen ninety-four" (1994-WI).
func seasonOfYear(h *hit, c *cand) bool {
	y, _ := strconv.Atoi(h.get("year"))
	if sp := h.get("sp"); sp != "" {
		var ok bool
		if y, ok = spelledYearValue(strings.ToLower(sp)); !ok {
			return false
		}
	}
	if h.get("the") == "" && h.get("of") == "" {
		// "prices fall 2000 points", "the fall 1500 jobs": a bare
		// season and number need a preposition before them.
		if !yearCues[prevWord(h.text, c.start)] || pluralNext(h.text, c.end) {
			return false
		}
	}
	return c.set("DATE", fmt.Sprintf("%04d-%s", y, seasons[h.lower("season")].code))
}

// theSeason values "the summer", "over the early summer": the season
// under way at the reference date, or this year's.
func theSeason(h *hit, c *cand) bool {
	rest := strings.ToLower(h.text[c.end:min(len(h.text), c.end+4)])
	if strings.HasPrefix(rest, " of") || strings.HasPrefix(rest, "'s") || nextRune(h.text, c.end) == '-' {
		return false // "the fall of the Berlin Wall", "the spring's": not a time
	}
	season := h.lower("season")
	if season == "fall" {
		// "the fall in prices": "fall" is a season only at the end
		// of a clause ("over the fall.").
		if r := nextRune(h.text, c.end); r != ',' && r != '.' && r != ';' && r != 0 {
			return false
		}
	}
	s := seasons[season]
	if !h.a.ok {
		return c.set("DATE", "XXXX-"+s.code)
	}
	return c.set("DATE", fmt.Sprintf("%04d-%s", seasonYear(h.a.t, s.first, 0), s.code))
}

// halfYear values "the first half of 1990" (1990-H1), "the second half
// of the year".
func halfYear(h *hit, c *cand) bool {
	y := 0
	if ys := h.get("year"); ys != "" {
		y, _ = strconv.Atoi(ys)
	} else if h.a.ok {
		y = h.a.t.Year() + map[string]int{"last": -1, "next": 1}[h.lower("rel")]
	} else {
		return c.set("DATE", "XXXX-H"+map[bool]string{true: "1", false: "2"}[h.lower("h") == "first"])
	}
	half := "2"
	if h.lower("h") == "first" {
		half = "1"
	}
	return c.set("DATE", fmt.Sprintf("%04d-H%s", y, half))
}

// partOfDay values "mid-afternoon", "late morning yesterday": a part of
// the publication day, or of the day named after it.
func partOfDay(h *hit, c *cand) bool {
	off := map[string]int{"yesterday": -1, "tomorrow": 1}[h.lower("w")]
	if !h.a.ok {
		return c.set("TIME", relRef(off))
	}
	return c.set("TIME", day(h.a.t.AddDate(0, 0, off))+partCode(h.get("part")))
}

// lastQuarter returns the year and number of the last quarter completed
// before t.
func lastQuarter(t time.Time) (int, int) {
	q := (int(t.Month())-1)/3 + 1
	if q == 1 {
		return t.Year() - 1, 4
	}
	return t.Year(), q - 1
}

// theQuarter values "the quarter", "the latest quarter": in business news
// the quarter just reported, the last one completed before the
// publication date; "the current quarter" is the publication date's.
func theQuarter(h *hit, c *cand) bool {
	if !h.a.ok {
		return c.set("DATE", "XXXX-QX")
	}
	if h.lower("m") == "current" {
		return c.set("DATE", fmt.Sprintf("%04d-Q%d", h.a.t.Year(), (int(h.a.t.Month())-1)/3+1))
	}
	y, q := lastQuarter(h.a.t)
	return c.set("DATE", fmt.Sprintf("%04d-Q%d", y, q))
}

// theYear values "the year", "the fiscal year", "the current fiscal
// year": in news, and above all business news, the year of the
// publication date ("profit for the year", "earlier in the year");
// "the latest fiscal year" is the last one completed. "The year ended
// Sept. 30" is a length, P1Y.
func theYear(h *hit, c *cand) bool {
	m, fiscal := h.lower("m"), h.get("fy") != ""
	off := 0
	switch m {
	case "latest", "last", "previous", "past":
		off = -1
	case "next", "coming":
		off = 1
	}
	if off != 0 && !fiscal {
		return false // "the past year": relUnit's
	}
	if capital(h.text, h.at("y")) {
		return false // "Player of the Year", a title
	}
	switch r := nextRune(h.text, c.end); {
	case r == '-' || r == ' ' && c.end+1 < len(h.text) && h.text[c.end+1] >= '0' && h.text[c.end+1] <= '9':
		return false // "the year-ago quarter", "the year 1999": other rules'
	}
	rest := strings.Fields(strings.ToLower(h.text[c.end:min(len(h.text), c.end+12)]))
	if len(rest) > 0 {
		switch w := strings.Trim(rest[0], ",.;:"); w {
		case "that", "when", "which":
			if m == "" && !fiscal {
				return false // "the year that followed"
			}
		case "before", "after", "earlier", "later", "ago", "since":
			// "the year before", "the year since the attack": a year
			// placed by an event, not the publication date.
			return false
		case "ended", "ending", "to":
			return c.set("DURATION", "P1Y")
		}
	}
	if !h.a.ok {
		return c.set("DATE", relRef(off))
	}
	return c.set("DATE", year(h.a.t.Year()+off))
}

// yearQuarter values "the 1988 second quarter", "this year's third
// quarter", "last year's quarter" (the last completed quarter, a year
// before).
func yearQuarter(h *hit, c *cand) bool {
	y := 0
	if ys := h.get("year"); ys != "" {
		y, _ = strconv.Atoi(ys)
	} else if h.a.ok {
		y = h.a.t.Year() + map[string]int{"last": -1, "this": 0, "next": 1}[h.lower("rel")]
	} else {
		return false
	}
	q := map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4}[h.lower("q")]
	if q == 0 {
		if !h.a.ok {
			return c.set("DATE", fmt.Sprintf("%04d-QX", y))
		}
		_, q = lastQuarter(h.a.t)
	}
	return c.set("DATE", fmt.Sprintf("%04d-Q%d", y, q))
}

// yearAgo values "year-earlier" and "the year-ago quarter": the year
// before the publication date's, or the same quarter of it as the last
// completed one.
func yearAgo(h *hit, c *cand) bool {
	unit := h.lower("unit")
	if unit == "" && h.get("the") != "" {
		c.start = h.at("the") + len("the") + 1 // "the year-earlier results": the span is the modifier
	}
	if !h.a.ok {
		return c.set("DATE", pastRef)
	}
	c.yearBack = true
	if unit == "quarter" {
		y, q := lastQuarter(h.a.t)
		return c.set("DATE", fmt.Sprintf("%04d-Q%d", y-1, q))
	}
	return c.set("DATE", year(h.a.t.Year()-1))
}

// quarter values "the first quarter" and "Q3 2024".
func quarter(h *hit, c *cand) bool {
	q := strings.IndexByte("1234", h.get("q")[0]) + 1
	if q == 0 {
		q = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4}[h.lower("q")]
	}
	if y := h.get("year"); y != "" {
		return c.set("DATE", fmt.Sprintf("%s-Q%d", y, q))
	}
	if !h.a.ok {
		return c.set("DATE", fmt.Sprintf("XXXX-Q%d", q))
	}
	y := h.a.t.Year()
	if q > (int(h.a.t.Month())+2)/3 && tense(h.text, c.start, c.end) <= 0 {
		// A quarter not yet begun, reported in the past or present
		// tense, is last year's: "fourth-quarter profit fell", said
		// in January. (A quarter already over is this year's even in
		// the future tense: tense is the weaker clue.)
		y--
	}
	return c.set("DATE", fmt.Sprintf("%04d-Q%d", y, q))
}
