// Package postgres is the PostgreSQL implementation of store.Store,
// through github.com/jackc/pgx/v5, for deployments where several ingest
// workers and API servers share one store.
//
// Layout: articles holds the list and filter columns, the text and the
// document JSON (without its text); article_search holds each article's
// tsvector (title weighted A, text B, the 'simple' configuration: no
// stemming, as the SQLite store's unicode61 tokenizer), stored out of line
// so that its rows stay narrow, under a GIN index; queries go through
// websearch_to_tsquery and are ranked with ts_rank. The other
// tables are those of the SQLite store (see store/sqlite): entities,
// mentions, quotes, events, event_actors, places, article_places,
// article_countries and topics, with entity and place counters kept by
// Put.
//
// Writers, in any number of processes, take one transaction-scoped
// advisory lock per Put, so that the upsert by URL or content hash and
// the story assignment see every committed article (the SQLite store has
// one writer for the same reason); all derived rows of one article go to
// the server in one round trip (a pgx batch). Readers never wait.
//
// The schema is versioned in newsgraph_schema and migrated forward on
// Open, under an advisory lock so that workers starting together do not
// race. Every table lives in the connection's search_path, so a DSN with
// search_path=NAME keeps a store in its own schema.
package postgres

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"newsgraph/store"
	"newsgraph/store/derive"
)

// Store is a store.Store backed by a PostgreSQL database.
type Store struct {
	pool *pgxpool.Pool
	// textPool runs text searches with sequential scans off: the
	// planner does not cost reading tsvectors out of TOAST, so for a
	// common word it picks a scan that reads every one (0.7 s at 10,000
	// articles) over the GIN index (50 ms).
	textPool *pgxpool.Pool
	lockKey  int64 // advisory lock of this store's writers

	rankWindow  int // RankWindow; smaller in tests
	matchWindow int // how many of a text query's newest matches one scan keeps: derive.FacetWindow; smaller in tests

	mu      sync.Mutex // guards stories
	stories *storyIndex
}

var _ store.Store = (*Store)(nil)

// IsDSN reports whether s names a PostgreSQL database (a postgres:// or
// postgresql:// URL) rather than a file.
func IsDSN(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open connects to the database at dsn (a postgres:// URL or key=value
// string; pool_max_conns and search_path are honoured) and migrates its
// schema.
func Open(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", redact(cfg), err)
	}
	tcfg := cfg.Copy()
	tcfg.ConnConfig.RuntimeParams["enable_seqscan"] = "off"
	textPool, err := pgxpool.NewWithConfig(ctx, tcfg)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("open store %s: %w", redact(cfg), err)
	}
	s := &Store{pool: pool, textPool: textPool, stories: newStoryIndex(), rankWindow: RankWindow, matchWindow: derive.FacetWindow}
	var schema string
	if err := pool.QueryRow(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", redact(cfg), oneLine{err})
	}
	h := fnv.New64a()
	h.Write([]byte("newsgraph:" + schema))
	s.lockKey = int64(h.Sum64())
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", redact(cfg), err)
	}
	return s, nil
}

// redact names a database without its password, for error messages.
func redact(cfg *pgxpool.Config) string {
	c := cfg.ConnConfig
	return fmt.Sprintf("postgres://%s@%s:%d/%s", c.User, c.Host, c.Port, c.Database)
}

// Close implements store.Store.
func (s *Store) Close() error {
	s.pool.Close()
	s.textPool.Close()
	return nil
}

