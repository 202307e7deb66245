// Package sqlite is the SQLite implementation of store.Store, through
// modernc.org/sqlite (pure Go, FTS5 built in).
//
// Layout: the document JSON (without its text) and the text live in docs;
// articles holds the columns that lists and filters read; articles_fts is
// an FTS5 index over title and text (external content: docs), ranked with
// bm25; entities, mentions, quotes, events, event_actors, places,
// article_places, article_countries and topics are the denormalised rows
// the entity, map, facet and timeline queries read. Entity and place
// counters are kept up to date by Put so that unfiltered lists need no
// GROUP BY over millions of rows.
//
// The database runs in WAL mode with a busy timeout; writes go through one
// mutex (SQLite has one writer), reads run concurrently. The schema is
// versioned with PRAGMA user_version and migrated forward on Open.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"newsgraph/store"
)

// Store is a store.Store backed by one SQLite file.
type Store struct {
	db     *sql.DB
	path   string
	mu     sync.Mutex // serialises writers
	memory bool

	stories *storyIndex // loaded on the first Put

	rankWindowForTest int // overrides RankWindow in tests

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt // prepared once, used in every Put
}

var _ store.Store = (*Store)(nil)

// Open opens (creating if needed) the store at path and migrates its
// schema. path ":memory:" opens a private store that lasts until Close
// (kept in a temporary file), for tests and the demo.
func Open(path string) (*Store, error) {
	s := &Store{path: path}
	if path == ":memory:" {
		// A private store in a temporary file, removed on Close: the
		// same engine settings as a file store (WAL, many connections),
		// where SQLite's own in-memory modes need a single connection
		// or table-level locks that an open result set can starve.
		f, err := os.CreateTemp("", "newsgraph-store-*.db")
		if err != nil {
			return nil, fmt.Errorf("open temporary store: %w", err)
		}
		f.Close()
		s.memory = true
		s.path = f.Name()
		path = f.Name()
	}
	// The path goes into a file: URI: its own '%', '?' and '#' are
	// escaped, or SQLite would read them as URI syntax.
	dsn := "file:" + uriPath.Replace(path) + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_pragma=cache_size(-65536)&_pragma=mmap_size(2147418112)&_txlock=immediate"
	if s.memory {
		dsn += "&_pragma=synchronous(OFF)"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	s.db = db
	if err := s.migrate(context.Background()); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

// uriPath escapes what a file: URI path cannot hold as is.
var uriPath = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")

// Close implements store.Store.
func (s *Store) Close() error {
	s.stmtMu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = nil
	s.stmtMu.Unlock()
	err := s.db.Close()
	if s.memory {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(s.path + suffix)
		}
	}
	return err
}

// stmt returns the prepared statement for query, preparing it on first
// use, bound to tx.
func (s *Store) stmt(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	st, ok := s.stmts[query]
	if !ok {
		var err error
		if st, err = s.db.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		if s.stmts == nil {
			s.stmts = map[string]*sql.Stmt{}
		}
		s.stmts[query] = st
	}
	return tx.StmtContext(ctx, st), nil
}

func (s *Store) txExec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	st, err := s.stmt(ctx, tx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (s *Store) txQuery(ctx context.Context, tx *sql.Tx, query string, args ...any) (*sql.Rows, error) {
	st, err := s.stmt(ctx, tx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// txQueryRow is tx.QueryRowContext through a prepared statement.
func (s *Store) txQueryRow(ctx context.Context, tx *sql.Tx, query string, args ...any) *sql.Row {
	st, err := s.stmt(ctx, tx, query)
	if err != nil {
		// A *sql.Row cannot be made with an error; let the tx report it.
		return tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// DB returns the underlying database, for tests and tools.
func (s *Store) DB() *sql.DB { return s.db }

// migrations are applied in order; migration i brings user_version to i+1.
// Never edit one that has shipped: add a new one.
var migrations = []string{
	// 1: the first schema.
	`
CREATE TABLE articles (
	rowid INTEGER PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	url TEXT,                      -- canonical URL, NULL when none
	source_url TEXT,               -- where ingest read it
	hash TEXT NOT NULL,            -- store.ContentHash(text)
	site TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL DEFAULT '',
	published TEXT NOT NULL DEFAULT '',
	day TEXT NOT NULL DEFAULT '',  -- YYYY-MM-DD of published, '' when unknown
	language TEXT NOT NULL DEFAULT '',
	story TEXT NOT NULL,
	credit TEXT NOT NULL DEFAULT '',
	lead TEXT NOT NULL DEFAULT '',  -- first paragraph, shortened
	topics TEXT NOT NULL DEFAULT '', -- comma-separated
	fingerprint INTEGER NOT NULL DEFAULT 0,
	stored TEXT NOT NULL
);
CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE INDEX articles_hash ON articles(hash);
CREATE INDEX articles_source ON articles(source_url) WHERE source_url IS NOT NULL;
CREATE INDEX articles_day ON articles(day);
CREATE INDEX articles_site ON articles(site, day);
CREATE INDEX articles_language ON articles(language, day);
CREATE INDEX articles_story ON articles(story, day);

CREATE TABLE docs (
	rowid INTEGER PRIMARY KEY,     -- = articles.rowid
	title TEXT NOT NULL,
	text TEXT NOT NULL,
	doc BLOB NOT NULL              -- newsgraph/v1 JSON with text left empty
);
CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, text, content='docs', content_rowid='rowid',
	tokenize='unicode61 remove_diacritics 2'
);

CREATE TABLE entities (
	key TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	type TEXT NOT NULL,
	country TEXT NOT NULL DEFAULT '',
	actor TEXT NOT NULL DEFAULT '',
	articles INTEGER NOT NULL DEFAULT 0,
	mentions INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX entities_rank ON entities(articles DESC, mentions DESC);
CREATE INDEX entities_type ON entities(type, articles DESC);

CREATE TABLE mentions (
	article INTEGER NOT NULL,
	entity TEXT NOT NULL,
	day TEXT NOT NULL,
	count INTEGER NOT NULL,
	titles TEXT NOT NULL DEFAULT '', -- JSON list
	PRIMARY KEY (article, entity)
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions(entity, day, article);

CREATE TABLE quotes (
	article INTEGER NOT NULL,
	n INTEGER NOT NULL,
	speaker TEXT,                  -- EntityKey or NULL
	day TEXT NOT NULL,
	json TEXT NOT NULL,
	PRIMARY KEY (article, n)
) WITHOUT ROWID;
CREATE INDEX quotes_speaker ON quotes(speaker, day);
CREATE INDEX quotes_day ON quotes(day);

CREATE TABLE events (
	article INTEGER NOT NULL,
	n INTEGER NOT NULL,
	type TEXT NOT NULL,
	quad INTEGER NOT NULL,
	day TEXT NOT NULL,
	sentence TEXT NOT NULL,
	place TEXT,                    -- PlaceKey of the event's place or NULL
	json TEXT NOT NULL,
	PRIMARY KEY (article, n)
) WITHOUT ROWID;
CREATE INDEX events_type ON events(type, article);
CREATE INDEX events_place ON events(place, article) WHERE place IS NOT NULL;
CREATE INDEX events_day ON events(day);

CREATE TABLE event_actors (
	entity TEXT NOT NULL,
	role TEXT NOT NULL,            -- source | target
	article INTEGER NOT NULL,
	n INTEGER NOT NULL,
	day TEXT NOT NULL,
	PRIMARY KEY (entity, role, article, n)
) WITHOUT ROWID;
CREATE INDEX event_actors_article ON event_actors(article);

CREATE TABLE places (
	key TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	country TEXT NOT NULL DEFAULT '',
	lat REAL NOT NULL,
	lon REAL NOT NULL,
	feature TEXT NOT NULL DEFAULT '',
	articles INTEGER NOT NULL DEFAULT 0,
	mentions INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX places_rank ON places(articles DESC);

CREATE TABLE article_places (
	article INTEGER NOT NULL,
	place TEXT NOT NULL,
	count INTEGER NOT NULL,
	PRIMARY KEY (article, place)
) WITHOUT ROWID;
CREATE INDEX article_places_place ON article_places(place, article);

CREATE TABLE article_countries (
	article INTEGER NOT NULL,
	country TEXT NOT NULL,
	PRIMARY KEY (article, country)
) WITHOUT ROWID;
CREATE INDEX article_countries_country ON article_countries(country, article);

CREATE TABLE topics (
	article INTEGER NOT NULL,
	topic TEXT NOT NULL,
	PRIMARY KEY (article, topic)
) WITHOUT ROWID;
CREATE INDEX topics_topic ON topics(topic, article);
`,
	// 2: story counters, so that the story list needs no GROUP BY over
	// every article.
	`
CREATE TABLE stories (
	id TEXT PRIMARY KEY,
	title TEXT NOT NULL,           -- the title of its first article
	articles INTEGER NOT NULL,
	first TEXT NOT NULL,           -- earliest publication day, '' when none is dated
	last TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX stories_rank ON stories(articles DESC, last DESC);
INSERT INTO stories(id, title, articles, first, last)
	SELECT story, (SELECT title FROM articles f WHERE f.story = a.story ORDER BY f.rowid LIMIT 1), count(*),
		coalesce(min(nullif(day, '')), ''), max(day)
	FROM articles a GROUP BY story;
`,
	// 3: event counters per place and event actors in date order.
	`
ALTER TABLE places ADD COLUMN events INTEGER NOT NULL DEFAULT 0;
UPDATE places SET events = (SELECT count(*) FROM events WHERE place = places.key);
CREATE INDEX event_actors_day ON event_actors(entity, role, day, article);
`,
}

func (s *Store) migrate(ctx context.Context) error {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this program knows (%d)", version, len(migrations))
	}
	for i := version; i < len(migrations); i++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	return nil
}

// Backup implements store.Store with VACUUM INTO, which writes a
// consistent, compacted copy while readers and writers go on.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup %s: file exists", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	return nil
}

// Stats implements store.Store.
func (s *Store) Stats(ctx context.Context) (*store.Stats, error) {
	st := &store.Stats{}
	q := `SELECT
		(SELECT count(*) FROM articles),
		(SELECT count(*) FROM entities WHERE articles > 0),
		(SELECT coalesce(sum(count),0) FROM mentions),
		(SELECT count(*) FROM quotes),
		(SELECT count(*) FROM events),
		(SELECT count(*) FROM places WHERE articles > 0),
		(SELECT count(DISTINCT story) FROM articles),
		(SELECT count(DISTINCT site) FROM articles),
		(SELECT coalesce(min(day),'') FROM articles WHERE day != ''),
		(SELECT coalesce(max(day),'') FROM articles),
		(SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size())`
	err := s.db.QueryRowContext(ctx, q).Scan(&st.Articles, &st.Entities, &st.Mentions, &st.Quotes, &st.Events,
		&st.Places, &st.Stories, &st.Sites, &st.First, &st.Last, &st.SizeBytes)
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&st.Schema); err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}

// IntegrityCheck runs PRAGMA integrity_check and the FTS index's own
// check, returning nil when both pass.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	var res string
	if err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("integrity check: %s", res)
	}
	if _, err := s.db.ExecContext(ctx, "INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)"); err != nil {
		return fmt.Errorf("fts integrity check: %w", err)
	}
	var orphans int
	if err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM docs WHERE rowid NOT IN (SELECT rowid FROM articles))
		+ (SELECT count(*) FROM articles WHERE rowid NOT IN (SELECT rowid FROM docs))
		+ (SELECT count(*) FROM mentions WHERE article NOT IN (SELECT rowid FROM articles))`).Scan(&orphans); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if orphans != 0 {
		return fmt.Errorf("integrity check: %d orphaned rows", orphans)
	}
	return nil
}

// placeholders returns "?,?,…" with n marks.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}
