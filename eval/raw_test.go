package eval

import (
	"strings"
	"testing"

	"newsgraph/document"
	"newsgraph/nlp/conllu"
	"newsgraph/nlp/sentences"
)

const rawConllu = `# newdoc id = d1
# sent_id = 1
# text = I don't know.
1	I	I	PRON	PRP	_	4	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	know	know	VERB	VB	_	0	root	_	SpaceAfter=No
5	.	.	PUNCT	.	_	4	punct	_	_

`

func TestGoldWordsAndRawScore(t *testing.T) {
	sents, err := conllu.Read(strings.NewReader(rawConllu))
	if err != nil {
		t.Fatal(err)
	}
	docs := sentences.Rebuild(sents)
	if len(docs) != 1 || docs[0].Text != "I don't know." {
		t.Fatalf("rebuilt %+v", docs)
	}
	gold := goldWords(docs[0], sents)
	spans := [][2]int{{0, 1}, {2, 4}, {4, 7}, {8, 12}, {12, 13}}
	if len(gold) != len(spans) {
		t.Fatalf("%d gold words, want %d: %+v", len(gold), len(spans), gold)
	}
	for i, g := range gold {
		if [2]int{g.start, g.end} != spans[i] {
			t.Errorf("gold word %d at %d-%d, want %v", i, g.start, g.end, spans[i])
		}
	}
	if gold[3].head != -1 || gold[0].head != 3 || gold[0].rel != "nsubj" {
		t.Errorf("gold heads wrong: %+v", gold)
	}
	// A system reading that gets the tokens right, "know" wrong as a
	// NOUN, and "I" attached to the wrong head.
	tok := func(s, e int, pos string, head int, dep string) document.Token {
		return document.Token{Start: s, End: e, POS: pos, Head: head, Dep: dep}
	}
	sys := []document.Token{
		tok(0, 1, "PRON", 4, "nsubj"), tok(2, 4, "AUX", 3, "aux"), tok(4, 7, "PART", 3, "advmod"),
		tok(8, 12, "NOUN", -1, "root"), tok(12, 13, "PUNCT", 3, "punct"),
	}
	var sc rawScore
	sc.add(gold, sys)
	if sc.tokens != 5 || sc.upos != 4 || sc.uas != 4 || sc.las != 4 {
		t.Errorf("score %+v, want 5 tokens, 4 upos, 4 uas, 4 las", sc)
	}
	// One token missed ("don't" whole): precision and recall both drop.
	sys2 := []document.Token{tok(0, 1, "PRON", 2, "nsubj"), tok(2, 7, "AUX", 2, "aux"), tok(8, 12, "VERB", -1, "root"), tok(12, 13, "PUNCT", 2, "punct")}
	var sc2 rawScore
	sc2.add(gold, sys2)
	if sc2.tokens != 3 || sc2.f1(sc2.tokens) >= 1 {
		t.Errorf("score %+v: want 3 matched tokens and F1 below 1", sc2)
	}
}
