package conllu

import (
	"strings"
	"testing"
)

const sample = `# newdoc id = doc1
# sent_id = s1
# text = I don't know.
1	I	I	PRON	PRP	_	3	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	know	know	VERB	VB	_	0	root	_	SpaceAfter=No
4.1	knew	know	VERB	VBD	_	_	_	4:conj	_
5	.	.	PUNCT	.	_	4	punct	_	_

# sent_id = s2
1	Yes	yes	INTJ	UH	_	0	root	_	_
`

func TestRead(t *testing.T) {
	sents, err := Read(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2 {
		t.Fatalf("%d sentences, want 2", len(sents))
	}
	s := sents[0]
	if s.ID != "s1" || s.Text != "I don't know." || s.DocID != "doc1" || sents[1].DocID != "doc1" {
		t.Errorf("comments read wrong: %+v", s)
	}
	if len(s.Tokens) != 5 || len(s.Multi) != 1 {
		t.Fatalf("%d tokens, %d multi-word tokens", len(s.Tokens), len(s.Multi))
	}
	if tk := s.Tokens[3]; tk.Form != "know" || tk.UPOS != "VERB" || tk.XPOS != "VB" || tk.Head != 0 || tk.Deprel != "root" {
		t.Errorf("token 4 = %+v", tk)
	}
	if s.SpaceAfter(3) || !s.SpaceAfter(0) {
		t.Errorf("SpaceAfter wrong")
	}
}

func TestReadErrors(t *testing.T) {
	for _, bad := range []string{"1\tonly\tthree\n", "x\ta\tb\tc\td\te\tf\tg\th\ti\n", "1\ta\tb\tc\td\te\tzz\tg\th\ti\n"} {
		if _, err := Read(strings.NewReader(bad)); err == nil {
			t.Errorf("Read(%q) succeeded", bad)
		}
	}
}
