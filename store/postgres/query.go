package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/jackc/pgx/v5"

	"newsgraph/document"
	"newsgraph/store"
	"newsgraph/store/derive"
)

// textQuery turns a query in the store's syntax (FTS5's: words,
// "phrases", OR, NOT, AND, prefix*) into a tsquery expression with ?
// placeholders and its arguments, or "" when the query has no words.
// Words, phrases, OR and NOT go to websearch_to_tsquery (which never
// fails on odd input); each prefix* word is ANDed on as a prefix lexeme.
func textQuery(q string) (string, []any) {
	var web, prefixes []string
	negate := false
	rest := strings.TrimSpace(q)
	term := func(t string) {
		if negate {
			t = "-" + t
			negate = false
		}
		web = append(web, t)
	}
	for rest != "" {
		if rest[0] == '"' {
			end := strings.IndexByte(rest[1:], '"')
			var phrase string
			if end < 0 {
				phrase, rest = rest[1:], ""
			} else {
				phrase, rest = rest[1:end+1], rest[end+2:]
			}
			if hasWord(phrase) {
				term(`"` + phrase + `"`)
			}
			rest = strings.TrimSpace(rest)
			continue
		}
		i := strings.IndexFunc(rest, unicode.IsSpace)
		var word string
		if i < 0 {
			word, rest = rest, ""
		} else {
			word, rest = rest[:i], strings.TrimSpace(rest[i:])
		}
		switch {
		case word == "OR":
			if len(web) > 0 && rest != "" {
				web = append(web, "or")
			}
		case word == "NOT":
			negate = true
		case word == "AND":
		case strings.HasSuffix(word, "*") && len(word) > 1:
			if w := strings.TrimRight(word, "*"); hasWord(w) {
				prefixes = append(prefixes, w)
			}
		default:
			if hasWord(word) {
				// Quoted: a word's own punctuation (a leading -,
				// a colon) is text, not syntax.
				term(`"` + strings.ReplaceAll(derive.StripPossessive(word), `"`, "") + `"`)
			}
		}
	}
	for len(web) > 0 && web[len(web)-1] == "or" {
		web = web[:len(web)-1]
	}
	for i, w := range web {
		if w == "or" {
			web[i] = "OR"
		}
	}
	if len(web) == 0 && len(prefixes) == 0 {
		return "", nil
	}
	parts := []string{"websearch_to_tsquery('simple', ?)"}
	args := []any{strings.Join(web, " ")}
	for _, p := range prefixes {
		parts = append(parts, "(plainto_tsquery('simple', ?)::text || ':*')::tsquery")
		args = append(args, p)
	}
	return "(" + strings.Join(parts, " && ") + ")", args
}

func hasWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

const summaryCols = "a.id, coalesce(a.url, ''), a.site, a.title, a.published, a.language, a.story, a.credit, a.topics"

func scanSummary(rows pgx.Rows, extra ...any) (store.ArticleSummary, error) {
	var s store.ArticleSummary
	var topics string
	dest := append([]any{&s.ID, &s.URL, &s.Site, &s.Title, &s.Published, &s.Language, &s.Story, &s.Credit, &topics}, extra...)
	if err := rows.Scan(dest...); err != nil {
		return s, err
	}
	s.Topics = derive.SplitTopics(topics)
	return s, nil
}

// RankWindow is how many matches of a text query are ranked with
// ts_rank: the most recently stored ones, as in the SQLite store (which
// ranks 2000). ts_rank reads every ranked row's whole tsvector out of
// TOAST storage, so ranking all matches of a common word costs time in
// proportion to the store (2000 took about a second on a loaded 2-core
// machine, 500 a fifth of that); older matches follow the window newest
// first, so paging reaches every match and Total stays exact.
const RankWindow = 500

// tsquery evaluates textQuery's expression tq to a tsquery's text, which
// queries then pass as a constant, so that the planner sees it and lets
// the GIN index drive them.
func (s *Store) tsquery(ctx context.Context, tq string, args []any) (string, error) {
	var tsq string
	err := s.pool.QueryRow(ctx, rebind("SELECT "+tq+"::text"), args...).Scan(&tsq)
	return tsq, err
}

