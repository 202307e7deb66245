package sentences

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsgraph/document"
	"newsgraph/models"
	"newsgraph/nlp/conllu"
	"newsgraph/nlp/tokenize"
)

// synthetic returns a tiny training set: sentences that end in periods,
// some after abbreviations that do not end them.
func synthetic() []doc {
	texts := [][]string{
		{"Dr. Smith met the U.S. envoy on Monday.", "They talked for hours.", "No deal was reached."},
		{"The talks ended.", "Mr. Jones left early.", "He said nothing."},
		{"Prices rose in the U.S. market.", "Analysts were surprised.", "Dr. Brown disagreed."},
		{"It rained.", "The game went on.", "Fans stayed until the end."},
	}
	var docs []doc
	for _, sents := range texts {
		var d Document
		for i, s := range sents {
			if i > 0 {
				d.Text += " "
			}
			d.Starts = append(d.Starts, len(d.Text))
			d.Text += s
		}
		docs = append(docs, newDoc(d))
	}
	return docs
}

// trained returns a splitter trained on the synthetic set.
func trained(t testing.TB) *Splitter {
	t.Helper()
	m, err := fit(context.Background(), synthetic(), synthetic(), 5, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	return &Splitter{model: m}
}

// shipped returns the shipped splitter, skipping when there is none.
func shipped(t testing.TB) *Splitter {
	t.Helper()
	s, err := Load()
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no shipped model")
	}
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// texts returns the sentence texts of Split.
func texts(s *Splitter, text string) []string {
	var out []string
	for _, sp := range s.Split(text, tokenize.Text(text)) {
		out = append(out, text[sp[0]:sp[1]])
	}
	return out
}

// checkSpans fails unless spans cover toks in order, each token in one.
func checkSpans(t *testing.T, text string, toks []document.Token, spans [][2]int) {
	t.Helper()
	if len(toks) == 0 {
		if len(spans) != 0 {
			t.Fatalf("%d spans for no tokens", len(spans))
		}
		return
	}
	k := 0
	for _, sp := range spans {
		if sp[0] < 0 || sp[1] > len(text) || sp[0] >= sp[1] {
			t.Fatalf("bad span %v in %d bytes", sp, len(text))
		}
		if k >= len(toks) || toks[k].Start != sp[0] {
			t.Fatalf("span %v does not start at token %d", sp, k)
		}
		for k < len(toks) && toks[k].End <= sp[1] {
			k++
		}
		if toks[k-1].End != sp[1] {
			t.Fatalf("span %v does not end at a token end", sp)
		}
	}
	if k != len(toks) {
		t.Fatalf("spans cover %d of %d tokens", k, len(toks))
	}
}

func TestTrainSynthetic(t *testing.T) {
	s := trained(t)
	got := texts(s, "Dr. Smith arrived. The U.S. team left.")
	want := []string{"Dr. Smith arrived.", "The U.S. team left."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSplitEmpty(t *testing.T) {
	s := trained(t)
	for _, text := range []string{"", "   ", "\n\n"} {
		if got := s.Split(text, tokenize.Text(text)); got != nil {
			t.Errorf("Split(%q) = %v, want none", text, got)
		}
	}
}

func TestSplitNoPunctuation(t *testing.T) {
	for name, s := range map[string]*Splitter{"synthetic": trained(t), "shipped": shipped(t)} {
		text := "just some words without any punctuation at all"
		toks := tokenize.Text(text)
		spans := s.Split(text, toks)
		checkSpans(t, text, toks, spans)
		if len(spans) != 1 {
			t.Errorf("%s: %q: %d sentences, want 1", name, text, len(spans))
		}
	}
}

func TestParagraphBreak(t *testing.T) {
	s := trained(t)
	got := texts(s, "a heading without a period\n\nand a lower-case paragraph")
	if len(got) != 2 {
		t.Errorf("got %q, want two sentences", got)
	}
}

func TestShippedAbbreviations(t *testing.T) {
	s := shipped(t)
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Dr. Smith met U.S. officials on Monday. They agreed to talk again.",
			[]string{"Dr. Smith met U.S. officials on Monday.", "They agreed to talk again."}},
		{"The U.S. and Israel disagree. Mr. Netanyahu refused.",
			[]string{"The U.S. and Israel disagree.", "Mr. Netanyahu refused."}},
		{"She spoke to Dr. Jones about it.", []string{"She spoke to Dr. Jones about it."}},
		{"Title line\n\nThe story begins here. It goes on!", []string{"Title line", "The story begins here.", "It goes on!"}},
	} {
		got := texts(s, tc.text)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q:\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

func TestRebuild(t *testing.T) {
	const src = "# newdoc id = d1\n# text = Hi.\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n" +
		"# newpar\n# text = Bye\n1\tBye\tbye\tINTJ\tUH\t_\t0\troot\t_\t_\n\n"
	sents, err := conllu.Read(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	docs := Rebuild(sents)
	if len(docs) != 1 || docs[0].Text != "Hi.\n\nBye" || len(docs[0].Starts) != 2 || docs[0].Starts[1] != 5 {
		t.Fatalf("got %+v", docs)
	}
}

// TestTrainShared trains on ../shared and checks the model against the
// floor and against the shipped file (the same data gives the same bytes).
func TestTrainShared(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "nlp")
	if _, err := os.Stat(filepath.Join(dir, ewtTrain)); err != nil {
		t.Skip("../shared/data/nlp not present")
	}
	if testing.Short() {
		t.Skip("short")
	}
	var out bytes.Buffer
	if err := Train(context.Background(), dir, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	devDocs, err := readDocs(dir, ewtDev, gumDev)
	if err != nil {
		t.Fatal(err)
	}
	shippedBytes, err := models.Open(ModelFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), shippedBytes) {
		t.Errorf("trained model differs from models/data/%s: retrain and commit it", ModelFile)
	}
	if f1 := f1Score(shipped(t), devDocs); f1 < 0.95 {
		t.Errorf("dev F1 %.4f < 0.95", f1)
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"", "Dr. Smith left. He did.", "no punct\n\nat all", "U.S. \"Quote.\" (Yes.) Next…", "\xff.\x00 A"} {
		f.Add(s)
	}
	sp, err := Load()
	if err != nil {
		sp = trained(f)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := tokenize.Text(text)
		checkSpans(t, text, toks, sp.Split(text, toks))
	})
}

func BenchmarkSplit(b *testing.B) {
	s := shipped(b)
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed", "rafah-talks.txt"))
	if err != nil {
		b.Skip(err)
	}
	text := string(raw)
	toks := tokenize.Text(text)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		s.Split(text, toks)
	}
	b.ReportMetric(float64(len(toks))*float64(b.N)/b.Elapsed().Seconds(), "tok/s")
}
