package nlp

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"newsgraph/document"
	"newsgraph/internal/cputime"
	"newsgraph/nlp/nlptest"
)

// readSeed returns the seed article's text (../testdata/seed).
func readSeed() (string, error) {
	b, err := os.ReadFile("../testdata/seed/rafah-talks.txt")
	return string(b), err
}

// seedBody is the seed article as extraction leaves it: no title line.
func seedBody(t testing.TB) string {
	t.Helper()
	text, err := readSeed()
	if err != nil {
		t.Fatalf("reading seed: %v", err)
	}
	_, body, _ := strings.Cut(text, "\n\n")
	return body
}

func process(t testing.TB, text string) *document.Document {
	t.Helper()
	doc := &document.Document{Text: text}
	if err := NewWith(nlptest.Places()).Process(context.Background(), doc); err != nil {
		t.Fatalf("Process: %v", err)
	}
	return doc
}

func TestStageSeed(t *testing.T) {
	text, err := readSeed()
	if err != nil {
		t.Fatalf("reading seed: %v", err)
	}
	// The raw file, title line and page furniture included.
	doc := process(t, text)
	if len(doc.Sentences) < 10 {
		t.Errorf("%d sentences, want at least 10", len(doc.Sentences))
	}
	for i, s := range doc.Sentences {
		if s.TokenEnd <= s.TokenStart || doc.Tokens[s.TokenStart].Start != s.Start {
			t.Errorf("sentence %d %+v: token range does not match", i, s)
		}
	}
	got := map[string]string{}
	for _, n := range doc.Names {
		if doc.Text[n.Start:n.End] != n.Text {
			t.Errorf("name %+v: text does not match offsets", n)
		}
		got[n.Text] = n.Type
	}
	for name, typ := range map[string]string{
		"Benjamin Netanyahu": document.TypePerson, "Netanyahu": document.TypePerson,
		"Joe Biden": document.TypePerson, "Karine Jean-Pierre": document.TypePerson,
		"Jean-Pierre": document.TypePerson, "Giorgia Meloni": document.TypePerson,
		"Meloni": document.TypePerson, "White House": document.TypeOrg, "Hamas": document.TypeOrg,
		"Israeli": document.TypeNORP, "Italian": document.TypeNORP, "US": document.TypeNORP,
		"Palestinians": document.TypeNORP, "Washington": document.TypeGPE, "Gaza": document.TypeGPE,
		"Rafah": document.TypeGPE, "Cyprus": document.TypeGPE, "Israel": document.TypeGPE,
	} {
		if got[name] != typ {
			t.Errorf("name %q: type %q, want %q", name, got[name], typ)
		}
	}
	for _, bad := range []string{"Advertisment", "Facebook", "Search", "Briefing", "Details",
		"The White House", "She", "In", "More", "Tuesday", "We", "Prime Minister", "President"} {
		if typ, ok := got[bad]; ok {
			t.Errorf("found name %q (%s), want none", bad, typ)
		}
	}
}

func TestStageErrors(t *testing.T) {
	s := New()
	if s.Name() != "nlp" {
		t.Errorf("Name() = %q", s.Name())
	}
	if err := s.Process(context.Background(), nil); err == nil {
		t.Error("Process(nil) succeeded")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Process(ctx, &document.Document{Text: "x"}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Process = %v, want context.Canceled", err)
	}
	doc := &document.Document{}
	if err := s.Process(context.Background(), doc); err != nil || len(doc.Tokens)+len(doc.Sentences)+len(doc.Names) != 0 {
		t.Errorf("empty text: err %v, %d tokens", err, len(doc.Tokens))
	}
}

// BenchmarkNLP measures the whole stage over the seed article (the models:
// tokenizer, sentence splitter, tagger, parser and recogniser), and
// reports tokens per second. Run it with GOMAXPROCS=1 for one core.
func BenchmarkNLP(b *testing.B) {
	text := seedBody(b)
	s := New()
	ntok := len(Tokenize(text))
	b.ReportAllocs()
	cpu := cputime.Used()
	for b.Loop() {
		doc := &document.Document{Text: text}
		if err := s.Process(context.Background(), doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(ntok*b.N)/b.Elapsed().Seconds(), "tokens/s")
	// On a shared machine wall time counts other people's work too.
	if used := cputime.Used() - cpu; used > 0 {
		b.ReportMetric(float64(ntok*b.N)/used.Seconds(), "tokens/cpu-s")
	}
}

// BenchmarkTokenize measures the tokenizer alone.
func BenchmarkTokenize(b *testing.B) {
	text := seedBody(b)
	ntok := len(Tokenize(text))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Tokenize(text)
	}
	b.ReportMetric(float64(ntok*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func TestLongCapitalisedRuns(t *testing.T) {
	// Runs of capitalised words are cut into bounded pieces, so that a
	// shouted or title-cased text costs linear time.
	s := NewWith(nlptest.Places())
	for _, text := range []string{
		strings.Repeat("President ", 5000),
		strings.Repeat("Israeli ", 5000),
		strings.Repeat("Bank of ", 5000),
	} {
		start := time.Now()
		doc := &document.Document{Text: text}
		if err := s.Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%q…: took %v", text[:20], d)
		}
	}
}

func TestProcessFindsNoNamesInOtherLanguages(t *testing.T) {
	doc := &document.Document{Language: "de", Text: "Ihre Ausbildung erhielt sie im Internat Schloss Marquartstein. Die Organisatorin lebte in Wien."}
	if err := New().Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Tokens) == 0 || len(doc.Sentences) != 2 {
		t.Errorf("German text not tokenised: %d tokens, %d sentences", len(doc.Tokens), len(doc.Sentences))
	}
	if len(doc.Names) != 0 {
		t.Errorf("names found in German text: %v", doc.Names)
	}
}
