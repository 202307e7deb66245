package extract

import (
	"encoding/json"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// pageMeta is what one walk over a parsed page collects for the metadata
// rules: meta tags, JSON-LD objects, headings and the elements that mark
// an author. Walking once and keeping what later rules need is cheaper
// than querying the tree per field.
type pageMeta struct {
	title     string            // <title>
	lang      string            // <html lang>
	meta      map[string]string // <meta> by lower-cased name, property or itemprop; first wins
	canonical string            // <link rel=canonical>
	jsonLD    []map[string]any  // JSON-LD objects, @graph members flattened
	h1        []string          // <h1> texts in document order
	bylines   []string          // texts of elements marked as the author
	times     []timeMark        // <time datetime> elements, in document order
	labelled  []string          // short blocks whose text starts with a byline label ("By", "Autor:")
}

// maxLabelled bounds the labelled bylines kept.
const maxLabelled = 4

// bylineLabel matches the start of a byline written out in the page:
// "By", "Von", "Autor:", "Author:", "Text:".
var bylineLabel = regexp.MustCompile(`^(?:(?i:written by|posted by|by|von|par|por)\s+\p{Lu}|(?i:autor|autorin|author|auteur|text|verfasser)\s*:)`)

// maxTimes bounds the <time> elements kept.
const maxTimes = 8

// maxJSONLD bounds the JSON-LD a page may carry that is decoded (bytes).
const maxJSONLD = 1 << 20

// readPageMeta walks the page once.
func readPageMeta(root *html.Node) *pageMeta {
	pm := &pageMeta{meta: map[string]string{}}
	// aside is true under elements that hold other stories' dates or
	// readers' ones: list items, navigation, footers, asides.
	var walk func(n *html.Node, aside bool)
	walk = func(n *html.Node, aside bool) {
		if n.Type == html.TextNode && len(pm.labelled) < maxLabelled && n.Parent != nil {
			// Separators may open the text node: "<time>…</time> · by Jane".
			if t := strings.TrimLeft(n.Data, " \t\r\n·•|–—-/"); t != "" && len(t) < 200 && bylineLabel.MatchString(t) {
				if b := collapse(textContent(n.Parent)); len(b) < 160 {
					pm.labelled = append(pm.labelled, b)
				}
			}
			return
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				if pm.lang == "" {
					pm.lang = attr(n, "lang")
				}
			case "title":
				if pm.title == "" && n.Parent != nil && n.Parent.Data != "svg" {
					pm.title = collapse(textContent(n))
				}
				return
			case "meta":
				content := strings.TrimSpace(attr(n, "content"))
				if content == "" {
					return
				}
				for _, k := range []string{"name", "property", "itemprop"} {
					if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" {
						if _, ok := pm.meta[key]; !ok {
							pm.meta[key] = content
						}
					}
				}
				return
			case "link":
				if pm.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					pm.canonical = strings.TrimSpace(attr(n, "href"))
				}
				return
			case "script":
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
					pm.addJSONLD(n.FirstChild.Data)
				}
				return
			case "time":
				if dt := strings.TrimSpace(attr(n, "datetime")); dt != "" && len(pm.times) < maxTimes {
					pm.times = append(pm.times, timeMark{
						datetime: dt,
						text:     collapse(textContent(n)),
						aside:    aside || isAsideTime(n),
					})
				}
			case "li", "nav", "footer", "aside":
				aside = true
			case "h1":
				if t := collapse(textContent(n)); t != "" {
					pm.h1 = append(pm.h1, t)
				}
			case "style", "noscript", "template", "svg":
				return
			}
			if isAuthorMark(n) {
				if t := collapse(textContent(n)); t != "" && len(t) < 200 {
					pm.bylines = append(pm.bylines, t)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, aside)
		}
	}
	walk(root, false)
	return pm
}

// timeMark is a <time> element with a machine-readable datetime.
type timeMark struct {
	datetime string // the datetime attribute
	text     string // the text a reader sees
	aside    bool   // under a list item, nav, footer or aside, or marked as a comment's or modification time
}

// isAsideTime reports whether a <time> element says it is not the
// article's publication time: a modification time (itemprop=dateModified)
// or a comment's time (a class naming a comment, on it or its parent).
func isAsideTime(n *html.Node) bool {
	if hasToken(attr(n, "itemprop"), "dateModified") {
		return true
	}
	cls := attr(n, "class")
	if n.Parent != nil {
		cls += " " + attr(n.Parent, "class")
	}
	return strings.Contains(strings.ToLower(cls), "comment")
}