// Pool returns the connection pool, for tests and tools.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// migrations are applied in order; migration i brings the schema version
// to i+1. Never edit one that has shipped: add a new one.
var migrations = []string{
	// 1: the first schema.
	`
CREATE TABLE articles (
	rowid BIGSERIAL PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	url TEXT,
	source_url TEXT,
	hash TEXT NOT NULL,
	site TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL DEFAULT '',
	published TEXT NOT NULL DEFAULT '',
	day TEXT NOT NULL DEFAULT '',
	language TEXT NOT NULL DEFAULT '',
	story TEXT NOT NULL,
	credit TEXT NOT NULL DEFAULT '',
	lead TEXT NOT NULL DEFAULT '',
	topics TEXT NOT NULL DEFAULT '',
	fingerprint BIGINT NOT NULL DEFAULT 0,
	stored TEXT NOT NULL,
	seq BIGINT NOT NULL,            -- write order, for the fingerprint cache
	text TEXT NOT NULL,
	doc BYTEA NOT NULL,             -- newsgraph/v1 JSON with text left empty
	tsv tsvector GENERATED ALWAYS AS (
		setweight(to_tsvector('simple'::regconfig, title), 'A') ||
		setweight(to_tsvector('simple'::regconfig, text), 'B')) STORED
);
CREATE SEQUENCE articles_seq;
CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE INDEX articles_hash ON articles(hash);
CREATE INDEX articles_source ON articles(source_url) WHERE source_url IS NOT NULL;
CREATE INDEX articles_day ON articles(day, rowid);
CREATE INDEX articles_site ON articles(site, day);
CREATE INDEX articles_language ON articles(language, day);
CREATE INDEX articles_story ON articles(story, day);
CREATE INDEX articles_seq_idx ON articles(seq);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

CREATE TABLE entities (
	key TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	type TEXT NOT NULL,
	country TEXT NOT NULL DEFAULT '',
	actor TEXT NOT NULL DEFAULT '',
	articles INTEGER NOT NULL DEFAULT 0,
	mentions INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_rank ON entities(articles DESC, mentions DESC);
CREATE INDEX entities_type ON entities(type, articles DESC);
CREATE INDEX entities_name ON entities(lower(name) text_pattern_ops);

CREATE TABLE mentions (
	article BIGINT NOT NULL,
	entity TEXT NOT NULL,
	day TEXT NOT NULL,
	count INTEGER NOT NULL,
	titles TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (article, entity)
);
CREATE INDEX mentions_entity ON mentions(entity, day, article);

CREATE TABLE quotes (
	article BIGINT NOT NULL,
	n INTEGER NOT NULL,
	speaker TEXT,
	day TEXT NOT NULL,
	json TEXT NOT NULL,
	PRIMARY KEY (article, n)
);
CREATE INDEX quotes_speaker ON quotes(speaker, day);
CREATE INDEX quotes_day ON quotes(day);

CREATE TABLE events (
	article BIGINT NOT NULL,
	n INTEGER NOT NULL,
	type TEXT NOT NULL,
	quad INTEGER NOT NULL,
	day TEXT NOT NULL,
	sentence TEXT NOT NULL,
	place TEXT,
	json TEXT NOT NULL,
	PRIMARY KEY (article, n)
);
CREATE INDEX events_type ON events(type, article);
CREATE INDEX events_place ON events(place, article) WHERE place IS NOT NULL;
CREATE INDEX events_day ON events(day);

CREATE TABLE event_actors (
	entity TEXT NOT NULL,
	role TEXT NOT NULL,
	article BIGINT NOT NULL,
	n INTEGER NOT NULL,
	day TEXT NOT NULL,
	PRIMARY KEY (entity, role, article, n)
);
CREATE INDEX event_actors_article ON event_actors(article, n);

CREATE TABLE places (
	key TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	country TEXT NOT NULL DEFAULT '',
	lat DOUBLE PRECISION NOT NULL,
	lon DOUBLE PRECISION NOT NULL,
	feature TEXT NOT NULL DEFAULT '',
	articles INTEGER NOT NULL DEFAULT 0,
	mentions INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX places_rank ON places(articles DESC);

CREATE TABLE article_places (
	article BIGINT NOT NULL,
	place TEXT NOT NULL,
	count INTEGER NOT NULL,
	PRIMARY KEY (article, place)
);
CREATE INDEX article_places_place ON article_places(place, article);

CREATE TABLE article_countries (
	article BIGINT NOT NULL,
	country TEXT NOT NULL,
	PRIMARY KEY (article, country)
);
CREATE INDEX article_countries_country ON article_countries(country, article);

CREATE TABLE topics (
	article BIGINT NOT NULL,
	topic TEXT NOT NULL,
	PRIMARY KEY (article, topic)
);
CREATE INDEX topics_topic ON topics(topic, article);
`,
	// 2: the full-text index moves to a table of its own, article_search,
	// whose rows are the rowid and a pointer to the tsvector stored out of
	// line (toast_tuple_target, STORAGE EXTERNAL): a common word's
	// matches are counted over a few hundred narrow pages rather than the
	// articles' own (about 6 times faster at 100,000 articles).
	`
CREATE TABLE article_search (
	rowid BIGINT PRIMARY KEY,
	tsv tsvector NOT NULL
) WITH (toast_tuple_target = 128);
ALTER TABLE article_search ALTER COLUMN tsv SET STORAGE EXTERNAL;
INSERT INTO article_search (rowid, tsv) SELECT rowid, tsv FROM articles;
-- A short pending list: every search reads the whole list of entries not
-- yet merged into the index, and under steady ingest the default (4 MB)
-- stays nearly full.
CREATE INDEX article_search_tsv ON article_search USING GIN (tsv) WITH (gin_pending_list_limit = 256);
DROP INDEX articles_tsv;
ALTER TABLE articles DROP COLUMN tsv;
`,
}

// searchVector is the tsvector of an article: title (weight A) and text
// (weight B), 'simple' configuration (no stemming, any language).
const searchVector = "setweight(to_tsvector('simple'::regconfig, title), 'A') || setweight(to_tsvector('simple'::regconfig, text), 'B')"

// tables are the store's tables, in the order a backup restores them.
var tables = []string{"articles", "article_search", "entities", "mentions", "quotes", "events", "event_actors",
	"places", "article_places", "article_countries", "topics"}

