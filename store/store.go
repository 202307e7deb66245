// Package store keeps analysed articles and answers the questions the CLI,
// the HTTP API and the web UI ask of them: full-text search with facets,
// entities across articles, quotes, events, places for the map, stories,
// attention over time, topics and related articles.
//
// [Store] is the one interface every backend implements (store/sqlite now,
// a Postgres store later); store/storetest holds the contract tests that
// each implementation runs. Whole documents are kept as newsgraph/v1 JSON
// (the contract, doc/schema.md) beside denormalised tables for the queries.
//
// Identity across articles: a document's entity ids (E1, E2 …) are local
// to it. The store gives each entity a global key, [EntityKey], made of
// its type and normalised canonical name, and each place a [PlaceKey] (its
// GeoNames id when known, else name and country), so that one person or
// place gathers its mentions, quotes and events from every article.
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"unicode"

	"newsgraph/document"
)

// ErrNotFound is returned (wrapped) when an article, entity or story does
// not exist. Test with errors.Is.
var ErrNotFound = errors.New("not found")

// ErrBadQuery is returned (wrapped) when a query cannot be run as given: a
// malformed cursor, an unknown sort, a full-text query the engine rejects.
// An HTTP server maps it to 400.
var ErrBadQuery = errors.New("bad query")

// Store keeps articles and answers queries about them. Implementations are
// safe for concurrent use by many goroutines.
type Store interface {
	// Put stores one analysed document in one transaction: the document
	// JSON and every derived row, or nothing. It is an idempotent upsert:
	// a document whose canonical URL, or (failing that) content hash,
	// matches a stored article replaces that article and keeps its id;
	// PutResult.New is false then. The document's story is assigned here
	// (see package doc of store/sqlite for the clustering). doc must have
	// Text; an empty ID is filled with document.StableID.
	Put(ctx context.Context, doc *document.Document, opts PutOptions) (PutResult, error)
	// Seen reports whether an article read from sourceURL (the ingest
	// item's URL, see PutOptions.SourceURL) or with that canonical URL is
	// stored, so that a resumed ingest skips it before running the
	// pipeline. An empty sourceURL is never seen.
	Seen(ctx context.Context, sourceURL string) (bool, error)
	// Get returns the stored document with its store metadata.
	Get(ctx context.Context, id string) (*Article, error)
	// Scan calls fn for every article that matches f, in (published, id)
	// order, streaming (for exports). fn's error stops the scan and is
	// returned.
	Scan(ctx context.Context, f Filter, fn func(*Article) error) error

	// Search runs a full-text query (Query.Text, FTS5 syntax with bm25
	// ranking) and the filters, with facet counts when asked.
	Search(ctx context.Context, q Query) (*SearchResult, error)
	// Related returns up to limit articles that share entities with the
	// article and are similar in text, best first.
	Related(ctx context.Context, id string, limit int) ([]ArticleSummary, error)

	// Entities lists entities across articles, most-mentioned first.
	Entities(ctx context.Context, q EntityQuery) (*EntityList, error)
	// Entity returns one entity (by EntityKey) with its counts, quotes,
	// events as source or target, and timeline.
	Entity(ctx context.Context, key string) (*EntityDetail, error)
	// Quotes lists quotes of the articles matching q.Filter; q.Filter.Entity
	// selects quotes whose speaker is that entity. Newest first.
	Quotes(ctx context.Context, q Query) (*QuoteList, error)
	// Events lists events of the articles matching q.Filter;
	// q.Filter.Entity selects events where that entity is source or target
	// (q.Role narrows it to one side). Newest first.
	Events(ctx context.Context, q Query) (*EventList, error)

	// Stories lists stories (groups of articles on the same story),
	// largest and newest first.
	Stories(ctx context.Context, q Query) (*StoryList, error)
	// Story returns one story with its articles, oldest first.
	Story(ctx context.Context, id string) (*Story, error)

	// Places aggregates the places of the articles matching q.Filter for
	// the map: one row per place with coordinates, most articles first.
	Places(ctx context.Context, q Query) ([]PlaceCount, error)
	// Timeline counts the articles matching f and the full-text query
	// text ("" for none; the syntax of Query.Text) per publication day,
	// oldest first: attention over time. Articles without a date are
	// left out.
	Timeline(ctx context.Context, f Filter, text string) ([]Count, error)
	// Topics counts matching articles per topic, most first (see
	// ArticleSummary.Topics for what a topic is).
	Topics(ctx context.Context, f Filter) ([]Count, error)

	// Stats describes the whole store.
	Stats(ctx context.Context) (*Stats, error)
	// Backup writes a consistent copy of the store to path while it stays
	// online. path must not exist.
	Backup(ctx context.Context, path string) error
	// Close releases the store.
	Close() error
}

// PutOptions carry what the store needs beside the document.
type PutOptions struct {
	// SourceURL is where ingest read the article (ingest.Item.URL: a page,
	// a feed entry link, a WARC target URI, a file:// URL); Seen checks it.
	SourceURL string
	// Credit is the attribution to show with the article, e.g.
	// "Wikinews, CC BY 2.5" for the demo corpus; "" when none is needed.
	Credit string
}

