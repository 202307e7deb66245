package server

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"newsgraph/document"
	"newsgraph/store"
)

// pageData is what every page template gets: the layout's fields and the
// page's own Body.
type pageData struct {
	Title  string
	Q      string // the search box's text
	Credit string
	Body   any
}

type errorPage struct {
	Status  int
	Message string
}

var funcs = template.FuncMap{
	"entityURL": func(key string) string { return "/entities/" + url.PathEscape(key) },
	"articleURL": func(id string) string {
		return "/articles/" + url.PathEscape(id)
	},
	"storyURL": func(id string) string { return "/stories/" + url.PathEscape(id) },
	"topicURL": func(name string) string { return "/topics/" + url.PathEscape(name) },
	"snippet":  snippetHTML,
	"add":      func(a, b int) int { return a + b },
	"lower":    strings.ToLower,
	"join":     strings.Join,
	"eventLabel": func(ev document.Event) string {
		return eventLabel(&ev)
	},
	"actors": actorsText,
	"deref": func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	},
}

func (s *Server) parseTemplates() error {
	s.pages = map[string]*template.Template{}
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(webFS, "web/templates/layout.html")
	if err != nil {
		return fmt.Errorf("parse layout: %w", err)
	}
	names, err := templateNames()
	if err != nil {
		return err
	}
	for _, name := range names {
		t, err := template.Must(layout.Clone()).ParseFS(webFS, "web/templates/"+name+".html")
		if err != nil {
			return fmt.Errorf("parse template %s: %w", name, err)
		}
		s.pages[name] = t
	}
	return nil
}

func templateNames() ([]string, error) {
	entries, err := webFS.ReadDir("web/templates")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		n := strings.TrimSuffix(e.Name(), ".html")
		if n != "layout" {
			names = append(names, n)
		}
	}
	return names, nil
}

// render executes a page into a buffer first, so a template error is a
// clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, data pageData) {
	t, ok := s.pages[name]
	if !ok {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if data.Credit == "" {
		data.Credit = s.opts.Credit
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", data); err != nil {
		slog.Error("render page", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// snippetHTML renders a store snippet, where matched words are marked
// «like this», as escaped text with <b> around the matches.
func snippetHTML(s string) template.HTML {
	var b strings.Builder
	for {
		i := strings.Index(s, "«")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], "»")
		if j < 0 {
			break
		}
		template.HTMLEscape(&b, []byte(s[:i]))
		b.WriteString("<b>")
		template.HTMLEscape(&b, []byte(s[i+len("«"):i+j]))
		b.WriteString("</b>")
		s = s[i+j+len("»"):]
	}
	template.HTMLEscape(&b, []byte(s))
	return template.HTML(b.String())
}

// facetGroup is one facet's values as links that toggle the filter.
type facetGroup struct {
	Title  string
	Values []facetValue
}

type facetValue struct {
	Label string
	Count int
	Href  string
	On    bool
}

type searchPage struct {
	P        params
	Result   *store.SearchResult
	Facets   []facetGroup
	Chart    *chart
	Prev     string
	Next     string
	From     int
	To       int
	Filtered bool
}

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p, err := parseParams(q)
	if err != nil {
		return err
	}
	sq := p.query()
	sq.Facets = true
	res, err := s.store.Search(r.Context(), sq)
	if err != nil {
		return err
	}
	page := searchPage{P: p, Result: res}
	days, err := s.store.Timeline(r.Context(), p.filter(), p.Q)
	if err != nil {
		return err
	}
	page.Chart = newChart(days, "articles per day")
	page.Filtered = p.filter() != (store.Filter{})
	if res.Facets != nil {
		page.Facets = []facetGroup{
			facetOf(q, "Source", "source", res.Facets.Sites),
			facetOf(q, "Country", "country", res.Facets.Countries),
			facetOf(q, "Language", "language", res.Facets.Languages),
			facetOf(q, "Event type", "event_type", res.Facets.EventTypes),
			facetOf(q, "Entity", "entity", entityCounts(res.Facets.Entities)),
		}
	}
	page.From = p.Offset + 1
	page.To = p.Offset + len(res.Articles)
	if p.Offset > 0 {
		page.Prev = withParam(q, "offset", strconv.Itoa(max(0, p.Offset-p.Limit)))
	}
	if p.Offset+len(res.Articles) < res.Total {
		page.Next = withParam(q, "offset", strconv.Itoa(p.Offset+p.Limit))
	}
	title := "Search"
	if p.Q != "" {
		title = p.Q + " — search"
	}
	s.render(w, http.StatusOK, "search", pageData{Title: title, Q: p.Q, Body: page})
	return nil
}

