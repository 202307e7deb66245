package ner

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestEncodeDecode(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		spans []Span
	}{
		{"none", 3, nil},
		{"unit", 3, []Span{{1, 2, "LOC"}}},
		{"multi", 4, []Span{{0, 3, "PER"}}},
		{"adjacent same type", 4, []Span{{0, 2, "ORG"}, {2, 4, "ORG"}}},
		{"mixed", 6, []Span{{0, 1, "MISC"}, {2, 5, "ORG"}, {5, 6, "LOC"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := decode(encode(tt.n, tt.spans))
			if !reflect.DeepEqual(got, tt.spans) {
				t.Errorf("decode(encode(%v)) = %v", tt.spans, got)
			}
		})
	}
}

func TestDecodeIllFormed(t *testing.T) {
	B, I, L, U := func(ty int) int { return classOf(ty, posB) }, func(ty int) int { return classOf(ty, posI) },
		func(ty int) int { return classOf(ty, posL) }, func(ty int) int { return classOf(ty, posU) }
	tests := []struct {
		name string
		tags []int
		want []Span
	}{
		{"open at end", []int{0, B(0), I(0)}, []Span{{1, 3, "PER"}}},
		{"inside without begin", []int{I(1), L(1), 0}, []Span{{0, 2, "ORG"}}},
		{"type change", []int{B(0), L(2)}, []Span{{0, 1, "PER"}, {1, 2, "LOC"}}},
		{"unit after open", []int{B(3), U(3)}, []Span{{0, 1, "MISC"}, {1, 2, "MISC"}}},
		{"empty", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := decode(tt.tags); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("decode = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAllowed(t *testing.T) {
	tests := []struct {
		prev, cur int
		want      bool
	}{
		{0, 0, true},
		{0, classOf(0, posB), true},
		{0, classOf(0, posI), false},
		{0, classOf(0, posL), false},
		{classOf(1, posB), classOf(1, posI), true},
		{classOf(1, posB), classOf(1, posL), true},
		{classOf(1, posB), classOf(2, posL), false},
		{classOf(1, posB), 0, false},
		{classOf(1, posI), classOf(1, posU), false},
		{classOf(1, posL), classOf(1, posU), true},
		{classOf(1, posU), classOf(3, posB), true},
	}
	for _, tt := range tests {
		if got := allowed(tt.prev, tt.cur); got != tt.want {
			t.Errorf("allowed(%s, %s) = %v, want %v", classNames[tt.prev], classNames[tt.cur], got, tt.want)
		}
	}
}

func TestRead(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Document
	}{
		{"conll IOB1 with documents", "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\n" +
			"-DOCSTART- -X- O O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nSmith NNP I-NP B-PER\n",
			[]Document{
				{{Words: []string{"EU", "rejects", "German"}, Spans: []Span{{0, 1, "ORG"}, {2, 3, "MISC"}}}},
				{{Words: []string{"Peter", "Blackburn", "Smith"}, Spans: []Span{{0, 2, "PER"}, {2, 3, "PER"}}}},
			}},
		{"wikigold index column IOB2", "0\tThe\tO\n1\t139th\tB-ORG\n2\tRegiment\tI-ORG\n\n0\t-DOCSTART-\tO\n\n0\tOslo\tB-LOC\n",
			[]Document{
				{{Words: []string{"The", "139th", "Regiment"}, Spans: []Span{{1, 3, "ORG"}}}},
				{{Words: []string{"Oslo"}, Spans: []Span{{0, 1, "LOC"}}}},
			}},
		{"wnut and wikiann", "en:Sioux\tB-ORG\nen:Falls\tI-ORG\n@paul\tB-person\n\n\n",
			[]Document{{{Words: []string{"Sioux", "Falls", "@paul"}, Spans: []Span{{0, 2, "ORG"}, {2, 3, "person"}}}}}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Read = %+v,\nwant %+v", got, tt.want)
			}
		})
	}
	if _, err := Read(strings.NewReader("lonely\n")); err == nil {
		t.Error("Read of a line without a tag: no error")
	}
}

