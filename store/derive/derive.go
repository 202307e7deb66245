// Package derive computes what a store writes beside a document: global
// entity and place keys with their per-article counts, the countries and
// topics of the article, its lead and day, and the paging helpers that the
// list queries share. It holds the store-independent half of Put so that
// every store.Store implementation derives the same rows.
package derive

import (
	"encoding/base64"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"newsgraph/document"
	"newsgraph/store"
)

// Rows is what a store writes beside the document JSON.
type Rows struct {
	URL         string // canonical URL, "" when none
	Source      string // PutOptions.SourceURL, "" when none
	Hash        string // store.ContentHash of the text
	Day         string // YYYY-MM-DD of published, "" when unknown
	Lead        string
	Credit      string
	Topics      []string
	Fingerprint uint64
	EntityKeys  map[string]string // local id → EntityKey
	PlaceKeys   map[string]string // local id → PlaceKey
	Entities    []Entity          // one per EntityKey, by key
	Places      []Place           // one per PlaceKey, by key
	Countries   []string          // sorted
}

// Entity is one entity of an article under its global key.
type Entity struct {
	Key, Name, Type, Country, Actor string
	Count                           int // mentions in the article
	Titles                          []string
}

// Place is one place of an article under its global key.
type Place struct {
	Key, Name, Country, Feature string
	Lat, Lon                    float64
	Count                       int
}

// Of derives the rows of a normalised document.
func Of(doc *document.Document, opts store.PutOptions) *Rows {
	d := &Rows{
		URL:        strings.TrimSpace(doc.URL),
		Source:     opts.SourceURL,
		Hash:       store.ContentHash(doc.Text),
		Day:        Day(doc.Published),
		Lead:       Lead(doc.Text),
		Credit:     opts.Credit,
		EntityKeys: map[string]string{},
		PlaceKeys:  map[string]string{},
	}
	if fp, err := strconv.ParseUint(doc.Fingerprint, 16, 64); err == nil {
		d.Fingerprint = fp
	}
	countries := map[string]bool{}
	byKey := map[string]*Entity{}
	for _, e := range doc.Entities {
		if strings.TrimSpace(e.Name) == "" {
			continue
		}
		k := store.EntityKey(e)
		d.EntityKeys[e.ID] = k
		r := byKey[k]
		if r == nil {
			r = &Entity{Key: k, Name: e.Name, Type: e.Type}
			byKey[k] = r
		}
		r.Count += len(e.Mentions)
		if r.Country == "" {
			r.Country = e.Country
		}
		if r.Actor == "" {
			r.Actor = e.Actor
		}
		r.Titles = AppendNew(r.Titles, e.Titles...)
		if e.Country != "" {
			countries[e.Country] = true
		}
	}
	for _, r := range byKey {
		d.Entities = append(d.Entities, *r)
	}
	sort.Slice(d.Entities, func(i, j int) bool { return d.Entities[i].Key < d.Entities[j].Key })
	byPlace := map[string]*Place{}
	for _, p := range doc.Places {
		if strings.TrimSpace(p.Name) == "" {
			continue
		}
		k := store.PlaceKey(p)
		d.PlaceKeys[p.ID] = k
		r := byPlace[k]
		if r == nil {
			r = &Place{Key: k, Name: p.Name, Country: p.Country, Feature: p.Feature, Lat: p.Lat, Lon: p.Lon}
			byPlace[k] = r
		}
		r.Count += len(p.Mentions)
		if p.Country != "" {
			countries[p.Country] = true
		}
	}
	for _, r := range byPlace {
		d.Places = append(d.Places, *r)
	}
	sort.Slice(d.Places, func(i, j int) bool { return d.Places[i].Key < d.Places[j].Key })
	for c := range countries {
		d.Countries = append(d.Countries, c)
	}
	sort.Strings(d.Countries)
	d.Topics = Topics(doc)
	return d
}

// TopEntities returns up to n of the article's entities, most mentioned
// first (ties by key): the ones that find story candidates.
func (d *Rows) TopEntities(n int) []Entity {
	ents := append([]Entity(nil), d.Entities...)
	sort.SliceStable(ents, func(i, j int) bool {
		if ents[i].Count != ents[j].Count {
			return ents[i].Count > ents[j].Count
		}
		return ents[i].Key < ents[j].Key
	})
	if len(ents) > n {
		ents = ents[:n]
	}
	return ents
}

