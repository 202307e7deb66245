package postgres

import (
	"context"
	"fmt"
	"math/bits"
	"time"

	"github.com/jackc/pgx/v5"

	"newsgraph/cluster"
	"newsgraph/document"
	"newsgraph/store/derive"
)

// Story clustering is that of the SQLite store (see the package doc of
// store/sqlite): a near-duplicate fingerprint joins its story, else the
// best-scoring recent article sharing top entities, else a new story.
// The same constants apply.
const (
	storyWindow     = 3  // days apart two articles of one story may be
	storyEntities   = 8  // entities of a new article that find candidates
	storyCandidates = 40 // candidates scored
)

// storyIndex caches every stored fingerprint for the near-duplicate test.
// Other processes write too, so before each use it reads the articles
// written since it last looked (articles.seq grows with every write,
// and writers hold the advisory lock, so no write is skipped).
type storyIndex struct {
	seq   int64
	slot  map[int64]int // rowid → index in fps and story
	fps   []uint64
	story []string
}

func newStoryIndex() *storyIndex { return &storyIndex{slot: map[int64]int{}} }

// refresh reads the fingerprints written since the last refresh.
func (x *storyIndex) refresh(ctx context.Context, tx pgx.Tx) error {
	rows, err := tx.Query(ctx, "SELECT rowid, fingerprint, story, seq FROM articles WHERE seq > $1 ORDER BY seq", x.seq)
	if err != nil {
		return fmt.Errorf("load fingerprints: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, fp, seq int64
		var st string
		if err := rows.Scan(&id, &fp, &st, &seq); err != nil {
			return fmt.Errorf("load fingerprints: %w", err)
		}
		if i, ok := x.slot[id]; ok {
			x.fps[i], x.story[i] = uint64(fp), st
		} else if fp != 0 {
			x.slot[id] = len(x.fps)
			x.fps = append(x.fps, uint64(fp))
			x.story = append(x.story, st)
		}
		x.seq = seq
	}
	return rows.Err()
}

// near returns the story of the closest fingerprint within
// cluster.NearDistance, or "".
func (x *storyIndex) near(fp uint64) string {
	if fp == 0 {
		return ""
	}
	best, story := cluster.NearDistance+1, ""
	for i, f := range x.fps {
		if d := bits.OnesCount64(f ^ fp); d < best {
			best, story = d, x.story[i]
		}
	}
	return story
}

// assignStory picks the story of a new article; the caller holds the
// writers' advisory lock.
func (s *Store) assignStory(ctx context.Context, tx pgx.Tx, doc *document.Document, d *derive.Rows) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.stories.refresh(ctx, tx); err != nil {
		// A failed read leaves the cache as it was; its seq moved
		// only past rows it took in.
		return "", err
	}
	if st := s.stories.near(d.Fingerprint); st != "" {
		return st, nil
	}
	own := "S" + doc.ID
	ents := d.TopEntities(storyEntities)
	if len(ents) == 0 {
		return own, nil
	}
	keys := make([]string, len(ents))
	for i, e := range ents {
		keys[i] = e.Key
	}
	lo, hi := "", ""
	if d.Day != "" {
		t, _ := time.Parse("2006-01-02", d.Day)
		lo = t.AddDate(0, 0, -storyWindow).Format("2006-01-02")
		hi = t.AddDate(0, 0, storyWindow).Format("2006-01-02")
	}
	rows, err := tx.Query(ctx, `SELECT count(*) AS shared, a.title, a.lead, a.story
		FROM mentions m JOIN articles a ON a.rowid = m.article
		WHERE m.entity = ANY($1) AND m.day BETWEEN $2 AND $3
		GROUP BY m.article, a.title, a.lead, a.story ORDER BY shared DESC, m.article DESC LIMIT $4`, keys, lo, hi, storyCandidates)
	if err != nil {
		return "", fmt.Errorf("story candidates: %w", err)
	}
	defer rows.Close()
	var cands []cluster.Candidate
	var stories []string
	for rows.Next() {
		var c cluster.Candidate
		var title, lead, story string
		if err := rows.Scan(&c.SharedEntities, &title, &lead, &story); err != nil {
			return "", fmt.Errorf("story candidates: %w", err)
		}
		c.Text = title + "\n" + lead
		cands = append(cands, c)
		stories = append(stories, story)
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("story candidates: %w", err)
	}
	if best := cluster.Best(doc.Title+"\n"+d.Lead, len(ents), cands); best >= 0 {
		return stories[best], nil
	}
	return own, nil
}