// isAuthorMark reports whether an element is marked up as naming the
// author: rel=author, itemprop=author, or a class naming a byline.
func isAuthorMark(n *html.Node) bool {
	if hasToken(attr(n, "rel"), "author") || hasToken(attr(n, "itemprop"), "author") {
		return true
	}
	for _, c := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		switch c {
		case "author", "byline", "author-name", "authorname", "author_name", "byline-name",
			"autor", "autor-name", "article-author", "post-author", "entry-author",
			"meta-author", "c-byline", "article__author", "article-byline", "vcard":
			return true
		}
	}
	return false
}

// attr returns the value of attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasToken reports whether a space-separated attribute value holds tok,
// case-insensitively.
func hasToken(val, tok string) bool {
	for _, f := range strings.Fields(val) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// addJSONLD decodes one JSON-LD script and keeps its objects. Broken JSON,
// common on real pages, is skipped.
func (pm *pageMeta) addJSONLD(s string) {
	if len(s) > maxJSONLD {
		return
	}
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(s)), &v); err != nil {
		return
	}
	var add func(v any, depth int)
	add = func(v any, depth int) {
		if depth > 3 {
			return
		}
		switch t := v.(type) {
		case []any:
			for _, e := range t {
				add(e, depth+1)
			}
		case map[string]any:
			pm.jsonLD = append(pm.jsonLD, t)
			if g, ok := t["@graph"]; ok {
				add(g, depth+1)
			}
		}
	}
	add(v, 0)
}

// articleTypes are the schema.org types of a news or blog article.
var articleTypes = map[string]bool{
	"article": true, "newsarticle": true, "blogposting": true, "reportage": true,
	"analysisnewsarticle": true, "opinionnewsarticle": true, "reviewnewsarticle": true,
	"backgroundnewsarticle": true, "scholarlyarticle": true, "techarticle": true,
	"report": true, "liveblogposting": true, "socialmediaposting": true,
	"posting": true, "webpage": false,
}

// jsonLDType returns the lower-cased @type values of a JSON-LD object.
func jsonLDType(o map[string]any) []string {
	switch t := o["@type"].(type) {
	case string:
		return []string{strings.ToLower(t)}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, strings.ToLower(s))
			}
		}
		return out
	}
	return nil
}

// articleLD returns the JSON-LD objects that describe an article, first.
func (pm *pageMeta) articleLD() []map[string]any {
	var out []map[string]any
	for _, o := range pm.jsonLD {
		for _, t := range jsonLDType(o) {
			if articleTypes[t] {
				out = append(out, o)
				break
			}
		}
	}
	return out
}

// ldString returns o[key] as a string when it is one.
func ldString(o map[string]any, key string) string {
	s, _ := o[key].(string)
	return strings.TrimSpace(s)
}

// ldNames returns the names a JSON-LD author (or publisher) value gives:
// a string, an object with a name, or a list of either.
func ldNames(v any) []string {
	switch t := v.(type) {
	case string:
		if s := strings.TrimSpace(t); s != "" && !strings.Contains(s, "://") {
			return []string{s}
		}
	case map[string]any:
		if n, ok := t["name"].(string); ok && strings.TrimSpace(n) != "" {
			return []string{strings.TrimSpace(n)}
		}
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, ldNames(e)...)
		}
		return out
	}
	return nil
}

// headlines returns the headline of every JSON-LD article object.
func (pm *pageMeta) headlines() []string {
	var out []string
	for _, o := range pm.articleLD() {
		if h := ldString(o, "headline"); h != "" {
			out = append(out, h)
		}
	}
	return out
}

// authorLabels are values that pages put where a name belongs: field
// labels and placeholders of content systems.
var authorLabels = map[string]bool{
	"name": true, "datum": true, "date": true, "posted": true, "no author": true,
	"auteurs": true, "abgelegt unter": true, "human": true, "unknown": true,
	"follow": true, "text": true, "share": true, "profile": true, "profil": true,
}

// commentSignature matches a commenter's signature: "Jane says:".
var commentSignature = regexp.MustCompile(`(?i)\b(?:says|schreibt|sagt|dit):?$`)

// trailingDateLabel matches a date label that a byline ran into: "Jane
// Roe Stand" (from "Jane Roe Stand: 20.03.2024"), "Jane Roe am".
var trailingDateLabel = regexp.MustCompile(`(?i)\s+(?:stand|am|vor|on|updated|aktualisiert|veröffentlicht|published|le|el)$`)