func (s *Store) migrate(ctx context.Context) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", s.lockKey); err != nil {
			return fmt.Errorf("lock schema: %w", err)
		}
		if _, err := tx.Exec(ctx, "CREATE TABLE IF NOT EXISTS newsgraph_schema (version INTEGER NOT NULL)"); err != nil {
			return fmt.Errorf("schema version table: %w", err)
		}
		var version int
		err := tx.QueryRow(ctx, "SELECT version FROM newsgraph_schema").Scan(&version)
		if errors.Is(err, pgx.ErrNoRows) {
			_, err = tx.Exec(ctx, "INSERT INTO newsgraph_schema(version) VALUES(0)")
		}
		if err != nil {
			return fmt.Errorf("read schema version: %w", err)
		}
		if version > len(migrations) {
			return fmt.Errorf("schema version %d is newer than this program knows (%d)", version, len(migrations))
		}
		for i := version; i < len(migrations); i++ {
			if _, err := tx.Exec(ctx, migrations[i]); err != nil {
				return fmt.Errorf("migration %d: %w", i+1, err)
			}
			if _, err := tx.Exec(ctx, "UPDATE newsgraph_schema SET version = $1", i+1); err != nil {
				return fmt.Errorf("migration %d: %w", i+1, err)
			}
		}
		return nil
	})
}

// Stats implements store.Store. SizeBytes is the size of the store's
// tables and indexes.
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
		(SELECT version FROM newsgraph_schema),
		(SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c
			WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1))`
	err := s.pool.QueryRow(ctx, q, tables).Scan(&st.Articles, &st.Entities, &st.Mentions, &st.Quotes, &st.Events,
		&st.Places, &st.Stories, &st.Sites, &st.First, &st.Last, &st.Schema, &st.SizeBytes)
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}

// Backup implements store.Store: it writes a plain SQL file that psql
// restores into an empty database or schema (psql -v ON_ERROR_STOP=1 -f
// PATH DSN): the schema, then every table as COPY data, all read in one
// REPEATABLE READ transaction, so the copy is consistent while writers
// go on. For large stores, pg_dump or a base backup is the better tool;
// this one needs no client binaries of the server's version.
func (s *Store) Backup(ctx context.Context, path string) (err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("backup %s: %w", path, cerr)
		}
		if err != nil {
			os.Remove(path)
		}
	}()
	w := bufio.NewWriterSize(f, 1<<20)
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	defer tx.Rollback(ctx)
	var version int
	if err := tx.QueryRow(ctx, "SELECT version FROM newsgraph_schema").Scan(&version); err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	fmt.Fprintf(w, "-- newsgraph PostgreSQL store backup, schema version %d\nBEGIN;\n", version)
	fmt.Fprintf(w, "CREATE TABLE newsgraph_schema (version INTEGER NOT NULL);\nINSERT INTO newsgraph_schema VALUES (%d);\n", version)
	for _, m := range migrations[:version] {
		w.WriteString(m)
		w.WriteString("\n")
	}
	for _, t := range tables {
		cols, err := copyColumns(ctx, tx, t)
		if err != nil {
			return fmt.Errorf("backup %s: %w", path, err)
		}
		fmt.Fprintf(w, "COPY %s (%s) FROM stdin;\n", t, cols)
		if _, err := tx.Conn().PgConn().CopyTo(ctx, w, fmt.Sprintf("COPY %s (%s) TO STDOUT", t, cols)); err != nil {
			return fmt.Errorf("backup %s: copy %s: %w", path, t, err)
		}
		w.WriteString("\\.\n")
	}
	w.WriteString("SELECT setval('articles_rowid_seq', coalesce((SELECT max(rowid) FROM articles), 0) + 1, false);\n")
	w.WriteString("SELECT setval('articles_seq', coalesce((SELECT max(seq) FROM articles), 0) + 1, false);\nCOMMIT;\n")
	if err := w.Flush(); err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	return nil
}

// copyColumns lists a table's stored columns (not generated ones), quoted.
func copyColumns(ctx context.Context, tx pgx.Tx, table string) (string, error) {
	rows, err := tx.Query(ctx, `SELECT column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`, table)
	if err != nil {
		return "", err
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return "", err
	}
	for i, n := range names {
		names[i] = pgx.Identifier{n}.Sanitize()
	}
	return strings.Join(names, ", "), nil
}

// rebind turns the ? placeholders of a query into $1, $2 … (the queries
// are built from parts with ? so that conditions compose; no query here
// has a ? in a literal).
func rebind(q string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// oneLine is an error printed on one line (pgx lists each address it
// tried on its own line).
type oneLine struct{ err error }

func (e oneLine) Error() string {
	return strings.Join(strings.Fields(strings.ReplaceAll(e.err.Error(), "\n", "; ")), " ")
}
func (e oneLine) Unwrap() error { return e.err }

// Redact returns dsn without its password, for messages.
func Redact(dsn string) string {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return "postgres://…"
	}
	return redact(cfg)
}
