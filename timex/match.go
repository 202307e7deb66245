package timex

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// cand is one time expression found by a rule.
type cand struct {
	start, end int
	typ, value string
	rule       int // index into rules: earlier rules win ties
	// For joining a clock time with a date next to it ("3 p.m. on
	// Tuesday"): clock is "15:00" or "15:00Z" on a bare clock time, day
	// is a full day value ("2024-03-19", "XXXX-WXX-2") on a date.
	clock, day string
	// yearBack marks "a year ago", "year-earlier", "last year": in a
	// report on a quarter they mean that quarter a year before.
	yearBack bool
	// anaUnit and anaOff mark "that year", "the following day": the
	// unit off units from the date mentioned last (anaphora), not
	// from the publication date.
	anaUnit    string
	anaOff     int
	anaWeekday time.Weekday // with anaOff: "the previous Friday"
}

// hit is one regular-expression match being turned into a cand.
type hit struct {
	text string
	a    anchor
	re   *regexp.Regexp
	m    []int // submatch indexes
}

// get returns the text of the named group, or "".
func (h *hit) get(name string) string {
	i := h.re.SubexpIndex(name)
	if i < 0 || h.m[2*i] < 0 {
		return ""
	}
	return h.text[h.m[2*i]:h.m[2*i+1]]
}

// at returns the start of the named group, or -1.
func (h *hit) at(name string) int {
	i := h.re.SubexpIndex(name)
	if i < 0 {
		return -1
	}
	return h.m[2*i]
}

// lower returns the named group lower-cased with spaces collapsed.
func (h *hit) lower(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(h.get(name)), " "))
}

// rule is one pattern and the function that checks a match and values it;
// fn returns false to reject the match. It may narrow c's span. first
// lists the words a match may start with.
type rule struct {
	re    *regexp.Regexp
	fn    func(h *hit, c *cand) bool
	first string
	need  string
}

// needs is each rule's need, split into groups of alternatives.
var needs = func() [][][]string {
	out := make([][][]string, len(rules))
	for i, r := range rules {
		for _, g := range strings.Split(r.need, ";") {
			if f := strings.Fields(g); len(f) > 0 {
				out[i] = append(out[i], f)
			}
		}
	}
	return out
}()