// chooseAuthors picks the authors from the first source that names any,
// most reliable first: the JSON-LD article's author, go-trafilatura's
// author (meta tags and its byline selectors), the author meta tag,
// elements marked as the author, bylines written out in the page ("By
// Jane Roe", "Autor: Jane Roe"), and readability's byline. Field labels
// and comment signatures ("Jane says:") are not names.
//
// go-trafilatura folds names to plain letters ("T V Raman" for "T. V.
// Raman", "Gabor" for "Gàbor"); a name that folds to the same letters
// as one of the page's own spellings takes that spelling. And a part of
// the list that names the site ("Jane Roe, CNN" on cnn.com) is the
// outlet, not an author, when a person is named beside it.
func chooseAuthors(pm *pageMeta, metaAuthor, secondByline, site, pageURL string) []string {
	var ld []string
	for _, o := range pm.articleLD() {
		for _, n := range ldNames(o["author"]) {
			ld = append(ld, splitNames(n)...)
		}
	}
	meta := splitNames(pm.meta["author"])
	var marked, labelled []string
	if len(pm.bylines) > 0 {
		marked = splitNames(pm.bylines[0])
	}
	for _, l := range pm.labelled {
		if labelled = labelledNames(l); len(labelled) > 0 {
			break
		}
	}
	second := splitNames(secondByline)
	// A source naming only the site (the publisher put where the
	// author belongs) gives way to a later source that names someone
	// else; it stands when none does.
	keys := siteKeys(site, pageURL)
	for _, o := range pm.articleLD() {
		for _, p := range ldNames(o["publisher"]) {
			if k := alnum(p); len(k) >= 3 {
				keys = append(keys, k)
			}
		}
	}
	var chosen, publisher []string
	for i, names := range [][]string{ld, splitNames(metaAuthor), meta, marked, labelled, second} {
		chosen = chosen[:0]
		onlySite := true
		for _, n := range names {
			n = trailingDateLabel.ReplaceAllString(n, "")
			if n == "" || authorLabels[strings.ToLower(n)] || commentSignature.MatchString(n) {
				continue
			}
			// The page's own elements and readability's byline catch
			// dates, categories and prompts as well as names.
			if i >= 3 && !plausibleName(n) {
				continue
			}
			chosen = append(chosen, n)
			onlySite = onlySite && namesSite(n, keys)
		}
		if len(chosen) > 0 && !onlySite {
			break
		}
		if len(chosen) > 0 && publisher == nil {
			publisher = append([]string(nil), chosen...)
		}
		chosen = nil
	}
	if len(chosen) == 0 {
		chosen = publisher
	}
	spellings := append(append(append(append(ld, meta...), marked...), second...), labelled...)
	for _, b := range pm.bylines {
		spellings = append(spellings, SplitAuthors(b)...)
	}
	for i, n := range chosen {
		f := foldName(n)
		for _, s := range spellings {
			if s != n && foldName(s) == f {
				chosen[i] = s
				break
			}
		}
	}
	chosen = dedupeFold(chosen)
	if len(chosen) > 1 {
		var people []string
		for _, n := range chosen {
			if !namesSite(n, keys) {
				people = append(people, n)
			}
		}
		if len(people) > 0 {
			chosen = people
		}
	}
	return chosen
}

// splitNames is SplitAuthors on text that may still hold HTML character
// references ("Redacci&oacute;n"), decoded first so that their
// semicolons do not split names.
func splitNames(s string) []string { return SplitAuthors(html.UnescapeString(s)) }

// plausibleName reports whether a byline part can be a name: no digits,
// at most six words, not a sentence.
func plausibleName(n string) bool {
	return strings.IndexFunc(n, unicode.IsDigit) < 0 && len(strings.Fields(n)) <= 6 && !endsSentence(n)
}

// labelledNames reads the names of a byline block written in the page:
// of "8 January 2020 · by Jane Roe · in Travel" the part that starts with
// the label.
func labelledNames(block string) []string {
	for _, part := range bylineSep.Split(block, -1) {
		if !bylineLabel.MatchString(part) {
			continue
		}
		if names, _, ok := parseByline(part); ok && len(names) > 0 {
			return names
		}
		if names := SplitAuthors(part); len(names) > 0 && len(names) <= 4 && names[0] != part {
			return names
		}
	}
	return nil
}

// dedupeFold drops names that fold to one already listed.
func dedupeFold(names []string) []string {
	seen := map[string]bool{}
	out := names[:0:0]
	for _, n := range names {
		if f := foldName(n); !seen[f] {
			seen[f] = true
			out = append(out, n)
		}
	}
	return out
}

// foldName reduces a name to its lower-case letters and digits without
// diacritics, the form go-trafilatura's normalised names share with the
// page's spelling.
func foldName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case r == 'ß':
			b.WriteString("ss")
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
