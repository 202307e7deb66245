package geo

import (
	"net/url"
	"strings"

	"newsgraph/document"
	"newsgraph/geo/gazetteer"
)

// Demonym is a word that names a country's people or is its adjective
// ("Israeli", "Palestinians", "French"). It gives a country to the
// entities and actors it modifies; it is not a place mention.
type Demonym struct {
	Start, End int    // byte span in the text
	Country    string // ISO 3166-1 alpha-3
}

// Demonyms returns the capitalised demonyms of text in text order.
func Demonyms(text string, g *gazetteer.Gazetteer) []Demonym {
	var out []Demonym
	for _, w := range words(text) {
		if !capitalised(text[w[0]:w[1]]) {
			continue
		}
		start, end := trimName(text, w[0], w[1])
		if c, ok := g.Demonym(text[start:end]); ok {
			out = append(out, Demonym{Start: start, End: end, Country: c})
		}
	}
	return out
}

// siteCountry returns the country of the article's site by its
// country-code domain ("cbc.ca", "bbc.co.uk", "abc.net.au"), or "".
// Generic domains (.com, .org) say nothing.
func (s *Stage) siteCountry(doc *document.Document) string {
	host := doc.Site
	if host == "" && doc.URL != "" {
		if u, err := url.Parse(doc.URL); err == nil {
			host = u.Hostname()
		}
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	i := strings.LastIndexByte(host, '.')
	if i < 0 {
		return ""
	}
	tld := strings.ToUpper(host[i+1:])
	if tld == "UK" {
		tld = "GB"
	}
	if len(tld) != 2 {
		return ""
	}
	return s.gaz.Alpha3(tld)
}
