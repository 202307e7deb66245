package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"newsgraph/document"
	"newsgraph/store"
	"newsgraph/store/derive"
)

// Put implements store.Store.
func (s *Store) Put(ctx context.Context, doc *document.Document, opts store.PutOptions) (store.PutResult, error) {
	if doc == nil || strings.TrimSpace(doc.Text) == "" {
		return store.PutResult{}, errors.New("put: document has no text")
	}
	doc.Normalize()
	if doc.ID == "" {
		doc.ID = document.StableID(doc.URL, doc.Text)
	}
	if strings.ContainsRune(doc.Text, 0) || strings.ContainsRune(doc.Title, 0) {
		return store.PutResult{}, fmt.Errorf("put %s: text has a NUL character", doc.ID)
	}
	rows := derive.Of(doc, opts)
	var res store.PutResult
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		// One writer at a time, across processes: the upsert and the
		// story assignment must see every committed article.
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", s.lockKey); err != nil {
			return err
		}
		var err error
		res, err = s.putTx(ctx, tx, doc, rows)
		return err
	})
	if err != nil {
		return store.PutResult{}, fmt.Errorf("put %s: %w", doc.ID, err)
	}
	return res, nil
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (s *Store) putTx(ctx context.Context, tx pgx.Tx, doc *document.Document, d *derive.Rows) (store.PutResult, error) {
	var (
		rowid  int64
		oldID  string
		story  string
		found  bool
		stored = time.Now().UTC().Format(time.RFC3339)
	)
	const findQuery = "SELECT rowid, id, story FROM articles WHERE "
	if d.URL != "" {
		err := tx.QueryRow(ctx, findQuery+"url = $1", d.URL).Scan(&rowid, &oldID, &story)
		if err == nil {
			found = true
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return store.PutResult{}, err
		}
	}
	if !found {
		err := tx.QueryRow(ctx, findQuery+"hash = $1 ORDER BY rowid LIMIT 1", d.Hash).Scan(&rowid, &oldID, &story)
		if err == nil {
			found = true
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return store.PutResult{}, err
		}
	}
	if !found {
		// The id is made from the URL (or the text): a row that holds it
		// is this article, stored under a URL a copy with the same text
		// left on it, or a URL-less copy of the same text.
		err := tx.QueryRow(ctx, findQuery+"id = $1", doc.ID).Scan(&rowid, &oldID, &story)
		if err == nil {
			found = true
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return store.PutResult{}, err
		}
	}
	if found {
		doc.ID = oldID
		if err := removeDerived(ctx, tx, rowid); err != nil {
			return store.PutResult{}, err
		}
	} else {
		var err error
		if story, err = s.assignStory(ctx, tx, doc, d); err != nil {
			return store.PutResult{}, err
		}
	}
	body := *doc
	body.Text = ""
	js, err := json.Marshal(&body)
	if err != nil {
		return store.PutResult{}, err
	}
	topics := strings.Join(d.Topics, ",")
	if found {
		_, err = tx.Exec(ctx, `UPDATE articles SET url=$1, source_url=coalesce($2, source_url), hash=$3, site=$4, title=$5,
			published=$6, day=$7, language=$8, credit=$9, lead=$10, topics=$11, fingerprint=$12, stored=$13,
			seq=nextval('articles_seq'), text=$14, doc=$15 WHERE rowid=$16`,
			nullable(d.URL), nullable(d.Source), d.Hash, doc.Site, doc.Title, doc.Published, d.Day, doc.Language, d.Credit,
			d.Lead, topics, int64(d.Fingerprint), stored, doc.Text, js, rowid)
	} else {
		err = tx.QueryRow(ctx, `INSERT INTO articles(id, url, source_url, hash, site, title, published, day, language, story,
			credit, lead, topics, fingerprint, stored, seq, text, doc)
			VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,nextval('articles_seq'),$16,$17) RETURNING rowid`,
			doc.ID, nullable(d.URL), nullable(d.Source), d.Hash, doc.Site, doc.Title, doc.Published, d.Day, doc.Language,
			story, d.Credit, d.Lead, topics, int64(d.Fingerprint), stored, doc.Text, js).Scan(&rowid)
	}
	if err != nil {
		return store.PutResult{}, err
	}
	if _, err := tx.Exec(ctx, "INSERT INTO article_search (rowid, tsv) SELECT rowid, "+searchVector+
		" FROM articles WHERE rowid = $1 ON CONFLICT (rowid) DO UPDATE SET tsv = excluded.tsv", rowid); err != nil {
		return store.PutResult{}, err
	}
	if err := insertDerived(ctx, tx, doc, d, rowid); err != nil {
		return store.PutResult{}, err
	}
	return store.PutResult{ID: doc.ID, New: !found, Story: story}, nil
}

