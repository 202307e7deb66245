package extract

import (
	"fmt"
	"net/url"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// secondOpinion runs readeck's go-readability over the page and returns
// its article node, or nil. It mutates root (readability prunes the tree
// as it scores it), so it must run after every other reader of root.
func secondOpinion(root *html.Node, pageURL *url.URL) (node *html.Node, byline string, err error) {
	defer func() {
		if r := recover(); r != nil {
			node, byline, err = nil, "", fmt.Errorf("readability failed: %v", r)
		}
	}()
	p := readability.NewParser()
	art, err := p.ParseAndMutate(root, pageURL)
	if err != nil {
		return nil, "", err
	}
	return art.Node, art.Byline(), nil
}

// Thresholds of mergeBodies, chosen on the error categories of the
// trafilatura set (see doc/extraction.md): a base text under
// shortBody characters often misses paragraphs that readability finds;
// with at least sureOverlap paragraphs in common the two extractors agree
// on where the article is, and a label-like paragraph only the base kept
// is page furniture.
const (
	shortBody   = 2000
	sureOverlap = 3
)

// mergeBodies combines the paragraphs of the base extractor
// (go-trafilatura) with a second opinion (readability) where the two
// disagree. When the base text is short, sentences that only the second
// opinion found are added, each after the last paragraph both share that
// precedes it. When the two agree on at least sureOverlap paragraphs,
// paragraphs only the base kept that do not read as prose (labels, link
// lists, share lines) are dropped when they lie before the first or
// after the last paragraph both share; between shared paragraphs such a
// line is mostly a subheading or a list item of the story. Paragraphs
// are compared by their letters and digits only.
func mergeBodies(base, second []string) (merged, dropped []string) {
	if len(second) == 0 {
		return base, nil
	}
	if len(base) == 0 {
		return second, nil
	}
	inBase := make(map[string]bool, len(base))
	size := 0
	for _, p := range base {
		inBase[alnum(p)] = true
		size += utf8.RuneCountInString(p) + 2
	}
	inSecond := make(map[string]bool, len(second))
	shared := 0
	for _, p := range second {
		k := alnum(p)
		if inSecond[k] {
			continue
		}
		inSecond[k] = true
		if inBase[k] {
			shared++
		}
	}
	// Sentences only the second opinion has, keyed by the shared
	// paragraph they follow ("" for before the first).
	after := map[string][]string{}
	if size < shortBody {
		prev := ""
		for _, p := range second {
			k := alnum(p)
			if inBase[k] {
				prev = k
				continue
			}
			if isProse(p) {
				after[prev] = append(after[prev], p)
			}
		}
	}
	merged = append(merged, after[""]...)
	delete(after, "")
	// Shared paragraphs bound the part of the base both extractors agree
	// is the story.
	first, last := -1, -1
	for i, p := range base {
		if inSecond[alnum(p)] {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	for i, p := range base {
		k := alnum(p)
		if shared >= sureOverlap && !inSecond[k] && !isProse(p) && (i < first || i > last) {
			dropped = append(dropped, p)
			continue
		}
		merged = append(merged, p)
		if extra, ok := after[k]; ok {
			merged = append(merged, extra...)
			delete(after, k)
		}
	}
	return merged, dropped
}
