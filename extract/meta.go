package extract

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/markusmobius/go-htmldate"
)

// authorSep splits a list of names: semicolons, commas, "and", "&" and
// the German "und" (the eval data is largely German).
var authorSep = regexp.MustCompile(`(?i)\s*(?:;|,|\||&|\s+and\s+|\s+und\s+)\s*`)

// authorBy strips the label of a byline: "By", "Written by", "Author:"
// and their equivalents in the languages of the eval data (German,
// French, Spanish, Dutch, Scandinavian).
var authorBy = regexp.MustCompile(`(?i)^(?:(?:written|posted|reported|published|edited)\s+by|(?:ein\s+)?(?:beitrag|artikel|text)\s+von|(?:eingestellt|veröffentlicht|geschrieben)\s+von|zeige alle beiträge von|publié\s+par|publicado\s+por|interview\s*:|by|von|vom|par|por|door|av|af|author|autor|autorin|auteur|verfasser)(?:\s*:\s*|\s+)`)

// SplitAuthors splits a byline or a metadata author string into names:
// "By Jane Roe and John Doe" gives ["Jane Roe", "John Doe"]. Empty parts
// and repeated names are dropped. A part that is only a role such as
// "Reuters staff" stays as given; telling people from desks is left to the
// nlp stages.
func SplitAuthors(s string) []string {
	s = strings.Join(strings.Fields(s), " ")
	s = authorBy.ReplaceAllString(s, "")
	var names []string
	seen := map[string]bool{}
	for _, part := range authorSep.Split(s, -1) {
		part = strings.Trim(authorBy.ReplaceAllString(part, ""), " :-–—")
		key := strings.ToLower(part)
		if part == "" || seen[key] {
			continue
		}
		seen[key] = true
		names = append(names, part)
	}
	return names
}

// formatDate writes a found date as ISO 8601: a date, or a date-time when
// the page gave a time of day, with its offset when it gave a time zone.
func formatDate(r htmldate.Result) string {
	switch {
	case r.IsZero():
		return ""
	case r.HasTime && r.HasTimezone:
		return r.DateTime.Format(time.RFC3339)
	case r.HasTime:
		return r.DateTime.Format("2006-01-02T15:04:05")
	}
	return r.DateTime.Format("2006-01-02")
}

// trackingParam reports whether a query parameter only tracks the reader
// and does not select the page.
func trackingParam(name string) bool {
	name = strings.ToLower(name)
	switch name {
	case "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga", "ocid", "cmpid":
		return true
	}
	return strings.HasPrefix(name, "utm_")
}

// cleanURL returns an absolute http(s) URL without tracking parameters and
// fragment, or "" when s is not one.
func cleanURL(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment, u.RawFragment = "", ""
	// Filter the raw query rather than re-encoding it, so that the kept
	// parameters stay byte for byte and in order.
	var kept []string
	for _, p := range strings.Split(u.RawQuery, "&") {
		key, _, _ := strings.Cut(p, "=")
		if k, err := url.QueryUnescape(key); p == "" || (err == nil && trackingParam(k)) {
			continue
		}
		kept = append(kept, p)
	}
	u.RawQuery = strings.Join(kept, "&")
	u.ForceQuery = false
	return u.String()
}

// siteOf returns the host of a URL without a leading "www.", or "".
func siteOf(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// canonicalURL chooses the document URL: the page's own canonical URL when
// it is sane, else the URL the caller gave. A canonical link is sane when
// it is on the same site as the caller's URL (if any) and does not point
// at the site's home page, a common template mistake.
func canonicalURL(given, page string) string {
	given, page = cleanURL(given), cleanURL(page)
	if page == "" {
		return given
	}
	if given == "" {
		return page
	}
	pu, err := url.Parse(page)
	if err != nil {
		return given
	}
	if siteOf(page) != siteOf(given) || strings.Trim(pu.Path, "/") == "" {
		return given
	}
	return page
}