// PutResult says what Put did.
type PutResult struct {
	ID    string // the article's id in the store
	New   bool   // false when an existing article was replaced
	Story string // the story the article belongs to
}

// Article is a stored document with the store's own fields.
type Article struct {
	Doc       *document.Document
	Story     string
	SourceURL string
	Credit    string
	Hash      string   // ContentHash of the text
	Topics    []string // see ArticleSummary.Topics
	Stored    string   // RFC 3339 time of the last Put
}

// Filter selects articles. Zero fields select everything. All fields
// combine with AND.
type Filter struct {
	Site      string // exact site, e.g. "en.wikinews.org"
	Country   string // ISO 3166-1 alpha-3: the article has a place or entity in it
	Language  string // ISO 639-1
	From      string // published on or after this date (YYYY-MM-DD)
	To        string // published on or before this date (YYYY-MM-DD)
	EventType string // PLOVER type: the article has an event of it
	Entity    string // EntityKey: the article mentions it
	Place     string // PlaceKey: the article names it
	Story     string // story id
	Topic     string // topic name
}

// Query is a filter plus text, ordering and paging, shared by the list
// methods.
type Query struct {
	Filter
	// Text is a full-text query over title and body: words (all must
	// match), "quoted phrases", OR, NOT and prefix* as in SQLite FTS5.
	// Plain words are safe: characters FTS5 would read as syntax are
	// quoted by the store.
	Text string
	// Sort: "relevance" (default when Text is set) or "date" (newest
	// first, the default otherwise).
	Sort string
	// Limit is the page size; 0 means DefaultLimit. There is no upper cap
	// on how far one can page.
	Limit int
	// Offset skips that many results. Cursor, when set, wins over Offset.
	Offset int
	// Cursor is a NextCursor from the previous page.
	Cursor string
	// Facets asks Search for facet counts over all matching articles.
	Facets bool
	// Role narrows Events with Filter.Entity: "source", "target" or ""
	// for either.
	Role string
}

// DefaultLimit is the page size when Query.Limit is 0.
const DefaultLimit = 20

// ArticleSummary is one article in a result list.
type ArticleSummary struct {
	ID        string  `json:"id"`
	URL       string  `json:"url"`
	Site      string  `json:"site"`
	Title     string  `json:"title"`
	Published string  `json:"published"`
	Language  string  `json:"language"`
	Story     string  `json:"story"`
	Credit    string  `json:"credit,omitempty"`
	Snippet   string  `json:"snippet"` // matching words marked with «»; the lead when no text query
	Score     float64 `json:"score"`   // bm25 (higher is better) or related-score; 0 when unranked
	// Topics are the article's topics. The contract has no section
	// field, so a topic is a PLOVER event type that occurs in the
	// article (an article about talks and a strike has both), or
	// "NONE" when no event was found.
	Topics []string `json:"topics"`
}

// SearchResult is one page of search results.
type SearchResult struct {
	Total      int              `json:"total"` // all matching articles, not just this page
	Articles   []ArticleSummary `json:"articles"`
	NextCursor string           `json:"next_cursor,omitempty"` // "" on the last page
	Facets     *Facets          `json:"facets,omitempty"`
}

// Count is a value with how many articles (or rows) have it.
type Count struct {
	Value string `json:"value"`
	Label string `json:"label,omitempty"` // a readable name where Value is a key
	Count int    `json:"count"`
}

// Facets are counts over all articles matching a search, top values first
// (at most FacetLimit each).
type Facets struct {
	Sites      []Count `json:"sites"`
	Countries  []Count `json:"countries"`
	Languages  []Count `json:"languages"`
	EventTypes []Count `json:"event_types"`
	Entities   []Count `json:"entities"` // Value is the EntityKey, Label the name
	Topics     []Count `json:"topics"`
	// Counted is how many matching articles the counts cover: all of
	// them up to a bound the implementation documents (the newest
	// ones beyond it), so that facets stay fast on any result size.
	Counted int `json:"counted"`
}

// FacetLimit is how many values each facet lists.
const FacetLimit = 20

// EntityQuery selects entities.
type EntityQuery struct {
	Filter        // entities of the matching articles
	Type   string // PERSON, ORG … ; "" for all
	Name   string // case-insensitive prefix of the name
	Limit  int
	Offset int
	Cursor string
}