// entityCounts labels entity facet values with their type, since one name
// can be two entities ("Ebola" the ORG and the MISC).
func entityCounts(cs []store.Count) []store.Count {
	out := make([]store.Count, len(cs))
	for i, c := range cs {
		out[i] = c
		if typ, _, ok := strings.Cut(c.Value, ":"); ok && c.Label != "" {
			out[i].Label = c.Label + " (" + typ + ")"
		}
	}
	return out
}

func facetOf(q url.Values, title, param string, counts []store.Count) facetGroup {
	g := facetGroup{Title: title}
	cur := q.Get(param)
	for _, c := range counts {
		label := c.Label
		if label == "" {
			label = c.Value
		}
		on := strings.EqualFold(cur, c.Value)
		href := withParam(q, param, c.Value)
		if on {
			href = withParam(q, param, "")
		}
		g.Values = append(g.Values, facetValue{Label: label, Count: c.Count, Href: href, On: on})
	}
	return g
}

// withParam returns "?…" with one parameter set (or removed when v is
// "") and the offset reset unless that is the parameter set.
func withParam(q url.Values, k, v string) string {
	n := url.Values{}
	for key, vs := range q {
		if len(vs) > 0 && vs[0] != "" {
			n.Set(key, vs[0])
		}
	}
	if k != "offset" {
		n.Del("offset")
		n.Del("cursor")
	}
	if v == "" {
		n.Del(k)
	} else {
		n.Set(k, v)
	}
	if len(n) == 0 {
		return "/"
	}
	return "/?" + n.Encode()
}

// articlePage is the article with its annotations ready to show.
type articlePage struct {
	A        *store.Article
	Doc      *document.Document
	Text     template.HTML
	Entities []entityRow
	Quotes   []quoteRow
	Events   []eventRow
	Places   []placeRow
	Times    []document.Time
	Map      *worldMap
}

type entityRow struct {
	Key      string
	E        *document.Entity
	Mentions int
}

type quoteRow struct {
	Q          *document.Quote
	SpeakerKey string
}

type eventRow struct {
	E        *document.Event
	Sentence template.HTML
	Place    string
	Time     string
	Sources  []actorRow
	Targets  []actorRow
}

type actorRow struct {
	Text string
	Key  string
	Code string
}

type placeRow struct {
	P   *document.Place
	Key string
}

func (s *Server) pageArticle(w http.ResponseWriter, r *http.Request) error {
	if err := noParams(r); err != nil {
		return err
	}
	a, err := s.article(r)
	if err != nil {
		return err
	}
	d := a.Doc
	page := articlePage{A: a, Doc: d, Times: d.Times}
	keys := map[string]string{}
	for i := range d.Entities {
		e := &d.Entities[i]
		keys[e.ID] = store.EntityKey(*e)
		page.Entities = append(page.Entities, entityRow{Key: keys[e.ID], E: e, Mentions: len(e.Mentions)})
	}
	sort.SliceStable(page.Entities, func(i, j int) bool { return page.Entities[i].Mentions > page.Entities[j].Mentions })
	page.Text = highlight(d, func(e *document.Entity) string { return "/entities/" + url.PathEscape(keys[e.ID]) })
	for i := range d.Quotes {
		qt := &d.Quotes[i]
		row := quoteRow{Q: qt}
		if qt.Speaker != nil {
			row.SpeakerKey = keys[*qt.Speaker]
		}
		page.Quotes = append(page.Quotes, row)
	}
	actors := func(as []document.Actor) []actorRow {
		var out []actorRow
		for _, x := range as {
			out = append(out, actorRow{Text: x.Text, Key: keys[x.Entity], Code: x.Code})
		}
		return out
	}
	var pins []mapPin
	for i := range d.Places {
		p := &d.Places[i]
		key := store.PlaceKey(*p)
		page.Places = append(page.Places, placeRow{P: p, Key: key})
		if p.Lat != 0 || p.Lon != 0 {
			pins = append(pins, mapPin{Lat: p.Lat, Lon: p.Lon, Label: p.Name, Href: "/?place=" + url.QueryEscape(key), Count: len(p.Mentions)})
		}
	}
	for i := range d.Events {
		ev := &d.Events[i]
		row := eventRow{E: ev, Sentence: sentenceHTML(d, ev.Sentence, ev.Trigger.Start, ev.Trigger.End),
			Sources: actors(ev.Source), Targets: actors(ev.Target), Time: timeValue(d, ev.Time)}
		if pl := placeByID(d, ev.Place); pl != nil {
			row.Place = pl.Name
			for j := range pins {
				if pins[j].Label == pl.Name {
					pins[j].Events++
				}
			}
		}
		page.Events = append(page.Events, row)
	}
	if len(pins) > 0 {
		page.Map = newWorldMap(pins)
	}
	// Related articles cost a query several times the rest of the page;
	// app.js fetches them after the page shows, and without script the
	// section links to their own page.
	s.render(w, http.StatusOK, "article", pageData{Title: d.Title, Credit: a.Credit, Body: page})
	return nil
}