// hasNeeds reports whether window (lower case) holds every group of need.
func hasNeeds(window string, need [][]string) bool {
	for _, g := range need {
		ok := false
		for _, w := range g {
			if w == "#" && strings.ContainsAny(window, "0123456789") || strings.Contains(window, w) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// asciiLower lower-cases ASCII letters only, so that byte offsets stay.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// byFirst maps a first word to the indexes of the rules that may start
// with it.
var byFirst = func() map[string][]int {
	groups := map[string]string{"MONTHS": firstMonths, "WEEKDAYS": firstWeekdays, "MODS": firstMods, "NUMS": firstNums}
	m := map[string][]int{}
	for i, r := range rules {
		for _, w := range strings.Fields(r.first) {
			ws := []string{w}
			if g, ok := groups[w]; ok {
				ws = strings.Fields(g)
			}
			for _, w := range ws {
				if !slices.Contains(m[w], i) {
					m[w] = append(m[w], i)
				}
			}
		}
	}
	return m
}()

// starts returns the offsets in [lo, hi) where a word starts, with the
// word's trigger: its lower-cased letters, "#" for a number, "'" for an
// apostrophe before a digit ("'90s").
func starts(text string, lo, hi int, fn func(at int, word string)) {
	prevWord := false
	for i := lo; i < hi; {
		r, n := utf8.DecodeRuneInString(text[i:hi])
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case isWord && !prevWord && unicode.IsDigit(r):
			fn(i, "#")
		case isWord && !prevWord:
			j := i
			for j < hi {
				r, n := utf8.DecodeRuneInString(text[j:hi])
				if !unicode.IsLetter(r) {
					break
				}
				j += n
			}
			fn(i, strings.ToLower(text[i:j]))
		case (r == '\'' || r == '’') && !prevWord && i+n < hi && text[i+n] >= '0' && text[i+n] <= '9':
			fn(i, "'")
		}
		prevWord = isWord
		i += n
	}
}

// match tries the rules at every word start where they may match, and
// keeps the best non-overlapping expressions: longest first, then
// earliest, then by rule order. Trying anchored patterns at a few word
// starts is an order of magnitude faster than letting each pattern search
// the text.
func match(text string, ref time.Time) []cand {
	a := newAnchor(ref)
	lower := asciiLower(text)
	var cs []cand
	for _, ch := range chunks(text) {
		starts(text, ch[0], ch[1], func(at int, word string) {
			// No expression is near maxLen bytes long; reading no
			// further keeps each try cheap.
			end := min(ch[1], at+maxLen)
			for _, ri := range byFirst[word] {
				r := rules[ri]
				if !hasNeeds(lower[at:end], needs[ri]) {
					continue
				}
				m := r.re.FindStringSubmatchIndex(text[at:end])
				if m == nil || (m[1] == end-at && end < ch[1]) {
					continue
				}
				for i := range m {
					if m[i] >= 0 {
						m[i] += at
					}
				}
				h := hit{text: text, a: a, re: r.re, m: m}
				c := cand{start: m[0], end: m[1], rule: ri}
				if r.fn(&h, &c) && c.start < c.end {
					cs = append(cs, c)
				}
			}
		})
	}
	slices.SortFunc(cs, func(x, y cand) int {
		if lx, ly := x.end-x.start, y.end-y.start; lx != ly {
			return ly - lx
		}
		if x.start != y.start {
			return x.start - y.start
		}
		return x.rule - y.rule
	})
	// Matches are short, so marking the bytes taken keeps this linear in
	// the text however many matches there are.
	var kept []cand
	taken := make([]bool, len(text))
	for _, c := range cs {
		if slices.Contains(taken[c.start:c.end], true) {
			continue
		}
		for i := c.start; i < c.end; i++ {
			taken[i] = true
		}
		kept = append(kept, c)
	}
	slices.SortFunc(kept, func(x, y cand) int { return x.start - y.start })
	return anaphora(sameQuarterYearBefore(moveByLead(text, joinClock(text, kept)), a))
}

// quarterValue matches a quarter's value ("1989-Q3").
var quarterValue = regexp.MustCompile(`^(\d{4})-Q([1-4])$`)

// sameQuarterYearBefore resolves "a year earlier" and its kin against the
// quarter named just before (within quarterReach bytes): business news
// compares a quarter with the same quarter a year before ("profit rose in
// the third quarter from a year earlier" is 1988-Q3 in a 1989 report).
// A quarter still ahead of the reference date ("losses through the third
// quarter of 1990") is a forecast, not the quarter being compared.
func sameQuarterYearBefore(cs []cand, a anchor) []cand {
	const quarterReach = 400
	last, lastEnd := "", -1
	for i := range cs {
		c := &cs[i]
		if c.yearBack && last != "" && c.start-lastEnd <= quarterReach {
			m := quarterValue.FindStringSubmatch(last)
			y, _ := strconv.Atoi(m[1])
			c.value = fmt.Sprintf("%04d-Q%s", y-1, m[2])
			continue
		}
		if m := quarterValue.FindStringSubmatch(c.value); m != nil {
			y, _ := strconv.Atoi(m[1])
			q := int(m[2][0] - '0')
			if a.ok && y*4+q > a.t.Year()*4+(int(a.t.Month())+2)/3 {
				continue
			}
			last, lastEnd = c.value, c.end
		}
	}
	return cs
}

// maxLen bounds the length of an expression in bytes.
const maxLen = 120

// chunks splits text into sentences and lines, which no expression
// crosses, so that a rule tried at a word start reads no further than its
// sentence.
func chunks(text string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(text); i++ {
		// "Mar. 19", "3 p.m. on" and "3 p.m. EST Tuesday" go on.
		if !sentenceEnd(text, i) {
			continue
		}
		if i+1 > start {
			out = append(out, [2]int{start, i + 1})
		}
		start = i + 1
	}
	if start < len(text) {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// joinClock joins a clock time and a day next to it into one TIME: "3 p.m.
// on Tuesday", "Tuesday at 15:30 GMT", "March 19, 3 p.m.".
func joinClock(text string, cs []cand) []cand {
	out := cs[:0]
	for i := 0; i < len(cs); i++ {
		c := cs[i]
		if i+1 < len(cs) {
			n := cs[i+1]
			gap := strings.TrimSpace(text[c.end:n.start])
			if gap == "" || gap == "," || gap == "on" || gap == "at" || gap == ", at" {
				var clock, day string
				switch {
				case c.clock != "" && n.day != "":
					clock, day = c.clock, n.day
				case c.day != "" && n.clock != "":
					day, clock = c.day, n.clock
				}
				if clock != "" {
					c = cand{start: c.start, end: n.end, typ: "TIME", value: day + "T" + clock, rule: c.rule}
					i++
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// clockReach is how far, in bytes, a clock time alone looks back for
// its day: about a paragraph.
const clockReach = 600

// dateValue matches the calendar part of a value: a year, month or day.
var dateValue = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|T)`)

// anaphora resolves "that year", "the following month", "earlier that
// day" against the last date mentioned before them, as TimeML does: a
// narrative moves its own time along ("in 1995 ... the following year").
// With no such date, or one coarser than the unit ("in 1995 ... that
// day"), the value stays resolved against the publication date.
func anaphora(cs []cand) []cand {
	var last time.Time
	lastEnd := 0
	gran := "" // "year", "month" or "day": how precise last is
	for i := range cs {
		c := &cs[i]
		if c.clock != "" && gran == "day" && c.start-lastEnd <= clockReach {
			// "The blast came on Friday. ... at 10:35 a.m.": a clock
			// time alone is on the day the story is at.
			c.value = day(last) + "T" + c.clock
		}
		if c.anaOff != 0 && c.anaUnit == "" && gran == "day" {
			// "the previous Friday": strictly before the day last
			// mentioned; "the following Friday" strictly after.
			d, part := day(weekday(last, c.anaWeekday, 2*c.anaOff)), ""
			if len(c.value) > len(d) {
				part = c.value[len(d):] // "TNI" of "the previous Friday night"
			}
			if c.day != "" {
				c.day = d
			}
			c.value = d + part
		}
		if c.anaUnit != "" && gran != "" && finer(gran, c.anaUnit) {
			switch t := last; c.anaUnit {
			case "year":
				c.value = year(t.Year() + c.anaOff)
			case "month":
				y, m := addMonths(t, c.anaOff)
				c.value = month(y, m)
			case "week":
				c.value = isoWeek(t.AddDate(0, 0, 7*c.anaOff))
			case "day":
				c.value = day(t.AddDate(0, 0, c.anaOff))
			}
		}
		m := dateValue.FindStringSubmatch(c.value)
		if c.typ != "DATE" && c.typ != "TIME" || m == nil {
			continue
		}
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		lastEnd = c.end
		switch {
		case m[3] != "":
			last, gran = time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), "day"
		case m[2] != "":
			last, gran = time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC), "month"
		default:
			last, gran = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), "year"
		}
	}
	return cs
}

// finer reports whether a date known to gran is precise enough for unit.
func finer(gran, unit string) bool {
	switch unit {
	case "year":
		return true
	case "month":
		return gran != "year"
	}
	return gran == "day" // week, day
}

// dayLeads are the words before a day that make a new date of it: "the
// week of March 6" is its ISO week (2000-W10), "the day before last
// Tuesday" the Monday, "the day after Christmas" December 26.
var dayLeads = []struct {
	lead string
	week bool
	days int
}{
	{"the week of ", true, 0},
	{"the day before ", false, -1}, {"day before ", false, -1},
	{"the day after ", false, 1}, {"day after ", false, 1},
}

// moveByLead widens or moves a day after one of dayLeads.
func moveByLead(text string, cs []cand) []cand {
	for i := range cs {
		c := &cs[i]
		if c.day == "" || c.typ != "DATE" {
			continue
		}
		d, err := time.Parse("2006-01-02", c.day)
		if err != nil {
			continue // "XXXX-03-06": no week without a year
		}
		for _, l := range dayLeads {
			if c.start < len(l.lead) || !strings.EqualFold(text[c.start-len(l.lead):c.start], l.lead) {
				continue
			}
			c.start -= len(l.lead)
			if l.week {
				c.value, c.day = isoWeek(d), ""
			} else {
				c.day = day(d.AddDate(0, 0, l.days))
				c.value = c.day
			}
			break
		}
	}
	return cs
}
