package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"newsgraph/store"
	sd "newsgraph/store/derive"
)

// Entities implements store.Store.
func (s *Store) Entities(ctx context.Context, q store.EntityQuery) (*store.EntityList, error) {
	limit, offset, err := sd.Page(q.Limit, q.Offset, q.Cursor)
	if err != nil {
		return nil, err
	}
	conds, args := sd.Where(q.Filter)
	var econds []string
	var eargs []any
	if q.Type != "" {
		econds = append(econds, "e.type = ?")
		eargs = append(eargs, q.Type)
	}
	if q.Name != "" {
		econds = append(econds, "e.name LIKE ? ESCAPE '\\'")
		eargs = append(eargs, likePrefix(q.Name))
	}
	res := &store.EntityList{Entities: []store.EntitySummary{}}
	var count, list string
	var cargs []any
	if len(conds) == 0 {
		econds = append(econds, "e.articles > 0")
		wc := sd.WhereClause(econds)
		count = "SELECT count(*) FROM entities e" + wc
		list = "SELECT e.key, e.name, e.type, e.country, e.actor, e.articles, e.mentions FROM entities e" + wc +
			" ORDER BY e.articles DESC, e.mentions DESC, e.key LIMIT ? OFFSET ?"
		cargs = eargs
	} else {
		inner := "SELECT m.entity, count(*) AS n, sum(m.count) AS c FROM articles a JOIN mentions m ON m.article = a.rowid" +
			sd.WhereClause(conds) + " GROUP BY 1"
		wc := sd.WhereClause(econds)
		count = "SELECT count(*) FROM (" + inner + ") x JOIN entities e ON e.key = x.entity" + wc
		list = "SELECT e.key, e.name, e.type, e.country, e.actor, x.n, x.c FROM (" + inner + ") x JOIN entities e ON e.key = x.entity" + wc +
			" ORDER BY x.n DESC, x.c DESC, e.key LIMIT ? OFFSET ?"
		cargs = append(append([]any{}, args...), eargs...)
	}
	if err := s.db.QueryRowContext(ctx, count, cargs...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, list, append(cargs, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e store.EntitySummary
		if err := rows.Scan(&e.Key, &e.Name, &e.Type, &e.Country, &e.Actor, &e.Articles, &e.Mentions); err != nil {
			return nil, fmt.Errorf("entities: %w", err)
		}
		res.Entities = append(res.Entities, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	res.NextCursor = sd.NextCursor(offset, len(res.Entities), limit, res.Total)
	return res, nil
}

func likePrefix(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s) + "%"
}

// Entity implements store.Store.
func (s *Store) Entity(ctx context.Context, key string) (*store.EntityDetail, error) {
	d := &store.EntityDetail{}
	err := s.db.QueryRowContext(ctx, "SELECT key, name, type, country, actor, articles, mentions FROM entities WHERE key = ? AND articles > 0", key).
		Scan(&d.Key, &d.Name, &d.Type, &d.Country, &d.Actor, &d.Articles, &d.Mentions)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("entity %s: %w", key, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("entity %s: %w", key, err)
	}
	titles, err := s.strings(ctx, "SELECT DISTINCT titles FROM mentions WHERE entity = ? AND titles != '[]' LIMIT 200", key)
	if err != nil {
		return nil, fmt.Errorf("entity %s: %w", key, err)
	}
	d.Titles = []string{}
	for _, t := range titles {
		var list []string
		if json.Unmarshal([]byte(t), &list) == nil {
			d.Titles = sd.AppendNew(d.Titles, list...)
		}
	}
	f := store.Filter{Entity: key}
	ql, err := s.Quotes(ctx, store.Query{Filter: f, Limit: store.DetailLimit})
	if err != nil {
		return nil, err
	}
	d.Quotes = ql.Quotes
	src, err := s.Events(ctx, store.Query{Filter: f, Role: "source", Limit: store.DetailLimit})
	if err != nil {
		return nil, err
	}
	d.AsSource = src.Events
	tgt, err := s.Events(ctx, store.Query{Filter: f, Role: "target", Limit: store.DetailLimit})
	if err != nil {
		return nil, err
	}
	d.AsTarget = tgt.Events
	if d.Timeline, err = s.counts(ctx, "SELECT day, '', count(*) FROM mentions WHERE entity = ? AND day != '' GROUP BY 1 ORDER BY 1", key); err != nil {
		return nil, fmt.Errorf("entity %s: %w", key, err)
	}
	recent, err := s.Search(ctx, store.Query{Filter: f, Sort: "date", Limit: store.DetailLimit})
	if err != nil {
		return nil, err
	}
	d.Recent = recent.Articles
	return d, nil
}

// Quotes implements store.Store.
func (s *Store) Quotes(ctx context.Context, q store.Query) (*store.QuoteList, error) {
	limit, offset, err := sd.Page(q.Limit, q.Offset, q.Cursor)
	if err != nil {
		return nil, err
	}
	speaker := q.Entity
	f := q.Filter
	f.Entity = "" // the speaker, not any mention
	conds, args := sd.Where(f)
	if speaker != "" {
		conds = append([]string{"x.speaker = ?"}, conds...)
		args = append([]any{speaker}, args...)
	}
	if text := ftsQuery(q.Text); text != "" {
		conds = append(conds, "x.article IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
		args = append(args, text)
	}
	from := " FROM quotes x JOIN articles a ON a.rowid = x.article" + sd.WhereClause(conds)
	res := &store.QuoteList{Quotes: []store.QuoteHit{}}
	if err := s.db.QueryRowContext(ctx, "SELECT count(*)"+from, args...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("quotes: %w", ftsError(err))
	}
	rows, err := s.db.QueryContext(ctx, "SELECT a.id, a.title, a.published, coalesce(x.speaker, ''), x.json"+from+
		" ORDER BY x.day DESC, x.article DESC, x.n LIMIT ? OFFSET ?", append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", ftsError(err))
	}
	defer rows.Close()
	for rows.Next() {
		var h store.QuoteHit
		var js string
		if err := rows.Scan(&h.Article, &h.Title, &h.Published, &h.Speaker, &js); err != nil {
			return nil, fmt.Errorf("quotes: %w", err)
		}
		if err := json.Unmarshal([]byte(js), &h.Quote); err != nil {
			return nil, fmt.Errorf("quotes: decode: %w", err)
		}
		res.Quotes = append(res.Quotes, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	res.NextCursor = sd.NextCursor(offset, len(res.Quotes), limit, res.Total)
	return res, nil
}

// Events implements store.Store.
func (s *Store) Events(ctx context.Context, q store.Query) (*store.EventList, error) {
	limit, offset, err := sd.Page(q.Limit, q.Offset, q.Cursor)
	if err != nil {
		return nil, err
	}
	actor := q.Entity
	f := q.Filter
	f.Entity = ""
	eventType := f.EventType
	f.EventType = "" // the event's own type, not any event of the article
	conds, args := sd.Where(f)
	if eventType != "" {
		conds = append(conds, "x.type = ?")
		args = append(args, eventType)
	}
	switch q.Role {
	case "", "source", "target":
	default:
		return nil, fmt.Errorf("%w: role %q: want source or target", store.ErrBadQuery, q.Role)
	}
	from := " FROM events x JOIN articles a ON a.rowid = x.article"
	order := " ORDER BY x.day DESC, x.article DESC, x.n"
	switch {
	case actor != "" && q.Role != "":
		// Driven by the actors index, which is in date order.
		from = " FROM event_actors ea JOIN events x ON x.article = ea.article AND x.n = ea.n JOIN articles a ON a.rowid = x.article"
		conds = append([]string{"ea.entity = ? AND ea.role = ?"}, conds...)
		args = append([]any{actor, q.Role}, args...)
		order = " ORDER BY ea.day DESC, ea.article DESC, ea.n"
	case actor != "":
		conds = append(conds, "(x.article, x.n) IN (SELECT article, n FROM event_actors WHERE entity = ?)")
		args = append(args, actor)
	}
	if text := ftsQuery(q.Text); text != "" {
		conds = append(conds, "x.article IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
		args = append(args, text)
	}
	from += sd.WhereClause(conds)
	res := &store.EventList{Events: []store.EventHit{}}
	if err := s.db.QueryRowContext(ctx, "SELECT count(*)"+from, args...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("events: %w", ftsError(err))
	}
	rows, err := s.db.QueryContext(ctx, "SELECT x.article, x.n, a.id, a.title, a.published, x.sentence, x.json"+from+
		order+" LIMIT ? OFFSET ?", append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("events: %w", ftsError(err))
	}
	type ref struct {
		article int64
		n       int
	}
	var refs []ref
	for rows.Next() {
		var h store.EventHit
		var r ref
		var js string
		if err := rows.Scan(&r.article, &r.n, &h.Article, &h.Title, &h.Published, &h.Sentence, &js); err != nil {
			rows.Close()
			return nil, fmt.Errorf("events: %w", err)
		}
		if err := json.Unmarshal([]byte(js), &h.Event); err != nil {
			rows.Close()
			return nil, fmt.Errorf("events: decode: %w", err)
		}
		h.Sources, h.Targets = []string{}, []string{}
		res.Events = append(res.Events, h)
		refs = append(refs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	for i, r := range refs {
		rows, err := s.db.QueryContext(ctx, "SELECT entity, role FROM event_actors WHERE article = ? AND n = ? ORDER BY entity", r.article, r.n)
		if err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		for rows.Next() {
			var e, role string
			if err := rows.Scan(&e, &role); err != nil {
				rows.Close()
				return nil, fmt.Errorf("events: %w", err)
			}
			if role == "source" {
				res.Events[i].Sources = append(res.Events[i].Sources, e)
			} else {
				res.Events[i].Targets = append(res.Events[i].Targets, e)
			}
		}
		rows.Close()
	}
	res.NextCursor = sd.NextCursor(offset, len(res.Events), limit, res.Total)
	return res, nil
}

const storyCols = "a.story, (SELECT title FROM articles f WHERE f.story = a.story ORDER BY f.rowid LIMIT 1), count(*), count(DISTINCT a.site), min(a.day), max(a.day)"

// Stories implements store.Store.
func (s *Store) Stories(ctx context.Context, q store.Query) (*store.StoryList, error) {
	limit, offset, err := sd.Page(q.Limit, q.Offset, q.Cursor)
	if err != nil {
		return nil, err
	}
	conds, args := sd.Where(q.Filter)
	if text := ftsQuery(q.Text); text != "" {
		conds = append(conds, "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
		args = append(args, text)
	}
	wc := sd.WhereClause(conds)
	res := &store.StoryList{Stories: []store.StorySummary{}}
	countQ := "SELECT count(DISTINCT a.story) FROM articles a" + wc
	listQ := "SELECT " + storyCols + " FROM articles a" + wc +
		" GROUP BY a.story ORDER BY count(*) DESC, max(a.day) DESC, a.story LIMIT ? OFFSET ?"
	if len(conds) == 0 {
		// The counters of the stories table.
		countQ = "SELECT count(*) FROM stories"
		listQ = `SELECT id, title, articles, (SELECT count(DISTINCT site) FROM articles a WHERE a.story = stories.id), first, last
			FROM stories ORDER BY articles DESC, last DESC, id LIMIT ? OFFSET ?`
	}
	if err := s.db.QueryRowContext(ctx, countQ, args...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("stories: %w", ftsError(err))
	}
	rows, err := s.db.QueryContext(ctx, listQ, append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("stories: %w", ftsError(err))
	}
	defer rows.Close()
	for rows.Next() {
		var st store.StorySummary
		if err := rows.Scan(&st.ID, &st.Title, &st.Articles, &st.Sites, &st.First, &st.Last); err != nil {
			return nil, fmt.Errorf("stories: %w", err)
		}
		res.Stories = append(res.Stories, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	res.NextCursor = sd.NextCursor(offset, len(res.Stories), limit, res.Total)
	return res, nil
}

// Story implements store.Store.
func (s *Store) Story(ctx context.Context, id string) (*store.Story, error) {
	st := &store.Story{}
	err := s.db.QueryRowContext(ctx, "SELECT "+storyCols+" FROM articles a WHERE a.story = ? GROUP BY a.story", id).
		Scan(&st.ID, &st.Title, &st.Articles, &st.Sites, &st.First, &st.Last)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("story %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("story %s: %w", id, err)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+summaryCols+", a.lead FROM articles a WHERE a.story = ? ORDER BY a.day, a.rowid", id)
	if err != nil {
		return nil, fmt.Errorf("story %s: %w", id, err)
	}
	defer rows.Close()
	st.Members = []store.ArticleSummary{}
	for rows.Next() {
		var lead string
		a, err := scanSummary(rows, &lead)
		if err != nil {
			return nil, fmt.Errorf("story %s: %w", id, err)
		}
		a.Snippet = lead
		st.Members = append(st.Members, a)
	}
	return st, rows.Err()
}
