package server

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"newsgraph/store"
)

// Paging limits. The page size has a ceiling so that one request stays
// cheap; the offset has none, so every result can be reached.
const (
	defaultLimit = 20
	maxLimit     = 1000
	maxQueryLen  = 1000
)

// params is the decoded, validated form of the query parameters that the
// search, listing and export endpoints share.
type params struct {
	Q         string // full-text query, FTS5 syntax
	Site      string // source: the article's site
	Country   string // ISO 3166-1 alpha-3
	Language  string // ISO 639-1
	From, To  string // ISO dates, inclusive
	EventType string // PLOVER event type
	Type      string // entity type, for entity listings
	Name      string // entity name prefix, for entity listings
	Entity    string // entity key
	Place     string // place key
	Story     string // story id
	Topic     string // topic name
	Sort      string // relevance | date
	Role      string // source | target, for events of an entity
	Cursor    string // opaque cursor from a previous page
	Limit     int
	Offset    int
}

// query is the store query the parameters ask for.
func (p params) query() store.Query {
	return store.Query{
		Filter: p.filter(),
		Text:   p.Q,
		Sort:   p.Sort,
		Limit:  p.Limit,
		Offset: p.Offset,
		Cursor: p.Cursor,
		Role:   p.Role,
	}
}

func (p params) filter() store.Filter {
	return store.Filter{
		Site: p.Site, Country: p.Country, Language: p.Language,
		From: p.From, To: p.To, EventType: p.EventType,
		Entity: p.Entity, Place: p.Place, Story: p.Story, Topic: p.Topic,
	}
}

// parseParams decodes and checks the query parameters. Every problem is a
// 400 with a message that names the parameter.
func parseParams(q url.Values) (params, error) {
	p := params{Limit: defaultLimit}
	for k, vs := range q {
		if len(vs) > 1 {
			return p, badRequest("parameter %q given %d times; give it once", clip(k), len(vs))
		}
		if !knownParam[k] {
			return p, badRequest("unknown parameter %q", clip(k))
		}
	}
	var err error
	if p.Q, err = text(q, "q", maxQueryLen); err != nil {
		return p, err
	}
	if p.Site, err = text(q, "source", 253); err != nil {
		return p, err
	}
	for _, f := range []struct {
		dst  *string
		name string
		max  int
	}{{&p.Entity, "entity", 300}, {&p.Place, "place", 300}, {&p.Story, "story", 200},
		{&p.Topic, "topic", 100}, {&p.Cursor, "cursor", 1000}, {&p.Name, "name", 300}} {
		if *f.dst, err = text(q, f.name, f.max); err != nil {
			return p, err
		}
	}
	if p.Sort, err = oneOf(q, "sort", "relevance", "date"); err != nil {
		return p, err
	}
	if p.Role, err = oneOf(q, "role", "source", "target"); err != nil {
		return p, err
	}
	if p.Country, err = code(q, "country", 3, 3); err != nil {
		return p, err
	}
	p.Country = strings.ToUpper(p.Country)
	if p.Language, err = code(q, "language", 2, 3); err != nil {
		return p, err
	}
	p.Language = strings.ToLower(p.Language)
	if p.EventType, err = code(q, "event_type", 2, 40); err != nil {
		return p, err
	}
	p.EventType = strings.ToUpper(p.EventType)
	if p.Type, err = code(q, "type", 2, 10); err != nil {
		return p, err
	}
	p.Type = strings.ToUpper(p.Type)
	if p.From, err = date(q, "from", false); err != nil {
		return p, err
	}
	if p.To, err = date(q, "to", true); err != nil {
		return p, err
	}
	if p.From != "" && p.To != "" && p.From > p.To {
		return p, badRequest("from %s is after to %s", p.From, p.To)
	}
	if p.Limit, err = integer(q, "limit", defaultLimit, 1, maxLimit); err != nil {
		return p, err
	}
	if p.Offset, err = integer(q, "offset", 0, 0, 1<<40); err != nil {
		return p, err
	}
	return p, nil
}

var knownParam = map[string]bool{
	"q": true, "source": true, "country": true, "language": true, "from": true, "to": true,
	"event_type": true, "type": true, "entity": true, "limit": true, "offset": true,
	"format": true, "name": true, "place": true, "story": true, "topic": true,
	"sort": true, "role": true, "cursor": true, "facets": true,
}

func oneOf(q url.Values, name string, allowed ...string) (string, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return "", nil
	}
	for _, a := range allowed {
		if v == a {
			return v, nil
		}
	}
	return "", badRequest("%s %q: want one of %s", name, clip(v), strings.Join(allowed, ", "))
}

func text(q url.Values, name string, max int) (string, error) {
	v := strings.TrimSpace(q.Get(name))
	if !utf8.ValidString(v) {
		return "", badRequest("%s: not valid UTF-8", name)
	}
	if len(v) > max {
		return "", badRequest("%s: longer than %d bytes", name, max)
	}
	if strings.ContainsRune(v, 0) {
		return "", badRequest("%s: contains a NUL byte", name)
	}
	return v, nil
}

// code accepts letters, digits and underscores of a bounded length.
func code(q url.Values, name string, min, max int) (string, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return "", nil
	}
	if len(v) < min || len(v) > max {
		return "", badRequest("%s %q: want %d to %d letters", name, clip(v), min, max)
	}
	for _, r := range v {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') {
			return "", badRequest("%s %q: want letters, digits or _", name, clip(v))
		}
	}
	return v, nil
}

// date accepts YYYY, YYYY-MM or YYYY-MM-DD and returns the first day of
// that span (or, with end, the last), as YYYY-MM-DD.
func date(q url.Values, name string, end bool) (string, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return "", nil
	}
	for _, f := range []struct {
		layout string
		years  int
		months int
	}{{"2006-01-02", 0, 0}, {"2006-01", 0, 1}, {"2006", 1, 0}} {
		if len(v) != len(f.layout) {
			continue
		}
		t, err := time.Parse(f.layout, v)
		if err != nil {
			continue
		}
		if end && (f.years > 0 || f.months > 0) {
			t = t.AddDate(f.years, f.months, -1)
		}
		return t.Format("2006-01-02"), nil
	}
	return "", badRequest("%s %q: want an ISO date (2024-03-20, 2024-03 or 2024)", name, clip(v))
}

func integer(q url.Values, name string, def, min, max int) (int, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < min || n > max {
		return 0, badRequest("%s %q: want a whole number from %d to %d", name, clip(v), min, max)
	}
	return n, nil
}

// clip shortens a value for an error message.
func clip(s string) string {
	if len(s) <= 60 {
		return strings.ToValidUTF8(s, "?")
	}
	cut := 60
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.ToValidUTF8(s[:cut], "?") + "…"
}

func validUTF8(s string) bool { return utf8.ValidString(s) }