func TestScore(t *testing.T) {
	var s Score
	s.Add([]Span{{0, 2, "PER"}, {3, 4, "LOC"}}, []Span{{0, 2, "PER"}, {3, 4, "ORG"}})
	s.Add([]Span{{1, 2, "ORG"}}, []Span{{1, 2, "ORG"}, {0, 1, "MISC"}})
	s.Add([]Span{{0, 1, "LOC"}}, nil)
	tests := []struct {
		typ     string
		p, r, f float64
	}{
		{"", 2.0 / 4, 2.0 / 4, 0.5},
		{"PER", 1, 1, 1},
		{"LOC", 0, 0, 0},
		{"ORG", 0.5, 1, 2.0 / 3},
		{"MISC", 0, 0, 0},
	}
	for _, tt := range tests {
		p, r, f := s.PRF(tt.typ)
		if !near(p, tt.p) || !near(r, tt.r) || !near(f, tt.f) {
			t.Errorf("PRF(%q) = %.3f %.3f %.3f, want %.3f %.3f %.3f", tt.typ, p, r, f, tt.p, tt.r, tt.f)
		}
	}
	if got, want := s.Types(), []string{"LOC", "MISC", "ORG", "PER"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Types = %v, want %v", got, want)
	}
	var empty Score
	if p, r, f := empty.PRF(""); p != 0 || r != 0 || f != 0 {
		t.Errorf("empty PRF = %v %v %v", p, r, f)
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestShape(t *testing.T) {
	tests := map[string]string{
		"McDonald's": "XxXx'x", "1996-08-22": "d-d-d", "U.S.": "X.X.", "obama": "x",
		"": "", "Zürich": "Xx", "東京": "x", "€5": "*d",
	}
	for in, want := range tests {
		if got := shape(in); got != want {
			t.Errorf("shape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClusters(t *testing.T) {
	c, err := loadClusters()
	if err != nil {
		t.Fatal(err)
	}
	if got := c.of("monday"); len(got) != 3 {
		t.Errorf("clusters of monday = %v, want three levels", got)
	}
	if a, b := c.of("monday"), c.of("tuesday"); len(a) == 0 || len(b) == 0 || a[0] != b[0] {
		t.Errorf("monday %v and tuesday %v in different fine clusters", a, b)
	}
	if got := c.of("no-such-word-xyzzy"); got != nil {
		t.Errorf("unknown word has clusters %v", got)
	}
	if _, err := parseClusters([]byte("not gzip")); err == nil {
		t.Error("parseClusters of junk: no error")
	}
}

// loadShipped returns the shipped recogniser, skipping when this build
// has no model.
func loadShipped(t testing.TB) *Recognizer {
	t.Helper()
	r, err := Load()
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no shipped model (models/data/ner.model.gz)")
	}
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestFind(t *testing.T) {
	r := loadShipped(t)
	tests := []struct {
		sentence string
		want     []Span
	}{
		{"Angela Merkel met executives of Siemens in Berlin on Monday .",
			[]Span{{0, 2, "PER"}, {5, 6, "ORG"}, {7, 8, "LOC"}}},
		{"The European Union and the United Nations sent aid to Gaza .",
			[]Span{{1, 3, "ORG"}, {5, 7, "ORG"}, {10, 11, "LOC"}}},
		{"He said it would rain .", nil},
	}
	for _, tt := range tests {
		got := r.Find(strings.Fields(tt.sentence))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Find(%q) = %v, want %v", tt.sentence, got, tt.want)
		}
	}
}

func TestFindOddInput(t *testing.T) {
	r := loadShipped(t)
	long := make([]string, 5000)
	for i := range long {
		long[i] = []string{"The", "Bank", "of", "England", ",", "ÉCOLE", "de", "PARIS", ""}[i%9]
	}
	inputs := [][]string{nil, {}, {""}, {"\x00", "\xff\xfe"}, {strings.Repeat("A", 10000)}, {"-DOCSTART-"}, long}
	for _, in := range inputs {
		for _, s := range r.Find(in) {
			if s.Start < 0 || s.End > len(in) || s.Start >= s.End || typeIndex(s.Type) < 0 {
				t.Errorf("Find(%.40q) gave bad span %v", in, s)
			}
		}
	}
	if got := r.FindDoc(nil); len(got) != 0 {
		t.Errorf("FindDoc(nil) = %v", got)
	}
	if got := r.FindDoc([][]string{nil, {"Paris"}}); len(got) != 2 || got[0] != nil {
		t.Errorf("FindDoc with an empty sentence = %v", got)
	}
}

func FuzzFind(f *testing.F) {
	r, err := Load()
	if err != nil {
		f.Skip("no shipped model")
	}
	f.Add("Angela Merkel visited Paris .")
	f.Add("THE BANK OF ENGLAND\tsaid")
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Fields(s)
		for _, sp := range r.Find(words) {
			if sp.Start < 0 || sp.End > len(words) || sp.Start >= sp.End {
				t.Fatalf("bad span %v for %q", sp, words)
			}
		}
	})
}

// TestDocumentConsistency checks that FindDoc reads a repeated name as
// the document did before, where Find alone has less to go on.
func TestFindDocConsistency(t *testing.T) {
	r := loadShipped(t)
	doc := [][]string{
		strings.Fields("Prime Minister Rishi Sunak spoke in London on Tuesday ."),
		strings.Fields("Sunak said the talks would go on ."),
	}
	got := r.FindDoc(doc)
	if want := []Span{{0, 1, "PER"}}; !reflect.DeepEqual(got[1], want) {
		t.Errorf("FindDoc second sentence = %v, want %v", got[1], want)
	}
}

func TestTrainSmall(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "conll2003"), 0o755); err != nil {
		t.Fatal(err)
	}
	corpus := "-DOCSTART- -X- O O\n\nJohn NNP I-NP I-PER\nlives VBZ I-VP O\nin IN I-PP O\nParis NNP I-NP I-LOC\n. . O O\n\n" +
		"Acme NNP I-NP I-ORG\nhired VBD I-VP O\nMary NNP I-NP I-PER\n. . O O\n"
	if err := os.WriteFile(filepath.Join(dir, "conll2003", "eng.train"), []byte(corpus), 0o644); err != nil {
		t.Fatal(err)
	}
	var a, b, log bytes.Buffer
	if err := Train(context.Background(), dir, &a, &log); err != nil {
		t.Fatal(err)
	}
	if err := Train(context.Background(), dir, &b, &log); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two training runs gave different models")
	}
	r, err := Parse(a.Bytes())
	if err != nil {
		t.Fatalf("Parse of a trained model: %v", err)
	}
	r.Find(strings.Fields("Mary lives in Paris ."))
	if _, err := Parse([]byte("junk")); err == nil {
		t.Error("Parse of junk: no error")
	}
	if !strings.Contains(log.String(), "no dev set") {
		t.Errorf("log does not mention the missing dev set:\n%s", log.String())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Train(ctx, dir, &bytes.Buffer{}, &log); !errors.Is(err, context.Canceled) {
		t.Errorf("Train with a cancelled context: %v", err)
	}
	if err := Train(context.Background(), t.TempDir(), &bytes.Buffer{}, &log); err == nil {
		t.Error("Train without data: no error")
	}
}

func TestDevF1(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "data", "nlp", "conll2003", "eng.testa")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("CoNLL-2003 dev set not found (%s): skipping", path)
	}
	r := loadShipped(t)
	docs, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var sc Score
	for _, d := range docs[:min(len(docs), 60)] {
		words := make([][]string, len(d))
		for i, s := range d {
			words[i] = s.Words
		}
		for i, found := range r.FindDoc(words) {
			sc.Add(d[i].Spans, found)
		}
	}
	if _, _, f := sc.PRF(""); f < 0.85 {
		t.Errorf("dev F1 on the first 60 documents = %.3f, want at least 0.85", f)
	}
}

func BenchmarkFindDoc(b *testing.B) {
	r := loadShipped(b)
	text, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed", "rafah-talks.txt"))
	if err != nil {
		b.Fatal(err)
	}
	var doc [][]string
	n := 0
	for _, line := range strings.Split(string(text), "\n") {
		if w := strings.Fields(line); len(w) > 0 {
			doc = append(doc, w)
			n += len(w)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		r.FindDoc(doc)
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tokens/s")
}
