package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math/bits"
	"time"

	"newsgraph/cluster"
	"newsgraph/document"
)

// Story clustering is online: each new article joins an existing story or
// starts its own, decided when it is stored (in the manner of Event
// Registry and Miranda et al., EMNLP 2018: compare the new article with
// recent ones, join the best match above a threshold, else open a new
// cluster).
//
//  1. Near-duplicate: an article whose SimHash fingerprint is within
//     cluster.NearDistance bits of a stored one (a syndicated copy, a
//     header change, a light edit) joins that article's story, whatever
//     its date.
//  2. Otherwise the candidates are the stored articles published within
//     StoryWindow days of it (or, for an undated article, other undated
//     ones) that share at least one of its StoryEntities most-mentioned
//     entities. Each is scored with cluster.Similarity over title + lead
//     (TF-IDF cosine, IDF from the candidates) and the shared entities;
//     the best joins if its score reaches cluster.JoinScore.
const (
	// StoryWindow is how many days apart two articles of one story may be.
	StoryWindow = 3
	// StoryEntities is how many of a new article's entities are used to
	// find candidates.
	StoryEntities = 8
	// storyCandidates bounds how many candidates are scored.
	storyCandidates = 40
)

// storyIndex holds every stored fingerprint for the near-duplicate test.
type storyIndex struct {
	rowids []int64
	fps    []uint64
	story  []string
}

func (s *Store) loadStories(ctx context.Context) error {
	if s.stories != nil {
		return nil
	}
	idx := &storyIndex{}
	rows, err := s.db.QueryContext(ctx, "SELECT rowid, fingerprint, story FROM articles")
	if err != nil {
		return fmt.Errorf("load fingerprints: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, fp int64
		var st string
		if err := rows.Scan(&id, &fp, &st); err != nil {
			return fmt.Errorf("load fingerprints: %w", err)
		}
		idx.add(id, uint64(fp), st)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load fingerprints: %w", err)
	}
	s.stories = idx
	return nil
}

func (x *storyIndex) add(rowid int64, fp uint64, story string) {
	if fp == 0 {
		return
	}
	x.rowids = append(x.rowids, rowid)
	x.fps = append(x.fps, fp)
	x.story = append(x.story, story)
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

// assignStory picks the story of a new article.
func (s *Store) assignStory(ctx context.Context, tx *sql.Tx, doc *document.Document, d *derived) (string, error) {
	if st := s.stories.near(d.Fingerprint); st != "" {
		return st, nil
	}
	own := "S" + doc.ID
	if len(d.Entities) == 0 {
		return own, nil
	}
	// The most-mentioned entities find the candidates.
	ents := d.TopEntities(StoryEntities)
	keys := make([]any, 0, len(ents)+2)
	for _, e := range ents {
		keys = append(keys, e.Key)
	}
	lo, hi := "", ""
	if d.Day != "" {
		t, _ := time.Parse("2006-01-02", d.Day)
		lo = t.AddDate(0, 0, -StoryWindow).Format("2006-01-02")
		hi = t.AddDate(0, 0, StoryWindow).Format("2006-01-02")
	}
	keys = append(keys, lo, hi)
	rows, err := s.txQuery(ctx, tx, `SELECT m.article, count(*) AS shared, a.title, a.lead, a.story
		FROM mentions m JOIN articles a ON a.rowid = m.article
		WHERE m.entity IN (`+placeholders(len(ents))+`) AND m.day BETWEEN ? AND ?
		GROUP BY m.article ORDER BY shared DESC, m.article DESC LIMIT `+fmt.Sprint(storyCandidates), keys...)
	if err != nil {
		return "", fmt.Errorf("story candidates: %w", err)
	}
	var cands []cluster.Candidate
	var stories []string
	for rows.Next() {
		var c cluster.Candidate
		var id int64
		var title, lead, story string
		if err := rows.Scan(&id, &c.SharedEntities, &title, &lead, &story); err != nil {
			rows.Close()
			return "", err
		}
		c.Text = title + "\n" + lead
		cands = append(cands, c)
		stories = append(stories, story)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", err
	}
	if best := cluster.Best(doc.Title+"\n"+d.Lead, len(ents), cands); best >= 0 {
		return stories[best], nil
	}
	return own, nil
}
