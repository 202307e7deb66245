package extract

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// titleSep matches the separators that pages put between a headline and
// the site's name or section in <title> and og:title.
var titleSep = regexp.MustCompile(`\s+[|–—•·›»~/-]\s+|\s*::\s*`)

// cleanTitle returns the headline of a page from its metadata title. A
// page's <h1> is its headline as shown; when the metadata title is that
// headline plus decoration ("Headline - Site"), the <h1> is taken. Else a
// leading or trailing part that names the site is cut off.
func cleanTitle(h1s []string, title, siteName, pageURL string) string {
	title = collapse(title)
	if title == "" {
		return ""
	}
	lower := strings.ToLower(title)
	site := siteKeys(siteName, pageURL)
	if isSiteName(title, site) {
		// The metadata title is only the site's name (a blog's name on
		// every post): the page's first other headline says more.
		for _, h := range h1s {
			if !isSiteName(h, site) {
				return h
			}
		}
		return title
	}
	for _, h := range h1s {
		hl := strings.ToLower(h)
		if hl == lower {
			return title
		}
		if wordCount(h) < 2 {
			continue
		}
		if rest, ok := strings.CutPrefix(lower, hl); ok && startsWithSep(rest) {
			return h
		}
		// "Site | Headline"; but not "Headline | Site" with the site's
		// name as the page's <h1>.
		if rest, ok := strings.CutSuffix(lower, hl); ok && endsWithSep(rest) && !namesSite(h, site) {
			return h
		}
	}
	parts := titleSep.Split(title, -1)
	seps := titleSep.FindAllString(title, -1)
	if len(parts) < 2 {
		return title
	}
	switch {
	case namesSite(parts[len(parts)-1], site):
		return strings.TrimSpace(title[:strings.LastIndex(title, seps[len(seps)-1])])
	case namesSite(parts[0], site):
		return strings.TrimSpace(title[len(parts[0])+len(seps[0]):])
	}
	return title
}

// startsWithSep reports whether s starts with a title separator.
func startsWithSep(s string) bool {
	loc := titleSep.FindStringIndex(s)
	return loc != nil && loc[0] == 0
}

// endsWithSep reports whether s ends with a title separator.
func endsWithSep(s string) bool {
	loc := titleSep.FindAllStringIndex(s, -1)
	return len(loc) > 0 && loc[len(loc)-1][1] == len(s)
}

// siteKeys returns the forms of the site's name that a title may carry:
// the site name and the host with and without its top-level domain, as
// letters and digits only.
func siteKeys(siteName, pageURL string) []string {
	var keys []string
	add := func(s string) {
		if k := alnum(s); len(k) >= 3 {
			keys = append(keys, k)
		}
	}
	add(siteName)
	if host := siteOf(pageURL); host != "" {
		add(host)
		if i := strings.LastIndexByte(host, '.'); i > 0 {
			add(host[:i])
			if j := strings.LastIndexByte(host[:i], '.'); j > 0 {
				add(host[j+1 : i])
			}
		}
	}
	return keys
}

// namesSite reports whether a title part is the site's name.
func namesSite(part string, keys []string) bool {
	p := alnum(part)
	if len(p) < 3 {
		return false
	}
	for _, k := range keys {
		if p == k || strings.Contains(p, k) || (len(p) >= 4 && strings.Contains(k, p)) {
			return true
		}
	}
	return false
}

// isSiteName reports whether a whole title is no more than the site's
// name, perhaps with a word added ("Example Blog", "Example-Archiv").
func isSiteName(title string, keys []string) bool {
	p := alnum(title)
	for _, k := range keys {
		if p == k || (len(p) >= 4 && strings.Contains(k, p)) || (strings.Contains(p, k) && len(p) < 2*len(k)) {
			return true
		}
	}
	return false
}

// alnum returns s lower-cased with everything but letters and digits
// removed.
func alnum(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// collapse folds every run of white space into one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// textContent returns the text under n.
func textContent(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if skipTags[n.Data] {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// maxHeadlineCandidates is how many of a page's <h1> elements may be its
// headline: the first is often the site's logo, the second the story's.
const maxHeadlineCandidates = 3

// chooseTitle picks the headline: the <h1> that the page's metadata titles
// (og:title, <title>, JSON-LD headline) back best, since the visible
// headline is what readers and the gold standard take, and metadata
// titles are often rewritten for search engines or carry the site's name.
// An <h1> is backed by a metadata title when at least 60% of its words
// are in it; the one sharing the most words wins. Else fallback (the
// cleaned metadata title) stands. Last, a kicker is cut: when og:title or
// the JSON-LD headline is the end of the chosen title ("Kicker: Headline"
// against "Headline"), the shorter one is taken.
func chooseTitle(pm *pageMeta, metaTitle, fallback string) string {
	var metas []string
	for _, m := range append([]string{pm.meta["og:title"], pm.title, metaTitle}, pm.headlines()...) {
		if m = collapse(m); m != "" {
			metas = append(metas, m)
		}
	}
	pick, best := fallback, 0
	for i, h := range pm.h1 {
		if i == maxHeadlineCandidates {
			break
		}
		hw := wordSet(h)
		if len(hw) == 0 {
			continue
		}
		for _, m := range metas {
			mw := wordSet(m)
			shared := 0
			for w := range hw {
				if mw[w] {
					shared++
				}
			}
			// A one-word <h1> must be the whole metadata title: one
			// shared word says little.
			if 10*shared >= 6*len(hw) && shared > best && (len(hw) >= 2 || 10*shared > 9*len(mw)) {
				pick, best = h, shared
			}
		}
	}
	for _, m := range append([]string{pm.meta["og:title"]}, pm.headlines()...) {
		m = collapse(m)
		pl, ml := strings.ToLower(pick), strings.ToLower(m)
		if m != "" && len(ml) < len(pl) && strings.HasSuffix(pl, ml) && len(wordSet(m)) >= 3 {
			pick = m
		}
	}
	return pick
}

// wordSet returns the lower-cased words (runs of letters and digits) of s.
func wordSet(s string) map[string]bool {
	ws := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_'
	}) {
		ws[w] = true
	}
	return ws
}