type relatedPage struct {
	Doc     *document.Document
	Related []store.ArticleSummary
}

func (s *Server) pageRelated(w http.ResponseWriter, r *http.Request) error {
	if err := noParams(r); err != nil {
		return err
	}
	a, err := s.article(r)
	if err != nil {
		return err
	}
	rel, err := s.store.Related(r.Context(), a.Doc.ID, 20)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "related", pageData{Title: "Related to " + a.Doc.Title, Body: relatedPage{Doc: a.Doc, Related: rel}})
	return nil
}

type listPage struct {
	P       params
	Total   int
	Rows    any
	Prev    string
	Next    string
	Types   []string
	Filters string
}

func pager(r *http.Request, p params, n, total int) (prev, next string) {
	q := r.URL.Query()
	path := r.URL.Path
	set := func(off int) string {
		v := url.Values{}
		for k, vs := range q {
			if len(vs) > 0 && vs[0] != "" {
				v.Set(k, vs[0])
			}
		}
		v.Del("cursor")
		if off == 0 {
			v.Del("offset")
		} else {
			v.Set("offset", strconv.Itoa(off))
		}
		if len(v) == 0 {
			return path
		}
		return path + "?" + v.Encode()
	}
	if p.Offset > 0 {
		prev = set(max(0, p.Offset-p.Limit))
	}
	if p.Offset+n < total {
		next = set(p.Offset + p.Limit)
	}
	return prev, next
}

func (s *Server) pageEntities(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r.URL.Query())
	if err != nil {
		return err
	}
	if r.URL.Query().Get("limit") == "" {
		p.Limit = 50
	}
	if p.Q != "" && p.Name == "" {
		p.Name = p.Q
	}
	list, err := s.store.Entities(r.Context(), store.EntityQuery{Filter: p.filter(), Type: p.Type, Name: p.Name, Limit: p.Limit, Offset: p.Offset})
	if err != nil {
		return err
	}
	page := listPage{P: p, Total: list.Total, Rows: list.Entities,
		Types: []string{document.TypePerson, document.TypeOrg, document.TypeGPE, document.TypeLoc, document.TypeNORP, document.TypeFac, document.TypeEvent, document.TypeMisc}}
	page.Prev, page.Next = pager(r, p, len(list.Entities), list.Total)
	s.render(w, http.StatusOK, "entities", pageData{Title: "Entities", Body: page})
	return nil
}

type entityPage struct {
	E     *store.EntityDetail
	Chart *chart
}

func (s *Server) pageEntity(w http.ResponseWriter, r *http.Request) error {
	if err := noParams(r); err != nil {
		return err
	}
	key, err := pathID(r, "key")
	if err != nil {
		return err
	}
	e, err := s.store.Entity(r.Context(), key)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return notFound("no entity %q", clip(key))
		}
		return err
	}
	page := entityPage{E: e, Chart: newChart(e.Timeline, "articles mentioning "+e.Name+" per day")}
	s.render(w, http.StatusOK, "entity", pageData{Title: e.Name, Body: page})
	return nil
}

func (s *Server) pageStories(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r.URL.Query())
	if err != nil {
		return err
	}
	list, err := s.store.Stories(r.Context(), p.query())
	if err != nil {
		return err
	}
	page := listPage{P: p, Total: list.Total, Rows: list.Stories}
	page.Prev, page.Next = pager(r, p, len(list.Stories), list.Total)
	s.render(w, http.StatusOK, "stories", pageData{Title: "Stories", Body: page})
	return nil
}

