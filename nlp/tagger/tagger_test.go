package tagger

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsgraph/nlp/wordfeat"
)

// tinyTreebank is a few sentences in CoNLL-U, enough for every tag in it
// to pass minClassCount once repeated.
const tinyTreebank = `# newdoc id = GUM_news_test
# sent_id = a-1
# text = The dogs barked.
1	The	the	DET	DT	_	2	det	_	_
2	dogs	dog	NOUN	NNS	_	3	nsubj	_	_
3	barked	bark	VERB	VBD	_	0	root	_	SpaceAfter=No
4	.	.	PUNCT	.	_	3	punct	_	_

# sent_id = a-2
# text = A cat sleeps.
1	A	a	DET	DT	_	2	det	_	_
2	cat	cat	NOUN	NN	_	3	nsubj	_	_
3	sleeps	sleep	VERB	VBZ	_	0	root	_	SpaceAfter=No
4	.	.	PUNCT	.	_	3	punct	_	_

`

// writeTinyData lays out a data folder like ../shared/data/nlp with the
// tiny treebank in every file; GUM's copy is of a genre that may not
// ship, under another doc id, so that it must be left out.
func writeTinyData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	body := strings.Repeat(tinyTreebank, 12)
	for _, name := range []string{ewtTrain, ewtDev, gumTrain, gumDev} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		text := body
		if strings.Contains(name, "gum") {
			text = strings.ReplaceAll(body, "GUM_news_test", "GUM_fiction_test")
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestTrainTinyIsDeterministicAndRoundTrips(t *testing.T) {
	dir := writeTinyData(t)
	var a, b bytes.Buffer
	if err := Train(context.Background(), dir, &a, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := Train(context.Background(), dir, &b, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two trainings on the same data gave different bytes")
	}
	tg, err := Read(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	upos, xpos := tg.Tag([]string{"The", "dogs", "barked", "."})
	if got := strings.Join(upos, " "); got != "DET NOUN VERB PUNCT" {
		t.Errorf("UPOS = %s", got)
	}
	if got := strings.Join(xpos, " "); got != "DT NNS VBD ." {
		t.Errorf("XPOS = %s", got)
	}
}

func TestTrainErrors(t *testing.T) {
	if err := Train(context.Background(), t.TempDir(), io.Discard, io.Discard); err == nil {
		t.Error("no error for an empty data folder")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Train(ctx, writeTinyData(t), io.Discard, io.Discard); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled training: err = %v", err)
	}
}

func TestReadRejectsGarbage(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("not gzip"), gzipped(t, "NGTAGR01"), gzipped(t, "NGTAGR01\xff\xff\xff\xff\xff\xff\xff\xff"), gzipped(t, "XXXXXXXX")} {
		if _, err := Read(bytes.NewReader(in)); err == nil {
			t.Errorf("Read(%q) gave no error", in)
		}
	}
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestShippableGUM(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want bool
	}{
		{"GUM_news_hackers", true},
		{"GUM_conversation_atoms", true},
		{"GUM_fiction_beast", false},
		{"GUM_academic_art", false},
		{"GUM_news", true},
		{"newsroom", false},
		{"", false},
	} {
		if got := ShippableGUM(tc.doc); got != tc.want {
			t.Errorf("ShippableGUM(%q) = %v, want %v", tc.doc, got, tc.want)
		}
	}
}

func TestLemmaRules(t *testing.T) {
	l := lemmatizer{
		exceptions: map[string]string{"went\tVERB": "go", "i\tPRON": "I", "us\tPROPN": keepForm},
		known:      map[string]bool{"VERB\thope": true, "VERB\tstop": true, "NOUN\tbox": true, "ADJ\tlarge": true, "ADJ\tbig": true, "ADJ\thappy": true},
	}
	for _, tc := range []struct{ word, upos, want string }{
		{"went", "VERB", "go"},
		{"Went", "VERB", "go"},
		{"I", "PRON", "I"},
		{"US", "PROPN", "US"},
		{"hoped", "VERB", "hope"},
		{"stopped", "VERB", "stop"},
		{"walked", "VERB", "walk"},
		{"argued", "VERB", "argue"},
		{"carries", "VERB", "carry"},
		{"hoping", "VERB", "hope"},
		{"boxes", "NOUN", "box"},
		{"cities", "NOUN", "city"},
		{"dogs", "NOUN", "dog"},
		{"Dogs", "NOUN", "dog"},
		{"glass", "NOUN", "glass"},
		{"larger", "ADJ", "large"},
		{"bigger", "ADJ", "big"},
		{"happier", "ADJ", "happy"},
		{"other", "ADJ", "other"},
		{"n't", "PART", "not"},
		{"'ll", "AUX", "will"},
		{"Obama", "PROPN", "Obama"},
		{"The", "DET", "the"},
		{",", "PUNCT", ","},
		{"", "NOUN", ""},
		{"\xff\xfe", "VERB", "\xff\xfe"},
	} {
		if got := l.lemma(tc.word, tc.upos); got != tc.want {
			t.Errorf("lemma(%q, %s) = %q, want %q", tc.word, tc.upos, got, tc.want)
		}
	}
}

func TestShapeAndAffixes(t *testing.T) {
	for _, tc := range []struct{ in, shape, suf3, pre2 string }{
		{"Obama", "Xxx", "ama", "Ob"},
		{"1,200", "d,dd", "200", "1,"},
		{"U.S.", "X.X.", ".S.", "U."},
		{"", "", "", ""},
		{"é", "x", "é", "é"},
		{"\xff", "*", "\xff", "\xff"},
	} {
		if got := shape(tc.in); got != tc.shape {
			t.Errorf("shape(%q) = %q, want %q", tc.in, got, tc.shape)
		}
		if got := wordfeat.Suffix(tc.in, 3); got != tc.suf3 {
			t.Errorf("suffix(%q, 3) = %q, want %q", tc.in, got, tc.suf3)
		}
		if got := wordfeat.Prefix(tc.in, 2); got != tc.pre2 {
			t.Errorf("prefix(%q, 2) = %q, want %q", tc.in, got, tc.pre2)
		}
	}
}

// TestShippedModel checks the model embedded in this build, when there is
// one: it loads, tags odd input without panicking, and gets easy
// sentences right.
func TestShippedModel(t *testing.T) {
	tg, err := Load()
	if err != nil {
		t.Skipf("no shipped tagger model: %v", err)
	}
	for _, words := range [][]string{nil, {""}, {"\xff\xfe"}, {strings.Repeat("x", 100000)}, {"a", "", "b"}} {
		u, x := tg.Tag(words)
		if len(u) != len(words) || len(x) != len(words) {
			t.Errorf("Tag(%q): %d and %d tags", words, len(u), len(x))
		}
	}
	for _, tc := range []struct{ words, upos, xpos string }{
		{"The president said it was fine .", "DET NOUN VERB PRON AUX ADJ PUNCT", "DT NN VBD PRP VBD JJ ."},
		{"Israel has asked the US to send officials .", "PROPN AUX VERB DET PROPN PART VERB NOUN PUNCT", "NNP VBZ VBN DT NNP TO VB NNS ."},
	} {
		u, x := tg.Tag(strings.Fields(tc.words))
		if got := strings.Join(u, " "); got != tc.upos {
			t.Errorf("UPOS of %q = %s, want %s", tc.words, got, tc.upos)
		}
		if got := strings.Join(x, " "); got != tc.xpos {
			t.Errorf("XPOS of %q = %s, want %s", tc.words, got, tc.xpos)
		}
	}
	if got := tg.Lemma("said", "VERB"); got != "say" {
		t.Errorf("Lemma(said) = %q", got)
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if tg, err := Read(bytes.NewReader(b)); err == nil {
			tg.Tag([]string{"a", "b"})
		}
	})
}

func FuzzTag(f *testing.F) {
	tg, err := Load()
	if err != nil {
		f.Skipf("no shipped tagger model: %v", err)
	}
	f.Add("The cat sat .", "NOUN")
	f.Add("\xff \u00e9t\u00e9 1,200 U.S.", "VERB")
	f.Fuzz(func(t *testing.T, text, upos string) {
		words := strings.Split(text, " ")
		u, x := tg.Tag(words)
		if len(u) != len(words) || len(x) != len(words) {
			t.Fatalf("%d words, %d and %d tags", len(words), len(u), len(x))
		}
		for _, w := range words {
			tg.Lemma(w, upos)
		}
	})
}
