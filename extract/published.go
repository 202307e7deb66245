package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	dps "github.com/markusmobius/go-dateparser"
	"github.com/markusmobius/go-htmldate"
	"golang.org/x/net/html"
)

// publicationDate finds the publication date of a parsed page: htmldate
// in its original-date mode, as htmldate's own evaluation runs it, with
// two corrections of our own.
//
// htmldate's time-of-day search adds the hours it finds to a date that
// may already carry them, which can move the day; so the day is taken
// with the time search off, and the time of day comes from an ISO 8601
// timestamp for that same day in htmldate's source string, the JSON-LD
// article or the publication-time meta tags (see timeOfDay).
//
// A date of 1 January with no time is usually a year alone ("© 2004")
// that htmldate completed; then the page's most recent date, htmldate's
// default mode, is taken when it finds one.
func publicationDate(root *html.Node, pm *pageMeta, pageURL string) htmldate.Result {
	date, err := htmldateFrom(root, pageURL, primaryLang(pm.lang))
	if err != nil || date.IsZero() {
		return htmldate.Result{}
	}
	if shown, ok := shownOverGenericMeta(root, pm, date, pageURL); ok {
		date = shown
	}
	// htmldate reads "/2023/10/3-questions" as 3 October; a day in a URL
	// is a path segment of its own. Otherwise the URL waits until the
	// page's own dates have been searched.
	if pageURL != "" && date.SrcString == pageURL && !urlDay.MatchString(pageURL) {
		if later, err := htmldate.FromDocument(root, htmldate.Options{UseOriginalDate: true, URL: pageURL, DeferUrlExtractor: true}); err == nil && !later.IsZero() {
			date = later
		}
	}
	if date.DateTime.Month() == time.January && date.DateTime.Day() == 1 {
		if latest, err := htmldate.FromDocument(root, htmldate.Options{URL: pageURL}); err == nil && !latest.IsZero() {
			date = latest
		}
	}
	date.HasTime, date.HasTimezone = false, false
	y, m, d := date.DateTime.Date()
	candidates := []string{date.SrcString}
	if shown, ok := shownDate(pm, y, m, d); ok {
		y, m, d = shown.year, shown.month, shown.day
		candidates = []string{shown.raw}
	}
	date.DateTime = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	for _, o := range pm.articleLD() {
		candidates = append(candidates, ldString(o, "datePublished"), ldString(o, "dateCreated"))
	}
	for _, k := range publishedMeta {
		candidates = append(candidates, pm.meta[k])
	}
	for _, c := range candidates {
		if t, tz, ok := timeOfDay(c, y, m, d); ok {
			date.DateTime, date.HasTime, date.HasTimezone = localMidnight(t, tz), true, tz
			break
		}
	}
	return date
}

// localMidnight returns a UTC timestamp of exactly 22:00 or 23:00 as the
// same instant at midnight of the next day in UTC+2 or UTC+1: a page that
// stores a bare date as local midnight in Central Europe writes
// "2022-11-06T23:00:00Z" for 7 November, the day it shows its readers.
// Any other time is returned as it is.
func localMidnight(t time.Time, hasZone bool) time.Time {
	if !hasZone || t.Location() != time.UTC || t.Minute() != 0 || t.Second() != 0 || t.Hour() < 22 {
		return t
	}
	off := 24 - t.Hour()
	return t.In(time.FixedZone("", off*3600))
}

// genericDateMeta are the meta tags that name a date without saying
// which; many sites fill them with the day the page was generated or
// last changed.
var genericDateMeta = map[string]bool{"date": true, "dc.date": true, "dcterms.date": true}