type storyPage struct {
	S     *store.Story
	Chart *chart
}

func (s *Server) pageStory(w http.ResponseWriter, r *http.Request) error {
	if err := noParams(r); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	st, err := s.store.Story(r.Context(), id)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return notFound("no story %q", clip(id))
		}
		return err
	}
	days, err := s.store.Timeline(r.Context(), store.Filter{Story: st.ID}, "")
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "story", pageData{Title: st.Title, Body: storyPage{S: st, Chart: newChart(days, "articles of this story per day")}})
	return nil
}

func (s *Server) pageTopics(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r.URL.Query())
	if err != nil {
		return err
	}
	topics, err := s.store.Topics(r.Context(), p.filter())
	if err != nil {
		return err
	}
	// NONE (no event found) is usually the largest; it reads best last.
	sort.SliceStable(topics, func(i, j int) bool { return topics[i].Value != "NONE" && topics[j].Value == "NONE" })
	s.render(w, http.StatusOK, "topics", pageData{Title: "Topics", Body: listPage{P: p, Total: len(topics), Rows: topics}})
	return nil
}

type topicPage struct {
	Name     string
	Articles *store.SearchResult
	Entities []store.EntitySummary
	Events   *store.EventList
	Chart    *chart
	Map      *worldMap
	More     string
}

func (s *Server) pageTopic(w http.ResponseWriter, r *http.Request) error {
	if err := noParams(r); err != nil {
		return err
	}
	name, err := pathID(r, "name")
	if err != nil {
		return err
	}
	ctx := r.Context()
	f := store.Filter{Topic: name}
	res, err := s.store.Search(ctx, store.Query{Filter: f, Sort: "date", Limit: 20})
	if err != nil {
		return err
	}
	if res.Total == 0 {
		return notFound("no topic %q", clip(name))
	}
	days, err := s.store.Timeline(ctx, f, "")
	if err != nil {
		return err
	}
	ents, err := s.store.Entities(ctx, store.EntityQuery{Filter: f, Limit: 15})
	if err != nil {
		return err
	}
	evq := store.Query{Limit: 20}
	if name != "NONE" {
		evq.Filter = store.Filter{EventType: name}
	} else {
		evq.Filter = f
	}
	events, err := s.store.Events(ctx, evq)
	if err != nil {
		return err
	}
	places, err := s.store.Places(ctx, store.Query{Filter: f, Limit: 300})
	if err != nil {
		return err
	}
	page := topicPage{Name: name, Articles: res, Entities: ents.Entities, Events: events,
		Chart: newChart(days, "articles on "+name+" per day"), Map: newWorldMap(placePins(places)),
		More: "/?" + url.Values{"topic": {name}}.Encode()}
	s.render(w, http.StatusOK, "topic", pageData{Title: name + " — topic", Body: page})
	return nil
}

type mapPage struct {
	P      params
	Map    *worldMap
	Places []store.PlaceCount
}

func (s *Server) pageMap(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r.URL.Query())
	if err != nil {
		return err
	}
	if r.URL.Query().Get("limit") == "" {
		p.Limit = 500
	}
	places, err := s.store.Places(r.Context(), p.query())
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "map", pageData{Title: "Map", Body: mapPage{P: p, Map: newWorldMap(placePins(places)), Places: places}})
	return nil
}

func placePins(places []store.PlaceCount) []mapPin {
	var pins []mapPin
	for _, pl := range places {
		if pl.Lat == 0 && pl.Lon == 0 {
			continue
		}
		pins = append(pins, mapPin{Key: pl.Key, Lat: pl.Lat, Lon: pl.Lon, Label: pl.Name, Count: pl.Articles, Events: pl.Events,
			Href: "/?" + url.Values{"place": {pl.Key}}.Encode()})
	}
	return pins
}

func placeByID(d *document.Document, id *string) *document.Place {
	if id == nil {
		return nil
	}
	for i := range d.Places {
		if d.Places[i].ID == *id {
			return &d.Places[i]
		}
	}
	return nil
}

func timeValue(d *document.Document, id *string) string {
	if id == nil {
		return ""
	}
	for _, t := range d.Times {
		if t.ID == *id {
			return t.Value
		}
	}
	return ""
}
