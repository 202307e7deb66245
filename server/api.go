package server

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"newsgraph/store"
)

func (s *Server) apiStats(r *http.Request) (any, error) {
	if err := noParams(r); err != nil {
		return nil, err
	}
	return s.store.Stats(r.Context())
}

// apiArticles lists articles, newest first, with the search filters.
func (s *Server) apiArticles(r *http.Request) (any, error) {
	p, err := parseParams(r.URL.Query())
	if err != nil {
		return nil, err
	}
	q := p.query()
	if q.Sort == "" {
		q.Sort = "date"
	}
	q.Facets = false
	return s.store.Search(r.Context(), q)
}

func (s *Server) apiArticle(r *http.Request) (any, error) {
	if err := noParams(r); err != nil {
		return nil, err
	}
	a, err := s.article(r)
	if err != nil {
		return nil, err
	}
	// Exactly the contract document, so it validates against
	// document/schema.json; the store's fields (story, credit, topics)
	// are in the list and search summaries.
	return a.Doc, nil
}

func (s *Server) article(r *http.Request) (*store.Article, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	a, err := s.store.Get(r.Context(), id)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, notFound("no article %q", clip(id))
		}
		return nil, err
	}
	a.Doc.Normalize()
	return a, nil
}

func (s *Server) apiRelated(r *http.Request) (any, error) {
	q := r.URL.Query()
	limit := 10
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLimit {
			return nil, badRequest("limit %q: want a whole number from 1 to %d", clip(v), maxLimit)
		}
		limit = n
	}
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	rel, err := s.store.Related(r.Context(), id, limit)
	if err != nil {
		return nil, err
	}
	return map[string]any{"articles": nonNil(rel)}, nil
}

// apiSearch runs a full-text search with filters and facets.
func (s *Server) apiSearch(r *http.Request) (any, error) {
	p, err := parseParams(r.URL.Query())
	if err != nil {
		return nil, err
	}
	q := p.query()
	q.Facets = r.URL.Query().Get("facets") != "false"
	return s.store.Search(r.Context(), q)
}

// searchRequest is the JSON body of POST /api/v1/search: the same fields
// as the query parameters of GET.
type searchRequest struct {
	Q         string `json:"q"`
	Source    string `json:"source"`
	Country   string `json:"country"`
	Language  string `json:"language"`
	From      string `json:"from"`
	To        string `json:"to"`
	EventType string `json:"event_type"`
	Entity    string `json:"entity"`
	Place     string `json:"place"`
	Story     string `json:"story"`
	Topic     string `json:"topic"`
	Sort      string `json:"sort"`
	Cursor    string `json:"cursor"`
	Limit     *int   `json:"limit"`
	Offset    *int   `json:"offset"`
	Facets    *bool  `json:"facets"`
}

func (s *Server) apiSearchPost(r *http.Request) (any, error) {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return nil, &apiError{http.StatusUnsupportedMediaType, "want Content-Type: application/json"}
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	var req searchRequest
	if err := dec.Decode(&req); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, err
		}
		if errors.Is(err, io.EOF) {
			return nil, badRequest("empty body: want a JSON object")
		}
		return nil, badRequest("bad JSON body: %s", clip(err.Error()))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, err
		}
		return nil, badRequest("bad JSON body: more than one value")
	}
	// Validate through the same path as GET, so both accept exactly the
	// same values.
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", req.Q)
	set("source", req.Source)
	set("country", req.Country)
	set("language", req.Language)
	set("from", req.From)
	set("to", req.To)
	set("event_type", req.EventType)
	set("entity", req.Entity)
	set("place", req.Place)
	set("story", req.Story)
	set("topic", req.Topic)
	set("sort", req.Sort)
	set("cursor", req.Cursor)
	if req.Limit != nil {
		v.Set("limit", strconv.Itoa(*req.Limit))
	}
	if req.Offset != nil {
		v.Set("offset", strconv.Itoa(*req.Offset))
	}
	p, err := parseParams(v)
	if err != nil {
		return nil, err
	}
	q := p.query()
	q.Facets = req.Facets == nil || *req.Facets
	return s.store.Search(r.Context(), q)
}

func (s *Server) apiEntities(r *http.Request) (any, error) {
	p, err := parseParams(r.URL.Query())
	if err != nil {
		return nil, err
	}
	if p.Q != "" && p.Name == "" {
		p.Name = p.Q // ?q= reads as a name prefix here
	}
	return s.store.Entities(r.Context(), store.EntityQuery{
		Filter: p.filter(), Type: p.Type, Name: p.Name,
		Limit: p.Limit, Offset: p.Offset, Cursor: p.Cursor,
	})
}

func (s *Server) apiEntity(r *http.Request) (any, error) {
	if err := noParams(r); err != nil {
		return nil, err
	}
	key, err := pathID(r, "key")
	if err != nil {
		return nil, err
	}
	e, err := s.store.Entity(r.Context(), key)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("no entity %q", clip(key))
	}
	return e, err
}

func (s *Server) apiQuotes(r *http.Request) (any, error) {
	p, err := parseParams(r.URL.Query())
	if err != nil {
		return nil, err
	}
	return s.store.Quotes(r.Context(), p.query())
}

func (s *Server) apiEvents(r *http.Request) (any, error) {
	p, err := parseParams(r.URL.Query())
	if err != nil {
		return nil, err
	}
	return s.store.Events(r.Context(), p.query())
}

func (s *Server) apiStories(r *http.Request) (any, error) {
	p, err := parseParams(r.URL.Query())
	if err != nil {
		return nil, err
	}
	return s.store.Stories(r.Context(), p.query())
}

func (s *Server) apiStory(r *http.Request) (any, error) {
	if err := noParams(r); err != nil {
		return nil, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	st, err := s.store.Story(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("no story %q", clip(id))
	}
	return st, err
}

func (s *Server) apiPlaces(r *http.Request) (any, error) {
	p, err := parseParams(r.URL.Query())
	if err != nil {
		return nil, err
	}
	places, err := s.store.Places(r.Context(), p.query())
	if err != nil {
		return nil, err
	}
	return map[string]any{"places": nonNil(places)}, nil
}

func (s *Server) apiTimeline(r *http.Request) (any, error) {
	p, err := parseParams(r.URL.Query())
	if err != nil {
		return nil, err
	}
	counts, err := s.timeline(r, p)
	if err != nil {
		return nil, err
	}
	return map[string]any{"days": nonNil(counts)}, nil
}

// timeline counts articles per day for the filters and the text query.
func (s *Server) timeline(r *http.Request, p params) ([]store.Count, error) {
	return s.store.Timeline(r.Context(), p.filter(), p.Q)
}

func (s *Server) apiTopics(r *http.Request) (any, error) {
	p, err := parseParams(r.URL.Query())
	if err != nil {
		return nil, err
	}
	topics, err := s.store.Topics(r.Context(), p.filter())
	if err != nil {
		return nil, err
	}
	return map[string]any{"topics": nonNil(topics)}, nil
}

// pathID reads a path value and checks it is a reasonable id.
func pathID(r *http.Request, name string) (string, error) {
	v := r.PathValue(name)
	if v == "" || len(v) > 300 || strings.ContainsRune(v, 0) || !validUTF8(v) {
		return "", badRequest("bad %s %q", name, clip(v))
	}
	return v, nil
}

// noParams rejects query parameters on endpoints that take none, so a
// typo is not silently ignored.
func noParams(r *http.Request) error {
	for k := range r.URL.Query() {
		return badRequest("unknown parameter %q", clip(k))
	}
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
