package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"newsgraph/document"
	"newsgraph/store"
	sd "newsgraph/store/derive"
)

// ftsQuery turns a user query into FTS5 syntax: "phrases", OR, NOT, AND
// and a trailing * pass through; every other word is quoted, so that
// punctuation (a hyphen, a colon) is never read as FTS5 syntax.
func ftsQuery(q string) string {
	var out []string
	rest := strings.TrimSpace(q)
	for rest != "" {
		if rest[0] == '"' {
			end := strings.IndexByte(rest[1:], '"')
			var phrase string
			if end < 0 {
				phrase, rest = rest[1:], ""
			} else {
				phrase, rest = rest[1:end+1], rest[end+2:]
			}
			if w := quoteWord(phrase); w != "" {
				out = append(out, w)
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
		case word == "OR" || word == "NOT" || word == "AND":
			if len(out) > 0 && rest != "" {
				out = append(out, word)
			}
		case strings.HasSuffix(word, "*") && len(word) > 1:
			if w := quoteWord(strings.TrimRight(word, "*")); w != "" {
				out = append(out, w+"*")
			}
		default:
			if w := quoteWord(sd.StripPossessive(word)); w != "" {
				out = append(out, w)
			}
		}
	}
	// A dangling operator at the end (after dropping empty words) is
	// a syntax error in FTS5.
	for len(out) > 0 {
		last := out[len(out)-1]
		if last != "OR" && last != "NOT" && last != "AND" {
			break
		}
		out = out[:len(out)-1]
	}
	return strings.Join(out, " ")
}

func quoteWord(w string) string {
	if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		return ""
	}
	return `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
}

const summaryCols = "a.id, coalesce(a.url, ''), a.site, a.title, a.published, a.language, a.story, a.credit, a.topics"

func scanSummary(rows *sql.Rows, extra ...any) (store.ArticleSummary, error) {
	var s store.ArticleSummary
	var topics string
	dest := append([]any{&s.ID, &s.URL, &s.Site, &s.Title, &s.Published, &s.Language, &s.Story, &s.Credit, &topics}, extra...)
	if err := rows.Scan(dest...); err != nil {
		return s, err
	}
	s.Topics = sd.SplitTopics(topics)
	return s, nil
}

// scanSummaryRow scans a row of rowid, summaryCols, then extra.
func scanSummaryRow(rows *sql.Rows, rowid *int64, extra ...any) (store.ArticleSummary, error) {
	var s store.ArticleSummary
	var topics string
	dest := append([]any{rowid, &s.ID, &s.URL, &s.Site, &s.Title, &s.Published, &s.Language, &s.Story, &s.Credit, &topics}, extra...)
	if err := rows.Scan(dest...); err != nil {
		return s, err
	}
	s.Topics = sd.SplitTopics(topics)
	return s, nil
}

// ftsError maps FTS5 syntax errors to ErrBadQuery.
func ftsError(err error) error {
	if err != nil && (strings.Contains(err.Error(), "fts5") || strings.Contains(err.Error(), "syntax error")) {
		return fmt.Errorf("%w: %v", store.ErrBadQuery, err)
	}
	return err
}

// RankWindow is how many matches of a text query are ranked by bm25: the
// most recently stored ones. FTS5 computes bm25 for every row it sorts,
// so ranking all of a common word's matches costs time in proportion to
// the store; ranking a bounded window keeps a search fast at any size.
// Matches beyond the window follow, newest first, so paging still
// reaches every match, and Total is always exact.
const RankWindow = 2000

func (s *Store) rankWindow() int {
	if s.rankWindowForTest > 0 {
		return s.rankWindowForTest
	}
	return RankWindow
}

// Search implements store.Store.
func (s *Store) Search(ctx context.Context, q store.Query) (*store.SearchResult, error) {
	limit, offset, err := sd.Page(q.Limit, q.Offset, q.Cursor)
	if err != nil {
		return nil, err
	}
	text := ftsQuery(q.Text)
	sort := q.Sort
	switch sort {
	case "":
		sort = "date"
		if text != "" {
			sort = "relevance"
		}
	case "date", "relevance":
	default:
		return nil, fmt.Errorf("%w: sort %q: want relevance or date", store.ErrBadQuery, q.Sort)
	}
	if text == "" {
		sort = "date"
	}
	f := q.Filter
	var from, order, key string
	var conds []string
	var args []any
	switch {
	case text != "":
		// The FTS index gives the set of matching rows; the filters
		// run over the articles indexes. (Letting FTS drive a join
		// costs a lookup per match: slow for common words.)
		from = " FROM articles a"
		conds, args = sd.Where(f)
		conds = append(conds, "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
		args = append(args, text)
		order, key = " ORDER BY a.day DESC, a.rowid DESC", "a.rowid"
	case f.Entity != "":
		// Driven by the mentions index, which is in date order.
		entity := f.Entity
		f.Entity = ""
		from = " FROM mentions me JOIN articles a ON a.rowid = me.article"
		conds, args = sd.Where(f)
		conds = append([]string{"me.entity = ?"}, conds...)
		args = append([]any{entity}, args...)
		order, key = " ORDER BY me.day DESC, me.article DESC", "me.article"
	default:
		from = " FROM articles a"
		conds, args = sd.Where(f)
		order, key = " ORDER BY a.day DESC, a.rowid DESC", "a.rowid"
	}
	wc := sd.WhereClause(conds)
	res := &store.SearchResult{Articles: []store.ArticleSummary{}}
	countQ := "SELECT count(*)" + from + wc
	if len(conds) == 1 {
		switch {
		case text != "":
			countQ = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?" // the index alone
		case f.Entity == "" && q.Entity != "":
			countQ = "SELECT count(*) FROM mentions me" + wc
		}
	}
	if err := s.db.QueryRowContext(ctx, countQ, args...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("search: %w", ftsError(err))
	}
	type hit struct {
		rowid int64
		score float64
	}
	var hits []hit
	addHits := func(query string, qargs ...any) error {
		rows, err := s.db.QueryContext(ctx, query, qargs...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h hit
			if err := rows.Scan(&h.rowid, &h.score); err != nil {
				return err
			}
			hits = append(hits, h)
		}
		return rows.Err()
	}
	end := offset + limit
	if sort == "relevance" {
		// The newest RankWindow matches of the text are ranked by bm25;
		// the filters then apply to them (ranked part, r of them), and
		// the older matches that pass the filters follow, newest first.
		rw := s.rankWindow()
		fconds, fargs := conds[:len(conds)-1], args[:len(args)-1]
		ids := "SELECT rowid AS r FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT " + fmt.Sprint(rw)
		window := "SELECT rowid AS r, -bm25(articles_fts, 5.0, 1.0) AS sc FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT " + fmt.Sprint(rw)
		on := ""
		if len(fconds) > 0 {
			on = " AND " + strings.Join(fconds, " AND ")
		}
		// Without filters every match is an article: the joins with
		// articles, a random read per match, are left out.
		countW := "SELECT count(a.rowid), coalesce(min(w.r), 0) FROM (" + ids + ") w LEFT JOIN articles a ON a.rowid = w.r" + on
		rankW := "SELECT w.r, w.sc FROM (" + window + ") w JOIN articles a ON a.rowid = w.r" + sd.WhereClause(fconds) +
			" ORDER BY w.sc DESC, w.r DESC LIMIT ? OFFSET ?"
		if len(fconds) == 0 {
			countW = "SELECT count(*), coalesce(min(w.r), 0) FROM (" + ids + ") w"
			rankW = "SELECT w.r, w.sc FROM (" + window + ") w ORDER BY w.sc DESC, w.r DESC LIMIT ? OFFSET ?"
		}
		var ranked int
		var oldest int64
		err = s.db.QueryRowContext(ctx, countW, append([]any{text}, fargs...)...).Scan(&ranked, &oldest)
		if err == nil && offset < ranked {
			err = addHits(rankW, append(append([]any{text}, fargs...), min(end, ranked)-offset, offset)...)
		}
		if err == nil && end > ranked {
			tail := max(offset, ranked)
			tc := append(append([]string{}, conds...), "a.rowid < ?")
			err = addHits("SELECT a.rowid, 0.0 FROM articles a"+sd.WhereClause(tc)+" ORDER BY a.rowid DESC LIMIT ? OFFSET ?",
				append(append(append([]any{}, args...), oldest), end-tail, tail-ranked)...)
		}
	} else {
		err = addHits("SELECT "+key+", 0.0"+from+wc+order+" LIMIT ? OFFSET ?", append(args, limit, offset)...)
	}
	if err != nil {
		return nil, fmt.Errorf("search: %w", ftsError(err))
	}
	if len(hits) > 0 {
		ids := make([]any, len(hits))
		for i, h := range hits {
			ids[i] = h.rowid
		}
		textCol := "''"
		if text != "" {
			textCol = "d.text"
		}
		rows, err := s.db.QueryContext(ctx, "SELECT a.rowid, "+summaryCols+", a.lead, "+textCol+
			" FROM articles a JOIN docs d ON d.rowid = a.rowid WHERE a.rowid IN ("+placeholders(len(ids))+")", ids...)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		byRow := map[int64]store.ArticleSummary{}
		terms := sd.SnippetTerms(q.Text)
		for rows.Next() {
			var rowid int64
			var lead, body string
			a, err := scanSummaryRow(rows, &rowid, &lead, &body)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("search: %w", err)
			}
			a.Snippet = lead
			if text != "" {
				if snip := sd.Snippet(body, terms); snip != "" {
					a.Snippet = snip
				}
			}
			byRow[rowid] = a
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		for _, h := range hits {
			if a, ok := byRow[h.rowid]; ok {
				a.Score = h.score
				res.Articles = append(res.Articles, a)
			}
		}
	}
	res.NextCursor = sd.NextCursor(offset, len(res.Articles), limit, res.Total)
	if q.Facets {
		set := "SELECT " + key + " AS r" + from + wc + " ORDER BY " + key + " DESC LIMIT " + fmt.Sprint(sd.FacetWindow)
		if res.Facets, err = s.facets(ctx, set, args); err != nil {
			return nil, err
		}
		res.Facets.Counted = min(res.Total, sd.FacetWindow)
	}
	return res, nil
}

// facets counts the top values of each facet over the articles (rowids
// in column r) that set selects.
func (s *Store) facets(ctx context.Context, set string, args []any) (*store.Facets, error) {
	// The set is read once and handed to each facet query as a JSON
	// array, rather than each query evaluating it again.
	rows, err := s.db.QueryContext(ctx, set, args...)
	if err != nil {
		return nil, fmt.Errorf("facets: %w", ftsError(err))
	}
	ids := []int64{}
	for rows.Next() {
		var r int64
		if err := rows.Scan(&r); err != nil {
			rows.Close()
			return nil, fmt.Errorf("facets: %w", err)
		}
		ids = append(ids, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("facets: %w", ftsError(err))
	}
	js, _ := json.Marshal(ids)
	args = []any{string(js)}
	m := "WITH m AS (SELECT value AS r FROM json_each(?)) "
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
		counts, err := s.counts(ctx, q.sql, args...)
		if err != nil {
			return nil, fmt.Errorf("facets: %w", ftsError(err))
		}
		*q.dst = counts
	}
	return f, nil
}

// counts runs a query of (value, label, count) rows.
func (s *Store) counts(ctx context.Context, query string, args ...any) ([]store.Count, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []store.Count{}
	for rows.Next() {
		var c store.Count
		if err := rows.Scan(&c.Value, &c.Label, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Get implements store.Store.
func (s *Store) Get(ctx context.Context, id string) (*store.Article, error) {
	row := s.db.QueryRowContext(ctx, `SELECT d.text, d.doc, a.story, coalesce(a.source_url, ''), a.credit, a.hash, a.topics, a.stored
		FROM articles a JOIN docs d ON d.rowid = a.rowid WHERE a.id = ?`, id)
	art, err := scanArticle(row.Scan)
	if errors.Is(err, sql.ErrNoRows) {
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
	a.Topics = sd.SplitTopics(topics)
	return a, nil
}

// Scan implements store.Store. Rows are read in batches by rowid so that
// no read transaction stays open while fn runs (fn may be slow: it writes
// an export).
func (s *Store) Scan(ctx context.Context, f store.Filter, fn func(*store.Article) error) error {
	conds, args := sd.Where(f)
	const batch = 200
	var last int64 = -1
	for {
		c := append([]string{"a.rowid > ?"}, conds...)
		rows, err := s.db.QueryContext(ctx, `SELECT a.rowid, d.text, d.doc, a.story, coalesce(a.source_url, ''), a.credit, a.hash, a.topics, a.stored
			FROM articles a JOIN docs d ON d.rowid = a.rowid`+sd.WhereClause(c)+" ORDER BY a.rowid LIMIT ?",
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
	conds, args := sd.Where(f)
	conds = append(conds, "a.day != ''")
	if fts := ftsQuery(text); fts != "" {
		conds = append(conds, "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
		args = append(args, fts)
	}
	out, err := s.counts(ctx, "SELECT a.day, '', count(*) FROM articles a"+sd.WhereClause(conds)+" GROUP BY 1 ORDER BY 1", args...)
	if err != nil {
		return nil, fmt.Errorf("timeline: %w", ftsError(err))
	}
	return out, nil
}

// Topics implements store.Store.
func (s *Store) Topics(ctx context.Context, f store.Filter) ([]store.Count, error) {
	conds, args := sd.Where(f)
	var q string
	if len(conds) == 0 {
		q = "SELECT topic, '', count(*) FROM topics GROUP BY 1 ORDER BY 3 DESC, 1"
	} else {
		q = "SELECT t.topic, '', count(*) FROM articles a JOIN topics t ON t.article = a.rowid" + sd.WhereClause(conds) + " GROUP BY 1 ORDER BY 3 DESC, 1"
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
	conds, args := sd.Where(q.Filter)
	var query string
	if len(conds) == 0 {
		query = "SELECT key, name, country, lat, lon, feature, articles, mentions, events FROM places WHERE articles > 0 ORDER BY articles DESC, key LIMIT ? OFFSET ?"
	} else {
		query = `SELECT p.key, p.name, p.country, p.lat, p.lon, p.feature, x.n, x.m, 0 FROM
			(SELECT ap.place, count(*) AS n, sum(ap.count) AS m FROM articles a JOIN article_places ap ON ap.article = a.rowid` +
			sd.WhereClause(conds) + ` GROUP BY 1) x JOIN places p ON p.key = x.place ORDER BY x.n DESC, p.key LIMIT ? OFFSET ?`
	}
	rows, err := s.db.QueryContext(ctx, query, append(args, limit, max(q.Offset, 0))...)
	if err != nil {
		return nil, fmt.Errorf("places: %w", err)
	}
	var out []store.PlaceCount
	for rows.Next() {
		var p store.PlaceCount
		if err := rows.Scan(&p.Key, &p.Name, &p.Country, &p.Lat, &p.Lon, &p.Feature, &p.Articles, &p.Mentions, &p.Events); err != nil {
			rows.Close()
			return nil, fmt.Errorf("places: %w", err)
		}
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("places: %w", err)
	}
	for i := range out {
		c := append([]string{"ap.place = ?"}, conds...)
		pargs := append([]any{out[i].Key}, args...)
		ids, err := s.strings(ctx, "SELECT a.id FROM article_places ap JOIN articles a ON a.rowid = ap.article"+sd.WhereClause(c)+
			" ORDER BY ap.article DESC LIMIT ?", append(pargs, store.PlaceIDLimit)...)
		if err != nil {
			return nil, fmt.Errorf("places: %w", err)
		}
		out[i].ArticleIDs = ids
		if len(conds) > 0 {
			evq := "SELECT count(*) FROM events x JOIN articles a ON a.rowid = x.article" + sd.WhereClause(append([]string{"x.place = ?"}, conds...))
			if err := s.db.QueryRowContext(ctx, evq, pargs...).Scan(&out[i].Events); err != nil {
				return nil, fmt.Errorf("places: %w", err)
			}
		}
	}
	if out == nil {
		out = []store.PlaceCount{}
	}
	return out, nil
}

func (s *Store) strings(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Related implements store.Store: candidates are the articles that share
// this article's entities, each shared entity weighted by its inverse
// article frequency (entities in more than RelatedMaxDF articles, like a
// country everyone names, are left out), plus the articles whose title
// matches all of this title's content words (bm25). Articles of its own
// story come last, since the story view already lists them.
func (s *Store) Related(ctx context.Context, id string, limit int) ([]store.ArticleSummary, error) {
	if limit <= 0 {
		limit = 10
	}
	var rowid int64
	var title, story string
	err := s.db.QueryRowContext(ctx, "SELECT rowid, title, story FROM articles WHERE id = ?", id).Scan(&rowid, &title, &story)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("related %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("related %s: %w", id, err)
	}
	scores := map[int64]float64{}
	rows, err := s.db.QueryContext(ctx, `SELECT m2.article, sum(10.0 / e.articles) FROM
		(SELECT entity FROM mentions WHERE article = ?1 ORDER BY count DESC, entity LIMIT 10) mine
		JOIN entities e ON e.key = mine.entity AND e.articles BETWEEN 2 AND ?2
		JOIN mentions m2 ON m2.entity = mine.entity AND m2.article != ?1
		GROUP BY 1 ORDER BY 2 DESC, 1 DESC LIMIT 200`, rowid, RelatedMaxDF)
	if err != nil {
		return nil, fmt.Errorf("related %s: %w", id, err)
	}
	for rows.Next() {
		var r int64
		var sc float64
		if err := rows.Scan(&r, &sc); err != nil {
			rows.Close()
			return nil, fmt.Errorf("related %s: %w", id, err)
		}
		scores[r] += sc
	}
	rows.Close()
	if q := ftsTitleQuery(title); q != "" {
		rows, err := s.db.QueryContext(ctx, `SELECT r, sc FROM (SELECT rowid AS r, -bm25(articles_fts, 5.0, 1.0) AS sc FROM articles_fts
			WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT `+fmt.Sprint(RankWindow)+`) WHERE r != ? ORDER BY sc DESC LIMIT 50`, q, rowid)
		if err != nil {
			return nil, fmt.Errorf("related %s: %w", id, err)
		}
		for rows.Next() {
			var r int64
			var sc float64
			if err := rows.Scan(&r, &sc); err != nil {
				rows.Close()
				return nil, fmt.Errorf("related %s: %w", id, err)
			}
			scores[r] += sc / 10
		}
		rows.Close()
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
	var out, sameStory []store.ArticleSummary
	for _, c := range cands {
		rows, err := s.db.QueryContext(ctx, "SELECT "+summaryCols+", a.lead FROM articles a WHERE a.rowid = ?", c.rowid)
		if err != nil {
			return nil, fmt.Errorf("related %s: %w", id, err)
		}
		for rows.Next() {
			var lead string
			a, err := scanSummary(rows, &lead)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("related %s: %w", id, err)
			}
			a.Snippet, a.Score = lead, c.score
			if a.Story == story {
				sameStory = append(sameStory, a)
			} else {
				out = append(out, a)
			}
		}
		rows.Close()
	}
	out = append(out, sameStory...)
	if len(out) > limit {
		out = out[:limit]
	}
	if out == nil {
		out = []store.ArticleSummary{}
	}
	return out, nil
}

// RelatedMaxDF is the most articles an entity may be in and still count
// as evidence that two articles are related.
const RelatedMaxDF = 5000

// ftsTitleQuery asks for any content word of a title in the title
// column; bm25 puts the titles that share most of them first.
func ftsTitleQuery(title string) string {
	var words []string
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) < 4 || seen[w] {
			continue
		}
		seen[w] = true
		words = append(words, `"`+w+`"`)
	}
	if len(words) == 0 {
		return ""
	}
	return "title : (" + strings.Join(words, " OR ") + ")"
}
