package extract

import (
	"regexp"
	"strconv"
	"time"

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
	date, err := htmldate.FromDocument(root, htmldate.Options{UseOriginalDate: true, URL: pageURL})
	if err != nil || date.IsZero() {
		return htmldate.Result{}
	}
	if date.DateTime.Month() == time.January && date.DateTime.Day() == 1 {
		if latest, err := htmldate.FromDocument(root, htmldate.Options{URL: pageURL}); err == nil && !latest.IsZero() {
			date = latest
		}
	}
	date.HasTime, date.HasTimezone = false, false
	y, m, d := date.DateTime.Date()
	date.DateTime = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	candidates := []string{date.SrcString}
	for _, o := range pm.articleLD() {
		candidates = append(candidates, ldString(o, "datePublished"), ldString(o, "dateCreated"))
	}
	for _, k := range publishedMeta {
		candidates = append(candidates, pm.meta[k])
	}
	for _, c := range candidates {
		if t, tz, ok := timeOfDay(c, y, m, d); ok {
			date.DateTime, date.HasTime, date.HasTimezone = t, true, tz
			break
		}
	}
	return date
}

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
