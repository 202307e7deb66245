// Package cluster finds the same story across articles. Its first part is a
// stage that writes each document's SimHash fingerprint (Charikar 2002) over
// word shingles, so that syndicated copies and light rewrites land within a
// few bits of each other; an online story clusterer over text, entities and
// time builds on it (the product issue).
package cluster

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/bits"
	"strconv"
	"strings"
	"unicode"

	"newsgraph/document"
)

// shingle is the number of words hashed together. Three words keep word
// order in the signal without making every small edit flip many features.
const shingle = 3

// NearDistance is the largest Hamming distance at which two fingerprints
// count as near-duplicates. Manku et al. (WWW 2007) used 3 of 64 bits for
// whole web pages; a news article has a few hundred shingles, so one edited
// sentence moves more bits, while unrelated texts sit near 32 bits apart.
const NearDistance = 6

// Stage writes Document.Fingerprint.
type Stage struct{}

// New returns the fingerprint stage.
func New() *Stage { return &Stage{} }

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "cluster" }

// Process implements pipeline.Stage.
func (*Stage) Process(_ context.Context, doc *document.Document) error {
	doc.Fingerprint = fmt.Sprintf("%016x", SimHash(doc.Text))
	return nil
}

// SimHash returns the 64-bit SimHash of text's word shingles. Words are
// case-folded and stripped of punctuation first, so typography differences
// between copies (curly quotes, dashes) do not count.
func SimHash(text string) uint64 {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) == 0 {
		return 0
	}
	var weights [64]int
	n := len(words) - shingle + 1
	if n < 1 {
		n = 1
	}
	for i := 0; i < n; i++ {
		end := min(i+shingle, len(words))
		h := fnv.New64a()
		for _, w := range words[i:end] {
			h.Write([]byte(w))
			h.Write([]byte{' '})
		}
		sum := h.Sum64()
		for b := 0; b < 64; b++ {
			if sum&(1<<b) != 0 {
				weights[b]++
			} else {
				weights[b]--
			}
		}
	}
	var fp uint64
	for b, w := range weights {
		if w > 0 {
			fp |= 1 << b
		}
	}
	return fp
}

// Distance returns the Hamming distance between two fingerprints.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// ParseFingerprint reads a fingerprint as written in Document.Fingerprint.
func ParseFingerprint(s string) (uint64, error) {
	v, err := strconv.ParseUint(s, 16, 64)
	if err != nil {
		return 0, fmt.Errorf("parse fingerprint %q: %w", s, err)
	}
	return v, nil
}