// Topics returns the article's topics: the PLOVER event types that occur
// in it, most frequent first, or "NONE".
func Topics(doc *document.Document) []string {
	n := map[string]int{}
	var order []string
	for _, e := range doc.Events {
		if e.Type == "" {
			continue
		}
		if n[e.Type] == 0 {
			order = append(order, e.Type)
		}
		n[e.Type]++
	}
	if len(order) == 0 {
		return []string{"NONE"}
	}
	sort.SliceStable(order, func(i, j int) bool { return n[order[i]] > n[order[j]] })
	return order
}

// EventSentence returns the text of the sentence event e points at, or "".
func EventSentence(doc *document.Document, e document.Event) string {
	if e.Sentence < 0 || e.Sentence >= len(doc.Sentences) {
		return ""
	}
	sn := doc.Sentences[e.Sentence]
	if 0 <= sn.Start && sn.Start <= sn.End && sn.End <= len(doc.Text) {
		return doc.Text[sn.Start:sn.End]
	}
	return ""
}

// AppendNew appends the strings of add that list lacks.
func AppendNew(list []string, add ...string) []string {
	for _, a := range add {
		found := false
		for _, l := range list {
			if l == a {
				found = true
				break
			}
		}
		if !found {
			list = append(list, a)
		}
	}
	return list
}

// NonNil returns s, or an empty list for nil (for JSON).
func NonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Day returns the YYYY-MM-DD part of an ISO 8601 date, or "".
func Day(published string) string {
	if len(published) < 10 {
		return ""
	}
	if _, err := time.Parse("2006-01-02", published[:10]); err != nil {
		return ""
	}
	return published[:10]
}

// LeadLen bounds the lead kept for lists and story clustering.
const LeadLen = 300

// Lead returns the first paragraph of text, cut to about LeadLen bytes at
// a word boundary.
func Lead(text string) string {
	p := strings.TrimSpace(text)
	if i := strings.Index(p, "\n\n"); i >= 0 {
		p = p[:i]
	}
	if len(p) <= LeadLen {
		return p
	}
	cut := LeadLen
	for cut > 0 && !utf8.RuneStart(p[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(p[:cut], ' '); i > LeadLen/2 {
		cut = i
	}
	return p[:cut] + "…"
}

// TitleWords returns the distinct content words of a title (four letters
// or more, lower case), for finding related articles.
func TitleWords(title string) []string {
	var words []string
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) < 4 || seen[w] {
			continue
		}
		seen[w] = true
		words = append(words, w)
	}
	return words
}

// Cursors are opaque to callers; they hold the offset of the next page.
func encodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(offset)))
}

func decodeCursor(c string) (int, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !strings.HasPrefix(string(b), "o:") {
		return 0, fmt.Errorf("%w: malformed cursor", store.ErrBadQuery)
	}
	n, err := strconv.Atoi(string(b[2:]))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%w: malformed cursor", store.ErrBadQuery)
	}
	return n, nil
}

// Page resolves a list query's limit, offset and cursor.
func Page(limit, offset int, cursor string) (int, int, error) {
	if limit <= 0 {
		limit = store.DefaultLimit
	}
	if offset < 0 {
		return 0, 0, fmt.Errorf("%w: negative offset", store.ErrBadQuery)
	}
	if cursor != "" {
		var err error
		if offset, err = decodeCursor(cursor); err != nil {
			return 0, 0, err
		}
	}
	return limit, offset, nil
}

// NextCursor is the cursor of the page after one that started at offset
// and got got of limit rows out of total, or "" on the last page.
func NextCursor(offset, got, limit, total int) string {
	if got == limit && offset+got < total {
		return encodeCursor(offset + got)
	}
	return ""
}

// SplitTopics splits a comma-separated topic column.
func SplitTopics(t string) []string {
	if t == "" {
		return []string{}
	}
	return strings.Split(t, ",")
}

// StripPossessive drops an English possessive ending ("China's",
// "Reuters’") from a search word, as search engines' English analysers
// do: the index splits words at the apostrophe, so "China's" would be the
// phrase "China s", which misses "China" and costs a position check in
// every document holding an "s".
func StripPossessive(w string) string {
	for _, suffix := range []string{"'s", "’s", "'S", "’S"} {
		if len(w) > len(suffix) && strings.HasSuffix(w, suffix) {
			return w[:len(w)-len(suffix)]
		}
	}
	return w
}