// EntitySummary is one entity across articles.
type EntitySummary struct {
	Key      string `json:"key"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	Country  string `json:"country,omitempty"`
	Actor    string `json:"actor,omitempty"`
	Articles int    `json:"articles"` // articles that mention it
	Mentions int    `json:"mentions"` // mentions over all articles
}

// EntityList is one page of entities.
type EntityList struct {
	Total      int             `json:"total"`
	Entities   []EntitySummary `json:"entities"`
	NextCursor string          `json:"next_cursor,omitempty"`
}

// EntityDetail is one entity with what it said and did.
type EntityDetail struct {
	EntitySummary
	Titles   []string         `json:"titles"`    // roles seen in any article
	Quotes   []QuoteHit       `json:"quotes"`    // newest first, at most DetailLimit
	AsSource []EventHit       `json:"as_source"` // events it did, newest first, at most DetailLimit
	AsTarget []EventHit       `json:"as_target"` // events done to it
	Timeline []Count          `json:"timeline"`  // articles mentioning it per day
	Recent   []ArticleSummary `json:"recent"`    // newest articles mentioning it, at most DetailLimit
}

// DetailLimit bounds each list of an EntityDetail; use Quotes, Events and
// Search with Filter.Entity for the full lists.
const DetailLimit = 50

// QuoteHit is a quote with the article it came from.
type QuoteHit struct {
	Article   string         `json:"article"`
	Title     string         `json:"title"`
	Published string         `json:"published"`
	Speaker   string         `json:"speaker,omitempty"` // EntityKey of the speaker, "" when unknown
	Quote     document.Quote `json:"quote"`
}

// QuoteList is one page of quotes.
type QuoteList struct {
	Total      int        `json:"total"`
	Quotes     []QuoteHit `json:"quotes"`
	NextCursor string     `json:"next_cursor,omitempty"`
}

// EventHit is an event with the article it came from and the global keys
// of its actors.
type EventHit struct {
	Article   string         `json:"article"`
	Title     string         `json:"title"`
	Published string         `json:"published"`
	Sources   []string       `json:"sources"` // EntityKeys of source actors that are entities
	Targets   []string       `json:"targets"`
	Sentence  string         `json:"sentence"` // the sentence's text, for explanation
	Event     document.Event `json:"event"`
}

// EventList is one page of events.
type EventList struct {
	Total      int        `json:"total"`
	Events     []EventHit `json:"events"`
	NextCursor string     `json:"next_cursor,omitempty"`
}

// StorySummary is one story in a list.
type StorySummary struct {
	ID       string `json:"id"`
	Title    string `json:"title"` // the title of its first article
	Articles int    `json:"articles"`
	Sites    int    `json:"sites"`
	First    string `json:"first"` // earliest publication date
	Last     string `json:"last"`
}

// StoryList is one page of stories.
type StoryList struct {
	Total      int            `json:"total"`
	Stories    []StorySummary `json:"stories"`
	NextCursor string         `json:"next_cursor,omitempty"`
}

// Story is one story with all its articles, oldest first.
type Story struct {
	StorySummary
	Members []ArticleSummary `json:"members"`
}

// PlaceCount is one place on the map.
type PlaceCount struct {
	Key        string   `json:"key"`
	Name       string   `json:"name"`
	Country    string   `json:"country,omitempty"`
	Lat        float64  `json:"lat"`
	Lon        float64  `json:"lon"`
	Feature    string   `json:"feature,omitempty"`
	Articles   int      `json:"articles"`
	Mentions   int      `json:"mentions"`
	Events     int      `json:"events"`      // events that took place there (Event.Place)
	ArticleIDs []string `json:"article_ids"` // most recently stored first, at most PlaceIDLimit; Search with Filter.Place for all
}

// PlaceIDLimit bounds PlaceCount.ArticleIDs.
const PlaceIDLimit = 20

// Stats describes the store.
type Stats struct {
	Articles  int    `json:"articles"`
	Entities  int    `json:"entities"` // distinct EntityKeys
	Mentions  int    `json:"mentions"`
	Quotes    int    `json:"quotes"`
	Events    int    `json:"events"`
	Places    int    `json:"places"` // distinct PlaceKeys
	Stories   int    `json:"stories"`
	Sites     int    `json:"sites"`
	First     string `json:"first"` // earliest publication date
	Last      string `json:"last"`
	Schema    int    `json:"schema_version"` // the store's migration level
	SizeBytes int64  `json:"size_bytes"`
}

// EntityKey is the global key of an entity: its type and its canonical
// name case-folded, with runs of anything but letters and digits turned
// into one "-", e.g. "person:benjamin-netanyahu". It is URL-path safe
// for ASCII names and stable across articles and runs.
func EntityKey(e document.Entity) string {
	return strings.ToLower(e.Type) + ":" + slug(e.Name)
}

// PlaceKey is the global key of a place: "gn:ID" when it has a GeoNames
// id, else "place:" + its name and country slugged like EntityKey.
func PlaceKey(p document.Place) string {
	if p.GeonamesID != 0 {
		return "gn:" + strconv.Itoa(p.GeonamesID)
	}
	k := "place:" + slug(p.Name)
	if p.Country != "" {
		k += "-" + strings.ToLower(p.Country)
	}
	return k
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// ContentHash is the hash of a text, normalised as document.StableID does
// (case folded, white space collapsed), used to recognise the same article
// under another URL.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(strings.ToLower(text)), " ")))
	return hex.EncodeToString(sum[:16])
}