// removeDerived deletes an article's derived rows and takes it out of the
// entity and place counters.
func removeDerived(ctx context.Context, tx pgx.Tx, rowid int64) error {
	b := &pgx.Batch{}
	for _, q := range []string{
		`UPDATE entities e SET articles = e.articles - 1, mentions = e.mentions - m.count
			FROM mentions m WHERE m.article = $1 AND m.entity = e.key`,
		`UPDATE places p SET articles = p.articles - 1, mentions = p.mentions - ap.count
			FROM article_places ap WHERE ap.article = $1 AND ap.place = p.key`,
		"DELETE FROM mentions WHERE article = $1",
		"DELETE FROM quotes WHERE article = $1",
		"DELETE FROM events WHERE article = $1",
		"DELETE FROM event_actors WHERE article = $1",
		"DELETE FROM article_places WHERE article = $1",
		"DELETE FROM article_countries WHERE article = $1",
		"DELETE FROM topics WHERE article = $1",
	} {
		b.Queue(q, rowid)
	}
	return tx.SendBatch(ctx, b).Close()
}

// insertDerived writes the derived rows of one article in one round trip.
func insertDerived(ctx context.Context, tx pgx.Tx, doc *document.Document, d *derive.Rows, rowid int64) error {
	b := &pgx.Batch{}
	for _, e := range d.Entities {
		b.Queue(`INSERT INTO entities(key, name, type, country, actor, articles, mentions) VALUES($1,$2,$3,$4,$5,1,$6)
			ON CONFLICT(key) DO UPDATE SET articles = entities.articles + 1, mentions = entities.mentions + excluded.mentions,
			country = CASE WHEN entities.country = '' THEN excluded.country ELSE entities.country END,
			actor = CASE WHEN entities.actor = '' THEN excluded.actor ELSE entities.actor END`,
			e.Key, e.Name, e.Type, e.Country, e.Actor, e.Count)
		titles, _ := json.Marshal(derive.NonNil(e.Titles))
		b.Queue("INSERT INTO mentions(article, entity, day, count, titles) VALUES($1,$2,$3,$4,$5)",
			rowid, e.Key, d.Day, e.Count, string(titles))
	}
	for _, p := range d.Places {
		b.Queue(`INSERT INTO places(key, name, country, lat, lon, feature, articles, mentions) VALUES($1,$2,$3,$4,$5,$6,1,$7)
			ON CONFLICT(key) DO UPDATE SET articles = places.articles + 1, mentions = places.mentions + excluded.mentions`,
			p.Key, p.Name, p.Country, p.Lat, p.Lon, p.Feature, p.Count)
		b.Queue("INSERT INTO article_places(article, place, count) VALUES($1,$2,$3)", rowid, p.Key, p.Count)
	}
	for _, c := range d.Countries {
		b.Queue("INSERT INTO article_countries(article, country) VALUES($1,$2)", rowid, c)
	}
	for _, t := range d.Topics {
		b.Queue("INSERT INTO topics(article, topic) VALUES($1,$2) ON CONFLICT DO NOTHING", rowid, t)
	}
	for i, q := range doc.Quotes {
		var speaker *string
		if q.Speaker != nil {
			if k, ok := d.EntityKeys[*q.Speaker]; ok {
				speaker = &k
			}
		}
		js, _ := json.Marshal(q)
		b.Queue("INSERT INTO quotes(article, n, speaker, day, json) VALUES($1,$2,$3,$4,$5)", rowid, i, speaker, d.Day, string(js))
	}
	for i, e := range doc.Events {
		var place *string
		if e.Place != nil {
			if k, ok := d.PlaceKeys[*e.Place]; ok {
				place = &k
			}
		}
		js, _ := json.Marshal(e)
		b.Queue("INSERT INTO events(article, n, type, quad, day, sentence, place, json) VALUES($1,$2,$3,$4,$5,$6,$7,$8)",
			rowid, i, e.Type, e.Quad, d.Day, derive.EventSentence(doc, e), place, string(js))
		for _, side := range []struct {
			role   string
			actors []document.Actor
		}{{"source", e.Source}, {"target", e.Target}} {
			for _, a := range side.actors {
				if k, ok := d.EntityKeys[a.Entity]; ok && a.Entity != "" {
					b.Queue(`INSERT INTO event_actors(entity, role, article, n, day) VALUES($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING`,
						k, side.role, rowid, i, d.Day)
				}
			}
		}
	}
	return tx.SendBatch(ctx, b).Close()
}

// Seen implements store.Store.
func (s *Store) Seen(ctx context.Context, sourceURL string) (bool, error) {
	if sourceURL == "" {
		return false, nil
	}
	var ok bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS(SELECT 1 FROM articles WHERE source_url = $1)
		OR EXISTS(SELECT 1 FROM articles WHERE url = $1)`, sourceURL).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("seen %s: %w", sourceURL, err)
	}
	return ok, nil
}