// textMatch is the condition on articles a that they match the tsquery
// argument.
const textMatch = "a.rowid IN (SELECT rowid FROM article_search WHERE tsv @@ ?::tsquery)"

// snippetOr returns the snippet of text around the query's terms, or the
// lead where none of them is in the text.
func snippetOr(lead, text string, terms []string) string {
	if snip := derive.Snippet(text, terms); snip != "" {
		return snip
	}
	return lead
}

// Search implements store.Store.
func (s *Store) Search(ctx context.Context, q store.Query) (*store.SearchResult, error) {
	limit, offset, err := derive.Page(q.Limit, q.Offset, q.Cursor)
	if err != nil {
		return nil, err
	}
	conds, args := derive.Where(q.Filter)
	tq, targs := textQuery(q.Text)
	order := q.Sort
	switch order {
	case "":
		order = "date"
		if tq != "" {
			order = "relevance"
		}
	case "date", "relevance":
	default:
		return nil, fmt.Errorf("%w: sort %q: want relevance or date", store.ErrBadQuery, q.Sort)
	}
	// The tsquery is computed once and passed as a constant, so that
	// the planner sees it and uses the GIN index. "rowid + 0" and
	// "day || ''" below keep it from walking a b-tree in order instead
	// and testing (detoasting) every row's tsvector on the way.
	var tsq string
	var db querier = s.pool
	if tq != "" {
		db = s.textPool
		var err error
		if tsq, err = s.tsquery(ctx, tq, targs); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if order == "relevance" {
			return s.searchText(ctx, db, conds, args, tsq, derive.SnippetTerms(q.Text), limit, offset, q.Facets)
		}
		conds = append([]string{textMatch}, conds...)
		args = append([]any{tsq}, args...)
	} else if order == "relevance" {
		order = "date"
	}
	const from = " FROM articles a"
	wc := derive.WhereClause(conds)
	res := &store.SearchResult{Articles: []store.ArticleSummary{}}
	if err := db.QueryRow(ctx, rebind("SELECT count(*)"+from+wc), args...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	var query string
	var pageArgs []any
	if tq != "" {
		// Newest first: the page, then the text and rank of its rows only.
		inner := "SELECT a.rowid AS r" + from + wc + " ORDER BY a.day || '' DESC, a.rowid + 0 DESC"
		query = "SELECT " + summaryCols + ", a.lead, a.text, ts_rank(s.tsv, ?::tsquery) FROM (" + inner +
			" LIMIT ? OFFSET ?) p JOIN articles a ON a.rowid = p.r JOIN article_search s ON s.rowid = p.r ORDER BY a.day DESC, a.rowid DESC"
		pageArgs = append(append([]any{tsq}, args...), limit, offset)
	} else {
		query = "SELECT " + summaryCols + ", a.lead, '', 0::real" + from + wc + " ORDER BY a.day DESC, a.rowid DESC LIMIT ? OFFSET ?"
		pageArgs = append(append([]any{}, args...), limit, offset)
	}
	terms := derive.SnippetTerms(q.Text)
	rows, err := db.Query(ctx, rebind(query), pageArgs...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var lead, text string
		var score float32
		a, err := scanSummary(rows, &lead, &text, &score)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		a.Snippet, a.Score = snippetOr(lead, text, terms), float64(score)
		res.Articles = append(res.Articles, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	res.NextCursor = derive.NextCursor(offset, len(res.Articles), limit, res.Total)
	if q.Facets {
		var ids []int64
		if err := db.QueryRow(ctx, rebind("SELECT coalesce(array_agg(r), '{}') FROM (SELECT a.rowid AS r"+from+wc+
			" ORDER BY a.rowid + 0 DESC LIMIT "+fmt.Sprint(derive.FacetWindow)+") x"), args...).Scan(&ids); err != nil {
			return nil, fmt.Errorf("facets: %w", err)
		}
		if res.Facets, err = s.facets(ctx, db, ids); err != nil {
			return nil, err
		}
		res.Facets.Counted = min(res.Total, derive.FacetWindow)
	}
	return res, nil
}

// searchText answers a text query in relevance order. One scan of the
// matches (the GIN index, then the filters) gives the total and the
// newest matches, most recent first, as many as the page needs: the
// newest rankWindow of them are ranked with ts_rank and come first, the
// rest follow newest first, and facets count the newest FacetWindow. A
// further scan of a common word's matches would cost as much as the
// first, so there is none.
func (s *Store) searchText(ctx context.Context, db querier, conds []string, args []any, tsq string, terms []string, limit, offset int, facets bool) (*store.SearchResult, error) {
	res := &store.SearchResult{Articles: []store.ArticleSummary{}}
	end := offset + limit
	keep := max(s.matchWindow, s.rankWindow, end)
	// The matches come from the narrow search table; the articles table
	// is read only when there are filters to apply.
	matches := "SELECT s.rowid AS r FROM article_search s WHERE s.tsv @@ ?::tsquery"
	if len(conds) > 0 {
		matches = "SELECT s.rowid AS r FROM article_search s JOIN articles a ON a.rowid = s.rowid WHERE s.tsv @@ ?::tsquery AND " + strings.Join(conds, " AND ")
	}
	var ids []int64
	err := db.QueryRow(ctx, rebind("WITH m AS MATERIALIZED ("+matches+") "+
		"SELECT (SELECT count(*) FROM m), coalesce((SELECT array_agg(r ORDER BY r DESC) FROM (SELECT r FROM m ORDER BY r DESC LIMIT "+
		fmt.Sprint(keep)+") w), '{}')"), append([]any{tsq}, args...)...).Scan(&res.Total, &ids)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	ranked := min(len(ids), s.rankWindow)
	type hit struct {
		rowid int64
		score float32
	}
	var hits []hit
	if offset < ranked {
		rows, err := db.Query(ctx, "SELECT s.rowid, ts_rank(s.tsv, $1::tsquery) AS sc FROM article_search s WHERE s.rowid = ANY($2::bigint[]) ORDER BY sc DESC, s.rowid DESC LIMIT $3 OFFSET $4",
			tsq, ids[:ranked], min(end, ranked)-offset, offset)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		for rows.Next() {
			var h hit
			if err := rows.Scan(&h.rowid, &h.score); err != nil {
				rows.Close()
				return nil, fmt.Errorf("search: %w", err)
			}
			hits = append(hits, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
	}
	// The unranked rest, newest first: ids holds the newest end matches
	// (or all of them), so it has every row of the page.
	for p := max(offset, ranked); p < min(end, len(ids)); p++ {
		hits = append(hits, hit{rowid: ids[p]})
	}
	if len(hits) > 0 {
		page := make([]int64, len(hits))
		for i, h := range hits {
			page[i] = h.rowid
		}
		rows, err := db.Query(ctx, "SELECT a.rowid, "+summaryCols+", a.lead, a.text FROM articles a WHERE a.rowid = ANY($1::bigint[])", page)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		byRow := map[int64]store.ArticleSummary{}
		for rows.Next() {
			var rowid int64
			var lead, text string
			var sm store.ArticleSummary
			var topics string
			if err := rows.Scan(&rowid, &sm.ID, &sm.URL, &sm.Site, &sm.Title, &sm.Published, &sm.Language, &sm.Story, &sm.Credit, &topics, &lead, &text); err != nil {
				rows.Close()
				return nil, fmt.Errorf("search: %w", err)
			}
			sm.Topics = derive.SplitTopics(topics)
			sm.Snippet = snippetOr(lead, text, terms)
			byRow[rowid] = sm
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		for _, h := range hits {
			if a, ok := byRow[h.rowid]; ok {
				a.Score = float64(h.score)
				res.Articles = append(res.Articles, a)
			}
		}
	}
	res.NextCursor = derive.NextCursor(offset, len(res.Articles), limit, res.Total)
	if facets {
		var err error
		n := min(len(ids), derive.FacetWindow)
		if res.Facets, err = s.facets(ctx, db, ids[:n]); err != nil {
			return nil, err
		}
		res.Facets.Counted = n
	}
	return res, nil
}

// facets counts the top values of each facet over the articles ids.
func (s *Store) facets(ctx context.Context, db querier, ids []int64) (*store.Facets, error) {
	m := "WITH m AS (SELECT unnest(?::bigint[]) AS r) "
	lim := fmt.Sprint(store.FacetLimit)
	f := &store.Facets{}
	for _, q := range []struct {
		dst *[]store.Count
		sql string
	}{
		{&f.Sites, m + "SELECT a.site, '', count(*) FROM m JOIN articles a ON a.rowid = m.r WHERE a.site != '' GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT " + lim},
		{&f.Languages, m + "SELECT a.language, '', count(*) FROM m JOIN articles a ON a.rowid = m.r WHERE a.language != '' GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT " + lim},
		{&f.Countries, m + "SELECT c.country, '', count(*) FROM m JOIN article_countries c ON c.article = m.r GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT " + lim},
		{&f.Topics, m + "SELECT t.topic, '', count(*) FROM m JOIN topics t ON t.article = m.r GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT " + lim},
		{&f.EventTypes, m + "SELECT e.type, '', count(DISTINCT e.article) FROM m JOIN events e ON e.article = m.r GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT " + lim},
		{&f.Entities, m + "SELECT x.entity, e.name, x.n FROM (SELECT me.entity, count(*) AS n FROM m JOIN mentions me ON me.article = m.r GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + lim + ") x JOIN entities e ON e.key = x.entity ORDER BY 3 DESC, 1"},
	} {
		counts, err := countsOn(ctx, db, q.sql, ids)
		if err != nil {
			return nil, fmt.Errorf("facets: %w", err)
		}
		*q.dst = counts
	}
	return f, nil
}

// querier is a pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// counts runs a query of (value, label, count) rows.
func (s *Store) counts(ctx context.Context, query string, args ...any) ([]store.Count, error) {
	return countsOn(ctx, s.pool, query, args...)
}

func countsOn(ctx context.Context, db querier, query string, args ...any) ([]store.Count, error) {
	rows, err := db.Query(ctx, rebind(query), args...)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Count, error) {
		var c store.Count
		err := r.Scan(&c.Value, &c.Label, &c.Count)
		return c, err
	})
	if out == nil {
		out = []store.Count{}
	}
	return out, err
}

func (s *Store) strings(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := s.pool.Query(ctx, rebind(query), args...)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if out == nil {
		out = []string{}
	}
	return out, err
}

const articleCols = "a.text, a.doc, a.story, coalesce(a.source_url, ''), a.credit, a.hash, a.topics, a.stored"

// Get implements store.Store.
func (s *Store) Get(ctx context.Context, id string) (*store.Article, error) {
	row := s.pool.QueryRow(ctx, "SELECT "+articleCols+" FROM articles a WHERE a.id = $1", id)
	art, err := scanArticle(row.Scan)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("article %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("article %s: %w", id, err)
	}
	return art, nil
}

func scanArticle(scan func(...any) error) (*store.Article, error) {
	var text, topics string
	var js []byte
	a := &store.Article{}
	if err := scan(&text, &js, &a.Story, &a.SourceURL, &a.Credit, &a.Hash, &topics, &a.Stored); err != nil {
		return nil, err
	}
	doc := &document.Document{}
	if err := json.Unmarshal(js, doc); err != nil {
		return nil, fmt.Errorf("decode stored document: %w", err)
	}
	doc.Text = text
	doc.Normalize()
	a.Doc = doc
	a.Topics = derive.SplitTopics(topics)
	return a, nil
}

// Scan implements store.Store. Rows are read in batches by rowid so that
// no transaction stays open while fn runs.
func (s *Store) Scan(ctx context.Context, f store.Filter, fn func(*store.Article) error) error {
	conds, args := derive.Where(f)
	const batch = 200
	var last int64 = -1
	for {
		c := append([]string{"a.rowid > ?"}, conds...)
		rows, err := s.pool.Query(ctx, rebind("SELECT a.rowid, "+articleCols+" FROM articles a"+derive.WhereClause(c)+" ORDER BY a.rowid LIMIT ?"),
			append(append([]any{last}, args...), batch)...)
		if err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		var arts []*store.Article
		for rows.Next() {
			var rowid int64
			a, err := scanArticle(func(dest ...any) error { return rows.Scan(append([]any{&rowid}, dest...)...) })
			if err != nil {
				rows.Close()
				return fmt.Errorf("scan: %w", err)
			}
			last = rowid
			arts = append(arts, a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		for _, a := range arts {
			if err := fn(a); err != nil {
				return err
			}
		}
		if len(arts) < batch {
			return nil
		}
	}
}

// Timeline implements store.Store.
func (s *Store) Timeline(ctx context.Context, f store.Filter, text string) ([]store.Count, error) {
	conds, args := derive.Where(f)
	conds = append(conds, "a.day != ''")
	var db querier = s.pool
	if tq, targs := textQuery(text); tq != "" {
		tsq, err := s.tsquery(ctx, tq, targs)
		if err != nil {
			return nil, fmt.Errorf("timeline: %w", err)
		}
		conds = append([]string{textMatch}, conds...)
		args = append([]any{tsq}, args...)
		db = s.textPool
	}
	out, err := countsOn(ctx, db, "SELECT a.day, '', count(*) FROM articles a"+derive.WhereClause(conds)+" GROUP BY 1 ORDER BY 1", args...)
	if err != nil {
		return nil, fmt.Errorf("timeline: %w", err)
	}
	return out, nil
}

// Topics implements store.Store.
func (s *Store) Topics(ctx context.Context, f store.Filter) ([]store.Count, error) {
	conds, args := derive.Where(f)
	q := "SELECT t.topic, '', count(*) FROM articles a JOIN topics t ON t.article = a.rowid" + derive.WhereClause(conds) + " GROUP BY 1 ORDER BY 3 DESC, 1"
	if len(conds) == 0 {
		q = "SELECT topic, '', count(*) FROM topics GROUP BY 1 ORDER BY 3 DESC, 1"
	}
	out, err := s.counts(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("topics: %w", err)
	}
	return out, nil
}

// Places implements store.Store.
func (s *Store) Places(ctx context.Context, q store.Query) ([]store.PlaceCount, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 500
	}
	conds, args := derive.Where(q.Filter)
	query := "SELECT key, name, country, lat, lon, feature, articles, mentions FROM places WHERE articles > 0 ORDER BY articles DESC, key LIMIT ? OFFSET ?"
	if len(conds) > 0 {
		query = `SELECT p.key, p.name, p.country, p.lat, p.lon, p.feature, x.n, x.m FROM
			(SELECT ap.place, count(*) AS n, sum(ap.count) AS m FROM articles a JOIN article_places ap ON ap.article = a.rowid` +
			derive.WhereClause(conds) + ` GROUP BY 1) x JOIN places p ON p.key = x.place ORDER BY x.n DESC, p.key LIMIT ? OFFSET ?`
	}
	rows, err := s.pool.Query(ctx, rebind(query), append(append([]any{}, args...), limit, max(q.Offset, 0))...)
	if err != nil {
		return nil, fmt.Errorf("places: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.PlaceCount, error) {
		var p store.PlaceCount
		err := r.Scan(&p.Key, &p.Name, &p.Country, &p.Lat, &p.Lon, &p.Feature, &p.Articles, &p.Mentions)
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("places: %w", err)
	}
	for i := range out {
		c := append([]string{"a.rowid IN (SELECT article FROM article_places WHERE place = ?)"}, conds...)
		ids, err := s.strings(ctx, "SELECT a.id FROM articles a"+derive.WhereClause(c)+" ORDER BY a.day DESC, a.rowid DESC LIMIT ?",
			append(append([]any{out[i].Key}, args...), store.PlaceIDLimit)...)
		if err != nil {
			return nil, fmt.Errorf("places: %w", err)
		}
		out[i].ArticleIDs = ids
		if err := s.pool.QueryRow(ctx, rebind("SELECT count(*) FROM events x JOIN articles a ON a.rowid = x.article"+
			derive.WhereClause(append([]string{"x.place = ?"}, conds...))), append([]any{out[i].Key}, args...)...).Scan(&out[i].Events); err != nil {
			return nil, fmt.Errorf("places: %w", err)
		}
	}
	if out == nil {
		out = []store.PlaceCount{}
	}
	return out, nil
}

// Related implements store.Store as the SQLite store does: articles that
// share the article's most-mentioned entities (rarer ones count more),
// plus full-text rank over its title words; articles of its own story
// come last.
func (s *Store) Related(ctx context.Context, id string, limit int) ([]store.ArticleSummary, error) {
	if limit <= 0 {
		limit = 10
	}
	var rowid int64
	var title, story string
	err := s.pool.QueryRow(ctx, "SELECT rowid, title, story FROM articles WHERE id = $1", id).Scan(&rowid, &title, &story)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("related %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("related %s: %w", id, err)
	}
	scores := map[int64]float64{}
	rows, err := s.pool.Query(ctx, `SELECT o.article, e.articles FROM
		(SELECT entity FROM mentions WHERE article = $1 ORDER BY count DESC, entity LIMIT 10) top
		JOIN entities e ON e.key = top.entity AND e.articles > 1
		CROSS JOIN LATERAL (SELECT article FROM mentions m WHERE m.entity = top.entity AND m.article != $1
			ORDER BY m.day DESC, m.article DESC LIMIT 2000) o`, rowid)
	if err != nil {
		return nil, fmt.Errorf("related %s: %w", id, err)
	}
	for rows.Next() {
		var o int64
		var n int
		if err := rows.Scan(&o, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("related %s: %w", id, err)
		}
		scores[o] += 10 / float64(n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("related %s: %w", id, err)
	}
	if words := derive.TitleWords(title); len(words) > 0 {
		rows, err := s.pool.Query(ctx, `SELECT s.rowid, ts_rank(s.tsv, websearch_to_tsquery('simple', $1)) FROM article_search s
			WHERE s.tsv @@ websearch_to_tsquery('simple', $1) AND s.rowid != $2 ORDER BY 2 DESC, s.rowid DESC LIMIT 50`,
			strings.Join(words, " OR "), rowid)
		if err != nil {
			return nil, fmt.Errorf("related %s: %w", id, err)
		}
		for rows.Next() {
			var r int64
			var sc float32
			if err := rows.Scan(&r, &sc); err != nil {
				rows.Close()
				return nil, fmt.Errorf("related %s: %w", id, err)
			}
			scores[r] += float64(sc)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("related %s: %w", id, err)
		}
	}
	type cand struct {
		rowid int64
		score float64
	}
	cands := make([]cand, 0, len(scores))
	for r, sc := range scores {
		cands = append(cands, cand{r, sc})
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score > cands[j].score
		}
		return cands[i].rowid > cands[j].rowid
	})
	if len(cands) > limit*3 {
		cands = cands[:limit*3]
	}
	ids := make([]int64, len(cands))
	for i, c := range cands {
		ids[i] = c.rowid
	}
	rows, err = s.pool.Query(ctx, "SELECT a.rowid, "+summaryCols+", a.lead FROM articles a WHERE a.rowid = ANY($1)", ids)
	if err != nil {
		return nil, fmt.Errorf("related %s: %w", id, err)
	}
	byRow := map[int64]store.ArticleSummary{}
	for rows.Next() {
		var r int64
		var lead string
		var a store.ArticleSummary
		var topics string
		if err := rows.Scan(&r, &a.ID, &a.URL, &a.Site, &a.Title, &a.Published, &a.Language, &a.Story, &a.Credit, &topics, &lead); err != nil {
			rows.Close()
			return nil, fmt.Errorf("related %s: %w", id, err)
		}
		a.Topics, a.Snippet = derive.SplitTopics(topics), lead
		byRow[r] = a
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("related %s: %w", id, err)
	}
	out, sameStory := []store.ArticleSummary{}, []store.ArticleSummary{}
	for _, c := range cands {
		a, ok := byRow[c.rowid]
		if !ok {
			continue
		}
		a.Score = c.score
		if a.Story == story {
			sameStory = append(sameStory, a)
		} else {
			out = append(out, a)
		}
	}
	out = append(out, sameStory...)
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
