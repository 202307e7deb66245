package eval

import (
	"context"
	"os"
	"strings"
	"testing"

	"newsgraph/nlp/conllu"
)

func TestRebuildDocuments(t *testing.T) {
	const src = `# newdoc id = d1
# newpar
# text = Hello there.
1	Hello	hello	INTJ	UH	_	0	root	_	_
2	there	there	ADV	RB	_	1	advmod	_	SpaceAfter=No
3	.	.	PUNCT	.	_	1	punct	_	_

# text = Yes.
1	Yes	yes	INTJ	UH	_	0	root	_	SpaceAfter=No
2	.	.	PUNCT	.	_	1	punct	_	SpaceAfter=No

# text = (Quiet)
1	(	(	PUNCT	-LRB-	_	2	punct	_	SpaceAfter=No
2	Quiet	quiet	ADJ	JJ	_	0	root	_	SpaceAfter=No
3	)	)	PUNCT	-RRB-	_	2	punct	_	_

# newpar
# text = New paragraph.
1	New	new	ADJ	JJ	_	2	amod	_	_
2	paragraph	paragraph	NOUN	NN	_	0	root	_	SpaceAfter=No
3	.	.	PUNCT	.	_	2	punct	_	_

# newdoc id = d2
# text = Other.
1	Other	other	ADJ	JJ	_	0	root	_	SpaceAfter=No
2	.	.	PUNCT	.	_	1	punct	_	_
`
	sents, err := conllu.Read(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	docs := rebuildDocuments(sents)
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
	for _, tc := range []struct {
		text   string
		starts []int
	}{
		{"Hello there. Yes.(Quiet)\n\nNew paragraph.", []int{0, 13, 17, 26}},
		{"Other.", []int{0}},
	} {
		d := docs[0]
		if tc.text == "Other." {
			d = docs[1]
		}
		if d.text != tc.text {
			t.Errorf("text %q, want %q", d.text, tc.text)
		}
		if len(d.starts) != len(tc.starts) {
			t.Errorf("starts %v, want %v", d.starts, tc.starts)
			continue
		}
		for i := range d.starts {
			if d.starts[i] != tc.starts[i] {
				t.Errorf("starts %v, want %v", d.starts, tc.starts)
				break
			}
		}
	}
}

func TestBoundaryF1(t *testing.T) {
	for _, tc := range []struct {
		name string
		gold []int
		pred []int
		want float64
	}{
		{"exact", []int{5, 10}, []int{5, 10}, 1},
		{"one missed", []int{5, 10}, []int{5}, 2.0 / 3},
		{"one wrong", []int{5, 10}, []int{5, 11}, 0.5},
		{"none either side", nil, nil, 1},
		{"none predicted", []int{5}, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gold := map[int]bool{}
			for _, g := range tc.gold {
				gold[g] = true
			}
			var c counts
			c.add(gold, tc.pred)
			if got := c.f1(); got != tc.want {
				t.Errorf("F1 = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestNLPSuite runs the suite on the first sentences of each test set.
func TestNLPSuite(t *testing.T) {
	const dir = "../../shared/data/nlp"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s not found: the nlp suite needs the UD treebanks there", dir)
	}
	suite, ok := Lookup("nlp")
	if !ok {
		t.Fatal("suite nlp not registered")
	}
	rep, err := suite(context.Background(), dir, Options{Limit: 40})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"ewt_test_sentence_f1", "gum_test_sentence_f1"} {
		if v, ok := rep.Metrics[m]; !ok || v < 0 || v > 1 {
			t.Errorf("%s = %v (present %v)", m, v, ok)
		}
		if _, ok := rep.Baselines[proseName][m]; !ok {
			t.Errorf("prose baseline %s missing", m)
		}
	}
	if _, ok := rep.Metrics["ewt_test_upos"]; ok {
		for _, m := range []string{"ewt_test_upos", "ewt_test_xpos", "ewt_test_lemma", "gum_test_upos"} {
			if v := rep.Metrics[m]; v < 0.85 || v > 1 {
				t.Errorf("%s = %v, want a tagger's accuracy", m, v)
			}
		}
		if rep.Metrics["tagger_tokens_per_s"] <= 0 {
			t.Error("no tagging speed")
		}
	}
}
