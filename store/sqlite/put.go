package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"newsgraph/document"
	"newsgraph/store"
	sd "newsgraph/store/derive"
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
	row := &derived{Rows: sd.Of(doc, opts)}

	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.loadStories(ctx); err != nil {
		return store.PutResult{}, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return store.PutResult{}, fmt.Errorf("put %s: %w", doc.ID, err)
	}
	res, err := s.putTx(ctx, tx, doc, row)
	if err != nil {
		tx.Rollback()
		return store.PutResult{}, fmt.Errorf("put %s: %w", doc.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return store.PutResult{}, fmt.Errorf("put %s: %w", doc.ID, err)
	}
	s.stories.add(row.rowid, row.Fingerprint, res.Story)
	return res, nil
}

// derived is what Put writes beside the document JSON: store/derive's
// rows, and the article's rowid once it has one.
type derived struct {
	*sd.Rows
	rowid int64
}

func (s *Store) putTx(ctx context.Context, tx *sql.Tx, doc *document.Document, d *derived) (store.PutResult, error) {
	var (
		rowid     int64
		oldID     string
		story     string
		found     bool
		oldTitle  string
		oldText   string
		stored    = time.Now().UTC().Format(time.RFC3339)
		findQuery = "SELECT a.rowid, a.id, a.story, d.title, d.text FROM articles a JOIN docs d ON d.rowid = a.rowid WHERE "
	)
	if d.URL != "" {
		err := s.txQueryRow(ctx, tx, findQuery+"a.url = ?", d.URL).Scan(&rowid, &oldID, &story, &oldTitle, &oldText)
		if err == nil {
			found = true
		} else if !errors.Is(err, sql.ErrNoRows) {
			return store.PutResult{}, err
		}
	}
	if !found {
		err := s.txQueryRow(ctx, tx, findQuery+"a.hash = ? LIMIT 1", d.Hash).Scan(&rowid, &oldID, &story, &oldTitle, &oldText)
		if err == nil {
			found = true
		} else if !errors.Is(err, sql.ErrNoRows) {
			return store.PutResult{}, err
		}
	}
	if !found {
		// The id is made from the URL (or the text): a row that holds it
		// is this article, stored under a URL a copy with the same text
		// left on it, or a URL-less copy of the same text.
		err := s.txQueryRow(ctx, tx, findQuery+"a.id = ?", doc.ID).Scan(&rowid, &oldID, &story, &oldTitle, &oldText)
		if err == nil {
			found = true
		} else if !errors.Is(err, sql.ErrNoRows) {
			return store.PutResult{}, err
		}
	}
	if found {
		doc.ID = oldID
		if err := s.removeDerived(ctx, tx, rowid); err != nil {
			return store.PutResult{}, err
		}
		if _, err := s.txExec(ctx, tx, "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES('delete', ?, ?, ?)", rowid, oldTitle, oldText); err != nil {
			return store.PutResult{}, err
		}
	} else {
		var err error
		story, err = s.assignStory(ctx, tx, doc, d)
		if err != nil {
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
		_, err = s.txExec(ctx, tx, `UPDATE articles SET url=?, source_url=coalesce(?, source_url), hash=?, site=?, title=?, published=?, day=?,
			language=?, credit=?, lead=?, topics=?, fingerprint=?, stored=? WHERE rowid=?`,
			nullString(d.URL), nullString(d.Source), d.Hash, doc.Site, doc.Title, doc.Published, d.Day, doc.Language, d.Credit, d.Lead, topics,
			int64(d.Fingerprint), stored, rowid)
		if err == nil {
			_, err = s.txExec(ctx, tx, "UPDATE docs SET title=?, text=?, doc=? WHERE rowid=?", doc.Title, doc.Text, js, rowid)
		}
	} else {
		var r sql.Result
		r, err = s.txExec(ctx, tx, `INSERT INTO articles(id, url, source_url, hash, site, title, published, day, language, story,
			credit, lead, topics, fingerprint, stored) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			doc.ID, nullString(d.URL), nullString(d.Source), d.Hash, doc.Site, doc.Title, doc.Published, d.Day, doc.Language, story, d.Credit, d.Lead,
			topics, int64(d.Fingerprint), stored)
		if err == nil {
			rowid, err = r.LastInsertId()
		}
		if err == nil {
			_, err = s.txExec(ctx, tx, "INSERT INTO docs(rowid, title, text, doc) VALUES(?,?,?,?)", rowid, doc.Title, doc.Text, js)
		}
	}
	if err != nil {
		return store.PutResult{}, err
	}
	d.rowid = rowid
	added := 1
	if found {
		added = 0
	}
	if _, err := s.txExec(ctx, tx, `INSERT INTO stories(id, title, articles, first, last) VALUES(?1, ?2, ?3, ?4, ?4)
		ON CONFLICT(id) DO UPDATE SET articles = articles + excluded.articles,
		first = CASE WHEN excluded.first != '' AND (first = '' OR excluded.first < first) THEN excluded.first ELSE first END,
		last = max(last, excluded.last)`, story, doc.Title, added, d.Day); err != nil {
		return store.PutResult{}, err
	}
	if _, err := s.txExec(ctx, tx, "INSERT INTO articles_fts(rowid, title, text) VALUES(?,?,?)", rowid, doc.Title, doc.Text); err != nil {
		return store.PutResult{}, err
	}
	if err := s.insertDerived(ctx, tx, doc, d); err != nil {
		return store.PutResult{}, err
	}
	return store.PutResult{ID: doc.ID, New: !found, Story: story}, nil
}

// removeDerived deletes an article's derived rows and takes it out of the
// entity and place counters.
func (s *Store) removeDerived(ctx context.Context, tx *sql.Tx, rowid int64) error {
	for _, q := range []string{
		`UPDATE entities SET articles = articles - 1,
			mentions = mentions - (SELECT m.count FROM mentions m WHERE m.article = ?1 AND m.entity = entities.key)
			WHERE key IN (SELECT entity FROM mentions WHERE article = ?1)`,
		`UPDATE places SET articles = articles - 1,
			mentions = mentions - (SELECT p.count FROM article_places p WHERE p.article = ?1 AND p.place = places.key)
			WHERE key IN (SELECT place FROM article_places WHERE article = ?1)`,
		`UPDATE places SET events = events - (SELECT count(*) FROM events e WHERE e.article = ?1 AND e.place = places.key)
			WHERE key IN (SELECT place FROM events WHERE article = ?1 AND place IS NOT NULL)`,
		"DELETE FROM mentions WHERE article = ?1",
		"DELETE FROM quotes WHERE article = ?1",
		"DELETE FROM events WHERE article = ?1",
		"DELETE FROM event_actors WHERE article = ?1",
		"DELETE FROM article_places WHERE article = ?1",
		"DELETE FROM article_countries WHERE article = ?1",
		"DELETE FROM topics WHERE article = ?1",
	} {
		if _, err := s.txExec(ctx, tx, q, rowid); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) insertDerived(ctx context.Context, tx *sql.Tx, doc *document.Document, d *derived) error {
	const entSQL = `INSERT INTO entities(key, name, type, country, actor, articles, mentions) VALUES(?,?,?,?,?,1,?)
		ON CONFLICT(key) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions,
		country = CASE WHEN country = '' THEN excluded.country ELSE country END,
		actor = CASE WHEN actor = '' THEN excluded.actor ELSE actor END`
	const menSQL = "INSERT INTO mentions(article, entity, day, count, titles) VALUES(?,?,?,?,?)"
	for _, e := range d.Entities {
		if _, err := s.txExec(ctx, tx, entSQL, e.Key, e.Name, e.Type, e.Country, e.Actor, e.Count); err != nil {
			return err
		}
		titles, _ := json.Marshal(sd.NonNil(e.Titles))
		if _, err := s.txExec(ctx, tx, menSQL, d.rowid, e.Key, d.Day, e.Count, string(titles)); err != nil {
			return err
		}
	}
	for _, p := range d.Places {
		if _, err := s.txExec(ctx, tx, `INSERT INTO places(key, name, country, lat, lon, feature, articles, mentions) VALUES(?,?,?,?,?,?,1,?)
			ON CONFLICT(key) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions`,
			p.Key, p.Name, p.Country, p.Lat, p.Lon, p.Feature, p.Count); err != nil {
			return err
		}
		if _, err := s.txExec(ctx, tx, "INSERT INTO article_places(article, place, count) VALUES(?,?,?)", d.rowid, p.Key, p.Count); err != nil {
			return err
		}
	}
	for _, c := range d.Countries {
		if _, err := s.txExec(ctx, tx, "INSERT INTO article_countries(article, country) VALUES(?,?)", d.rowid, c); err != nil {
			return err
		}
	}
	for _, t := range d.Topics {
		if _, err := s.txExec(ctx, tx, "INSERT OR IGNORE INTO topics(article, topic) VALUES(?,?)", d.rowid, t); err != nil {
			return err
		}
	}
	for i, q := range doc.Quotes {
		var speaker sql.NullString
		if q.Speaker != nil {
			if k, ok := d.EntityKeys[*q.Speaker]; ok {
				speaker = sql.NullString{String: k, Valid: true}
			}
		}
		js, _ := json.Marshal(q)
		if _, err := s.txExec(ctx, tx, "INSERT INTO quotes(article, n, speaker, day, json) VALUES(?,?,?,?,?)",
			d.rowid, i, speaker, d.Day, string(js)); err != nil {
			return err
		}
	}
	for i, e := range doc.Events {
		sentence := ""
		if e.Sentence >= 0 && e.Sentence < len(doc.Sentences) {
			sn := doc.Sentences[e.Sentence]
			if 0 <= sn.Start && sn.Start <= sn.End && sn.End <= len(doc.Text) {
				sentence = doc.Text[sn.Start:sn.End]
			}
		}
		var place sql.NullString
		if e.Place != nil {
			if k, ok := d.PlaceKeys[*e.Place]; ok {
				place = sql.NullString{String: k, Valid: true}
			}
		}
		js, _ := json.Marshal(e)
		if _, err := s.txExec(ctx, tx, "INSERT INTO events(article, n, type, quad, day, sentence, place, json) VALUES(?,?,?,?,?,?,?,?)",
			d.rowid, i, e.Type, e.Quad, d.Day, sentence, place, string(js)); err != nil {
			return err
		}
		if place.Valid {
			if _, err := s.txExec(ctx, tx, "UPDATE places SET events = events + 1 WHERE key = ?", place); err != nil {
				return err
			}
		}
		for _, side := range []struct {
			role   string
			actors []document.Actor
		}{{"source", e.Source}, {"target", e.Target}} {
			for _, a := range side.actors {
				if k, ok := d.EntityKeys[a.Entity]; ok && a.Entity != "" {
					if _, err := s.txExec(ctx, tx, "INSERT OR IGNORE INTO event_actors(entity, role, article, n, day) VALUES(?,?,?,?,?)",
						k, side.role, d.rowid, i, d.Day); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// Seen implements store.Store.
func (s *Store) Seen(ctx context.Context, sourceURL string) (bool, error) {
	if sourceURL == "" {
		return false, nil
	}
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM articles WHERE source_url = ?1)
		OR EXISTS(SELECT 1 FROM articles WHERE url = ?1)`, sourceURL).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("seen %s: %w", sourceURL, err)
	}
	return n != 0, nil
}

// PutMany stores documents like Put but many to a transaction, for bulk
// loads (demo/bigstore) where a failure may lose the whole batch: ingest
// uses Put, one transaction per article. opts[i] goes with docs[i].
func (s *Store) PutMany(ctx context.Context, docs []*document.Document, opts []store.PutOptions) error {
	if len(opts) != len(docs) {
		return errors.New("put many: one PutOptions per document")
	}
	rows := make([]*derived, len(docs))
	for i, doc := range docs {
		if doc == nil || strings.TrimSpace(doc.Text) == "" {
			return errors.New("put many: document has no text")
		}
		doc.Normalize()
		if doc.ID == "" {
			doc.ID = document.StableID(doc.URL, doc.Text)
		}
		rows[i] = &derived{Rows: sd.Of(doc, opts[i])}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.loadStories(ctx); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("put many: %w", err)
	}
	stories := make([]string, len(docs))
	for i, doc := range docs {
		res, err := s.putTx(ctx, tx, doc, rows[i])
		if err != nil {
			tx.Rollback()
			return fmt.Errorf("put many: %s: %w", doc.ID, err)
		}
		stories[i] = res.Story
		// Later documents of the batch must see this one's fingerprint.
		s.stories.add(rows[i].rowid, rows[i].Fingerprint, res.Story)
	}
	if err := tx.Commit(); err != nil {
		s.stories = nil // reload: the added fingerprints were rolled back
		return fmt.Errorf("put many: %w", err)
	}
	return nil
}

// nullString is s, or NULL when it is empty.
func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }
