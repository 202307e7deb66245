package eval

import (
	"sort"
	"strings"

	"newsgraph/document"
	"newsgraph/internal/textview"
	"newsgraph/nlp/perceptron"
)

// kfoldName names the learned classifiers in the report (event type on
// plv_train.tsv, quad class on cameo_class_train.tsv). Each is trained and
// tested on its set in folds, which DATA.md allows for eval-only data; no
// weights are kept or shipped. They show what a learned classifier over
// the coder's output and the parse could add, not what newsgraph ships.
const kfoldName = "perceptron_5fold_not_shipped"

const (
	kfolds  = 5
	kepochs = 8
)

// typeFeatures are the classifier's features for a marked pair: the
// lemmas between and around source and target, the coder's own event for
// the pair (type and CAMEO root) and the trigger table's types.
func typeFeatures(doc *document.Document, it plvItem, ours *document.Event, lexical []document.Event) []perceptron.Feature {
	var fs []perceptron.Feature
	add := func(parts ...string) { fs = append(fs, perceptron.Hash(strings.Join(parts, "\x1f"))) }
	add("bias")
	lo, hi := min(it.src.end, it.tgt.end), max(it.src.start, it.tgt.start)
	for _, t := range doc.Tokens {
		l := t.Lemma
		if l == "" {
			l = textview.Fold(t.Text)
		}
		switch {
		case t.Start >= lo && t.End <= hi:
			add("between", l)
			if t.POS == "VERB" || t.POS == "NOUN" {
				add("between-"+t.POS, l)
			}
		case t.POS == "VERB":
			add("verb", l)
		default:
			add("word", l)
		}
	}
	if it.tgt.start < it.src.start {
		add("target-first")
	}
	if ours != nil {
		add("ours", ours.Type)
		add("ours-root", ours.CAMEO[:min(2, len(ours.CAMEO))])
		add("ours-trigger", textview.Fold(ours.Trigger.Text))
	} else {
		add("ours", noEvent)
	}
	for _, e := range lexical {
		add("lexical", e.Type)
	}
	return fs
}

// sentenceFeatures are the quad classifier's features for a sentence:
// its lemmas and verbs, and the coder's main event (type and CAMEO root).
func sentenceFeatures(doc *document.Document, main *document.Event) []perceptron.Feature {
	var fs []perceptron.Feature
	add := func(parts ...string) { fs = append(fs, perceptron.Hash(strings.Join(parts, "\x1f"))) }
	add("bias")
	for _, t := range doc.Tokens {
		l := t.Lemma
		if l == "" {
			l = textview.Fold(t.Text)
		}
		add("word", l)
		if t.POS == "VERB" {
			add("verb", l)
		}
	}
	if main != nil {
		add("ours", main.Type)
		add("ours-root", main.CAMEO[:min(2, len(main.CAMEO))])
	} else {
		add("ours", noEvent)
	}
	return fs
}

// kfold predicts each item's label with a perceptron trained on the other
// folds (item i is in fold i mod kfolds), and returns the predictions.
func kfold(gold []string, feats [][]perceptron.Feature) []string {
	labelSet := map[string]bool{}
	for _, g := range gold {
		labelSet[g] = true
	}
	labels := make([]string, 0, len(labelSet))
	for l := range labelSet {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	index := map[string]int{}
	for i, l := range labels {
		index[l] = i
	}
	out := make([]string, len(gold))
	scores := make([]float32, len(labels))
	for fold := range kfolds {
		tr := perceptron.NewTrainer(labels)
		for epoch := range kepochs {
			// A fixed order per epoch: the items by a stride, so that runs
			// are repeatable.
			for k := range gold {
				i := (k*7 + epoch*13) % len(gold)
				if i%kfolds == fold {
					continue
				}
				guess := tr.Predict(feats[i], scores)
				tr.Update(feats[i], index[gold[i]], guess)
				tr.Tick()
			}
		}
		m := tr.Average(0)
		for i := range gold {
			if i%kfolds == fold {
				out[i] = labels[m.Predict(feats[i], scores)]
			}
		}
	}
	return out
}
