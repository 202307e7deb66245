package quotes

import (
	"sort"

	"newsgraph/document"
)

// mention is a stretch of text that names someone: an entity mention from
// coref (names, titles and resolved pronouns) or a name the nlp stage found.
type mention struct {
	start, end int
	entity     string // entity id, "" when not grouped into one
}

// mentionIndex finds the mentions that overlap a token. Mentions are kept
// sorted by start.
type mentionIndex struct {
	list   []mention
	maxLen int // the longest mention, which bounds how far back to look
}

// newMentionIndex indexes the entity mentions and names of doc, leaving
// out any whose offsets do not fit the text.
func newMentionIndex(doc *document.Document) *mentionIndex {
	var list []mention
	n := len(doc.Text)
	for _, e := range doc.Entities {
		for _, m := range e.Mentions {
			if 0 <= m.Start && m.Start < m.End && m.End <= n {
				list = append(list, mention{start: m.Start, end: m.End, entity: e.ID})
			}
		}
	}
	for _, nm := range doc.Names {
		if 0 <= nm.Start && nm.Start < nm.End && nm.End <= n {
			list = append(list, mention{start: nm.Start, end: nm.End, entity: nm.Entity})
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].start < list[j].start })
	ix := &mentionIndex{list: list}
	for _, m := range list {
		ix.maxLen = max(ix.maxLen, m.end-m.start)
	}
	return ix
}

// at returns the best mention overlapping [start, end): one grouped into an
// entity before one that is not, then the longest.
func (ix *mentionIndex) at(start, end int) (mention, bool) {
	var best mention
	found := false
	// A mention that overlaps starts before end, and no earlier than the
	// longest mention's length before start.
	i := sort.Search(len(ix.list), func(i int) bool { return ix.list[i].start >= end })
	for j := i - 1; j >= 0 && ix.list[j].start >= start-ix.maxLen; j-- {
		m := ix.list[j]
		if m.end <= start {
			continue
		}
		if !found || better(m, best) {
			best, found = m, true
		}
	}
	return best, found
}

func better(a, b mention) bool {
	if (a.entity != "") != (b.entity != "") {
		return a.entity != ""
	}
	return a.end-a.start > b.end-b.start
}