// shownOverGenericMeta returns the date the page shows in its text where
// htmldate took its date from a generic date meta tag: htmldate is run
// again with those tags taken out of the tree (and put back after), and
// its answer is taken when it is a full day written out in the page
// ("29.04.2020, 12:01 Uhr"), which htmldate finds in the elements marked
// as dates. An ISO timestamp found instead comes from other metadata
// that htmldate had ranked below the tag; a year range or a copyright
// line is no publication date.
func shownOverGenericMeta(root *html.Node, pm *pageMeta, date htmldate.Result, pageURL string) (htmldate.Result, bool) {
	src := strings.TrimSpace(date.SrcString)
	generic := false
	for k := range genericDateMeta {
		if v := strings.TrimSpace(pm.meta[k]); v != "" && v == src {
			generic = true
		}
	}
	if !generic {
		return htmldate.Result{}, false
	}
	var tags []*html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "meta" {
			for _, k := range []string{"name", "property", "itemprop"} {
				if genericDateMeta[strings.ToLower(strings.TrimSpace(attr(n, k)))] {
					tags = append(tags, n)
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(root)
	type place struct{ parent, next *html.Node }
	places := make([]place, len(tags))
	for i, n := range tags {
		places[i] = place{n.Parent, n.NextSibling}
		n.Parent.RemoveChild(n)
	}
	shown, err := htmldateFrom(root, pageURL, primaryLang(pm.lang))
	for i := len(tags) - 1; i >= 0; i-- {
		places[i].parent.InsertBefore(tags[i], places[i].next)
	}
	if err != nil || shown.IsZero() || strings.Contains(shown.SrcString, "©") || !writtenDay.MatchString(shown.SrcString) {
		return htmldate.Result{}, false
	}
	return shown, true
}

// writtenDay matches a full date written out as day, month and year in
// numbers: 29.04.2020, 5. 2. 2020.
var writtenDay = regexp.MustCompile(`(?:^|\D)\d{1,2}\.\s?\d{1,2}\.\s?\d{4}(?:\D|$)`)

// htmldateFrom runs htmldate in original-date mode. htmldate takes a date
// in the URL before anything in the page, but only after copying the
// whole tree; so the URL is tried first on an empty document, which gives
// the same answer without the copy.
func htmldateFrom(root *html.Node, pageURL, lang string) (htmldate.Result, error) {
	opts := htmldate.Options{UseOriginalDate: true, URL: pageURL, DateParserConfig: dateParserConfig(lang)}
	if pageURL != "" {
		if date, err := htmldate.FromDocument(&html.Node{Type: html.DocumentNode}, opts); err == nil && !date.IsZero() && date.SrcString == pageURL {
			return date, nil
		}
	}
	return htmldate.FromDocument(root, opts)
}

// dateParserLanguages are the languages whose dates htmldate's text
// search (go-dateparser) is limited to when a page declares one of them.
var dateParserLanguages = map[string]bool{}

func init() {
	for _, l := range strings.Fields("en de fr es it pt nl pl cs sk sv da nb fi hu ro ru uk tr el ja zh ko ar he hi id ms vi th ca hr sl sr bg lt lv et") {
		dateParserLanguages[l] = true
	}
}

// dateParserConfig returns the configuration of htmldate's text search
// for a page in language lang: htmldate's own settings, with the
// languages tried cut to the page's own and English, where the page
// declares a language go-dateparser knows. Trying every one of its
// locales on every date-like string is most of htmldate's time.
func dateParserConfig(lang string) *dps.Configuration {
	cfg := &dps.Configuration{PreferredDateSource: dps.Past, StrictParsing: true}
	if dateParserLanguages[lang] {
		cfg.Languages = []string{lang}
		if lang != "en" {
			cfg.Languages = append(cfg.Languages, "en")
		}
	}
	return cfg
}

// stamp is a date as a page writes it: the calendar day in the page's
// own offset, and the instant when a time of day and offset are given.
type stamp struct {
	year    int
	month   time.Month
	day     int
	instant time.Time // zero without a time of day and offset
	raw     string
}

// parseStamp reads an ISO 8601 date or date-time at the start of s.
func parseStamp(s string) (stamp, bool) {
	sub := isoDay.FindStringSubmatch(strings.TrimSpace(s))
	if sub == nil {
		return stamp{}, false
	}
	st := stamp{year: atoi(sub[1]), month: time.Month(atoi(sub[2])), day: atoi(sub[3]), raw: s}
	if st.month < 1 || st.month > 12 || st.day < 1 || st.day > 31 {
		return stamp{}, false
	}
	if t, hasZone, ok := timeOfDay(s, st.year, st.month, st.day); ok && hasZone {
		st.instant = t
	}
	return st, true
}

func (s stamp) sameDay(o stamp) bool {
	return s.year == o.year && s.month == o.month && s.day == o.day
}

// isoDay matches the date at the start of an ISO 8601 value.
var isoDay = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})`)

// modifiedMeta are the meta tags that give a modification time.
var modifiedMeta = []string{
	"article:modified_time", "og:updated_time", "datemodified", "last-modified",
	"dcterms.modified", "dc.date", "dcterms.date",
}

// shownDate returns the date the page shows at the head of its article
// when it differs from the day y-m-d found by htmldate: the first <time
// datetime> element outside list items, navigation, footers and asides
// (where other stories' and comments' dates sit) whose day the page's
// metadata (JSON-LD, meta tags) also states, as a day or as the same
// instant. That is the date a reader sees on the article; htmldate
// prefers URL dates and generic meta tags, which may be the day the
// address was made, a UTC day, or an update the page does not show. The
// element's visible text must not name another day of the month (a
// UTC datetime shown as the next local day).
func shownDate(pm *pageMeta, y int, m time.Month, d int) (stamp, bool) {
	var tm *timeMark
	var shown stamp
	for i := range pm.times {
		if pm.times[i].aside {
			continue
		}
		if st, ok := parseStamp(pm.times[i].datetime); ok {
			tm, shown = &pm.times[i], st
			break
		}
	}
	if tm == nil || (shown.year == y && shown.month == m && shown.day == d) || !showsDay(tm.text, shown) {
		return stamp{}, false
	}
	var stated []string
	for _, o := range pm.jsonLD {
		stated = append(stated, ldString(o, "datePublished"), ldString(o, "dateCreated"), ldString(o, "dateModified"))
	}
	for _, k := range publishedMeta {
		stated = append(stated, pm.meta[k])
	}
	for _, k := range modifiedMeta {
		stated = append(stated, pm.meta[k])
	}
	for _, s := range stated {
		st, ok := parseStamp(s)
		if !ok {
			continue
		}
		if st.sameDay(shown) || (!st.instant.IsZero() && st.instant.Equal(shown.instant)) {
			return shown, true
		}
	}
	return stamp{}, false
}

// showsDay reports whether the visible text of a <time> element agrees
// with its datetime's day: when the text names the year, it must also
// name the day of the month.
func showsDay(text string, st stamp) bool {
	nums := map[int]bool{}
	for _, f := range digitRuns.FindAllString(text, -1) {
		nums[atoi(f)] = true
	}
	return !nums[st.year] || nums[st.day]
}

var digitRuns = regexp.MustCompile(`\d+`)

// urlDay matches a full date in a URL: /2024/03/20/ (the day ending its
// path segment), 20240320 or 2024-03-20.
var urlDay = regexp.MustCompile(`/\d{4}/\d{1,2}/\d{1,2}(?:[/.?#]|$)|\d{4}-?\d{2}-?\d{2}`)

// publishedMeta are the meta tags that give a publication time.
var publishedMeta = []string{
	"article:published_time", "og:article:published_time", "datepublished",
	"publishdate", "publish-date", "pubdate", "dc.date.issued", "dcterms.created",
	"parsely-pub-date", "sailthru.date", "date",
}

// isoTimestamp matches an ISO 8601 date with a time of day and an
// optional offset: 2024-03-20T14:05:00+01:00, 2024-03-20 14:05Z.
var isoTimestamp = regexp.MustCompile(`(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?`)

// timeOfDay reads the first ISO 8601 timestamp of s. It reports it when
// it falls on the day y-m-d as written (the page's own calendar day, in
// its own offset), and whether it carried an offset. Midnight without an
// offset is a date padded with zeros, not a time.
func timeOfDay(s string, y int, m time.Month, d int) (t time.Time, hasZone, ok bool) {
	if len(s) < 16 {
		return time.Time{}, false, false
	}
	sub := isoTimestamp.FindStringSubmatch(s)
	if sub == nil || atoi(sub[1]) != y || time.Month(atoi(sub[2])) != m || atoi(sub[3]) != d {
		return time.Time{}, false, false
	}
	hh, mm, ss := atoi(sub[4]), atoi(sub[5]), atoi(sub[6])
	if hh > 23 || mm > 59 || ss > 59 {
		return time.Time{}, false, false
	}
	loc := time.UTC
	if zone := sub[7]; zone != "" && zone != "Z" {
		sign := 1
		if zone[0] == '-' {
			sign = -1
		}
		digits := zone[1:]
		if len(digits) == 5 {
			digits = digits[:2] + digits[3:]
		}
		h, _ := strconv.Atoi(digits[:2])
		mi, _ := strconv.Atoi(digits[2:])
		if h > 14 || mi > 59 {
			return time.Time{}, false, false
		}
		loc = time.FixedZone("", sign*(h*3600+mi*60))
	}
	if sub[7] == "" && hh == 0 && mm == 0 && ss == 0 {
		return time.Time{}, false, false
	}
	return time.Date(y, m, d, hh, mm, ss, 0, loc), sub[7] != "", true
}
