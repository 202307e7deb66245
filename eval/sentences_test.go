package eval

import (
	"os"
	"path/filepath"
	"testing"

	"newsgraph/nlp"
	"newsgraph/nlp/conllu"
	"newsgraph/nlp/sentences"
)

// TestSentenceModelF1 measures the trained splitter against the rules on
// the test sets; it skips without ../shared or without a model.
func TestSentenceModelF1(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "data", "nlp")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/data/nlp not present")
	}
	sp, err := sentences.Load()
	if err != nil {
		t.Skip(err)
	}
	for _, set := range tagSets {
		sents, err := conllu.ReadFile(filepath.Join(dir, set.path))
		if err != nil {
			t.Fatal(err)
		}
		model := modelSentenceF1(sp, sents)
		var rules counts
		for _, d := range rebuildDocuments(sents) {
			gold := map[int]bool{}
			for _, s := range d.starts[1:] {
				gold[s] = true
			}
			var pred []int
			for i, s := range nlp.SplitSentences(d.text) {
				if i > 0 {
					pred = append(pred, s.Start)
				}
			}
			rules.add(gold, pred)
		}
		t.Logf("%s: model %.4f, rules %.4f", set.name, model, rules.f1())
		if model < rules.f1()-0.005 {
			t.Errorf("%s: model F1 %.4f below the rules' %.4f", set.name, model, rules.f1())
		}
	}
}
