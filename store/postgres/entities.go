package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"newsgraph/store"
	"newsgraph/store/derive"
)

// Entities implements store.Store.
func (s *Store) Entities(ctx context.Context, q store.EntityQuery) (*store.EntityList, error) {
	limit, offset, err := derive.Page(q.Limit, q.Offset, q.Cursor)
	if err != nil {
		return nil, err
	}
	conds, args := derive.Where(q.Filter)
	var econds []string
	var eargs []any
	if q.Type != "" {
		econds = append(econds, "e.type = ?")
		eargs = append(eargs, q.Type)
	}
	if q.Name != "" {
		econds = append(econds, `lower(e.name) LIKE ? ESCAPE '\'`)
		eargs = append(eargs, derive.LikePrefix(strings.ToLower(q.Name)))
	}
	res := &store.EntityList{Entities: []store.EntitySummary{}}
	var count, list string
	var cargs []any
	if len(conds) == 0 {
		econds = append(econds, "e.articles > 0")
		wc := derive.WhereClause(econds)
		count = "SELECT count(*) FROM entities e" + wc
		list = "SELECT e.key, e.name, e.type, e.country, e.actor, e.articles, e.mentions FROM entities e" + wc +
			" ORDER BY e.articles DESC, e.mentions DESC, e.key LIMIT ? OFFSET ?"
		cargs = eargs
	} else {
		inner := "SELECT m.entity, count(*) AS n, sum(m.count) AS c FROM articles a JOIN mentions m ON m.article = a.rowid" +
			derive.WhereClause(conds) + " GROUP BY 1"
		wc := derive.WhereClause(econds)
		count = "SELECT count(*) FROM (" + inner + ") x JOIN entities e ON e.key = x.entity" + wc
		list = "SELECT e.key, e.name, e.type, e.country, e.actor, x.n, x.c FROM (" + inner + ") x JOIN entities e ON e.key = x.entity" + wc +
			" ORDER BY x.n DESC, x.c DESC, e.key LIMIT ? OFFSET ?"
		cargs = append(append([]any{}, args...), eargs...)
	}
	if err := s.pool.QueryRow(ctx, rebind(count), cargs...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	rows, err := s.pool.Query(ctx, rebind(list), append(cargs, limit, offset)...)
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
	res.NextCursor = derive.NextCursor(offset, len(res.Entities), limit, res.Total)
	return res, nil
}

// Entity implements store.Store.
func (s *Store) Entity(ctx context.Context, key string) (*store.EntityDetail, error) {
	d := &store.EntityDetail{}
	err := s.pool.QueryRow(ctx, "SELECT key, name, type, country, actor, articles, mentions FROM entities WHERE key = $1 AND articles > 0", key).
		Scan(&d.Key, &d.Name, &d.Type, &d.Country, &d.Actor, &d.Articles, &d.Mentions)
	if errors.Is(err, pgx.ErrNoRows) {
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
			d.Titles = derive.AppendNew(d.Titles, list...)
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

// textCond adds the condition that column (an article rowid) is of an
// article matching text, when text has words.
func textCond(conds []string, args []any, column, text string) ([]string, []any) {
	tq, targs := textQuery(text)
	if tq == "" {
		return conds, args
	}
	return append(conds, column+" IN (SELECT rowid FROM article_search WHERE tsv @@ "+tq+")"), append(args, targs...)
}

// Quotes implements store.Store.
func (s *Store) Quotes(ctx context.Context, q store.Query) (*store.QuoteList, error) {
	limit, offset, err := derive.Page(q.Limit, q.Offset, q.Cursor)
	if err != nil {
		return nil, err
	}
	speaker := q.Entity
	f := q.Filter
	f.Entity = "" // the speaker, not any mention
	conds, args := derive.Where(f)
	if speaker != "" {
		conds = append([]string{"x.speaker = ?"}, conds...)
		args = append([]any{speaker}, args...)
	}
	conds, args = textCond(conds, args, "x.article", q.Text)
	from := " FROM quotes x JOIN articles a ON a.rowid = x.article" + derive.WhereClause(conds)
	res := &store.QuoteList{Quotes: []store.QuoteHit{}}
	if err := s.pool.QueryRow(ctx, rebind("SELECT count(*)"+from), args...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	rows, err := s.pool.Query(ctx, rebind("SELECT a.id, a.title, a.published, coalesce(x.speaker, ''), x.json"+from+
		" ORDER BY x.day DESC, x.article DESC, x.n LIMIT ? OFFSET ?"), append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
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
	res.NextCursor = derive.NextCursor(offset, len(res.Quotes), limit, res.Total)
	return res, nil
}

// Events implements store.Store.
func (s *Store) Events(ctx context.Context, q store.Query) (*store.EventList, error) {
	limit, offset, err := derive.Page(q.Limit, q.Offset, q.Cursor)
	if err != nil {
		return nil, err
	}
	actor := q.Entity
	f := q.Filter
	f.Entity = ""
	eventType := f.EventType
	f.EventType = "" // the event's own type, not any event of the article
	conds, args := derive.Where(f)
	if eventType != "" {
		conds = append(conds, "x.type = ?")
		args = append(args, eventType)
	}
	switch q.Role {
	case "", "source", "target":
	default:
		return nil, fmt.Errorf("%w: role %q: want source or target", store.ErrBadQuery, q.Role)
	}
	if actor != "" {
		c := "(x.article, x.n) IN (SELECT article, n FROM event_actors WHERE entity = ?"
		args = append(args, actor)
		if q.Role != "" {
			c += " AND role = ?"
			args = append(args, q.Role)
		}
		conds = append(conds, c+")")
	}
	conds, args = textCond(conds, args, "x.article", q.Text)
	from := " FROM events x JOIN articles a ON a.rowid = x.article" + derive.WhereClause(conds)
	res := &store.EventList{Events: []store.EventHit{}}
	if err := s.pool.QueryRow(ctx, rebind("SELECT count(*)"+from), args...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	// Actors come along as arrays: one query per page.
	rows, err := s.pool.Query(ctx, rebind(`SELECT a.id, a.title, a.published, x.sentence, x.json,
		coalesce((SELECT array_agg(ea.entity ORDER BY ea.entity) FROM event_actors ea WHERE ea.article = x.article AND ea.n = x.n AND ea.role = 'source'), '{}'),
		coalesce((SELECT array_agg(ea.entity ORDER BY ea.entity) FROM event_actors ea WHERE ea.article = x.article AND ea.n = x.n AND ea.role = 'target'), '{}')`+
		from+" ORDER BY x.day DESC, x.article DESC, x.n LIMIT ? OFFSET ?"), append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var h store.EventHit
		var js string
		if err := rows.Scan(&h.Article, &h.Title, &h.Published, &h.Sentence, &js, &h.Sources, &h.Targets); err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		if err := json.Unmarshal([]byte(js), &h.Event); err != nil {
			return nil, fmt.Errorf("events: decode: %w", err)
		}
		res.Events = append(res.Events, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	res.NextCursor = derive.NextCursor(offset, len(res.Events), limit, res.Total)
	return res, nil
}

const storyCols = "a.story, (SELECT title FROM articles f WHERE f.story = a.story ORDER BY f.rowid LIMIT 1), count(*), count(DISTINCT a.site), min(a.day), max(a.day)"

// Stories implements store.Store.
func (s *Store) Stories(ctx context.Context, q store.Query) (*store.StoryList, error) {
	limit, offset, err := derive.Page(q.Limit, q.Offset, q.Cursor)
	if err != nil {
		return nil, err
	}
	conds, args := derive.Where(q.Filter)
	conds, args = textCond(conds, args, "a.rowid", q.Text)
	wc := derive.WhereClause(conds)
	res := &store.StoryList{Stories: []store.StorySummary{}}
	if err := s.pool.QueryRow(ctx, rebind("SELECT count(DISTINCT a.story) FROM articles a"+wc), args...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	rows, err := s.pool.Query(ctx, rebind("SELECT "+storyCols+" FROM articles a"+wc+
		" GROUP BY a.story ORDER BY count(*) DESC, max(a.day) DESC, a.story LIMIT ? OFFSET ?"), append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("stories: %w", err)
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
	res.NextCursor = derive.NextCursor(offset, len(res.Stories), limit, res.Total)
	return res, nil
}

// Story implements store.Store.
func (s *Store) Story(ctx context.Context, id string) (*store.Story, error) {
	st := &store.Story{}
	err := s.pool.QueryRow(ctx, "SELECT "+storyCols+" FROM articles a WHERE a.story = $1 GROUP BY a.story", id).
		Scan(&st.ID, &st.Title, &st.Articles, &st.Sites, &st.First, &st.Last)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("story %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("story %s: %w", id, err)
	}
	rows, err := s.pool.Query(ctx, "SELECT "+summaryCols+", a.lead FROM articles a WHERE a.story = $1 ORDER BY a.day, a.rowid", id)
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
