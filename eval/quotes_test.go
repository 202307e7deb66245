package eval

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// polnearText has a multi-byte character before the annotated spans, so
// that character offsets and byte offsets differ.
const polnearText = "Café news.\n\n“We will win,” Smith said. Jones said the vote was rigged."

// polnearAnn marks, in characters, the direct quote (content "We will
// win,"), cue "said" and source "Smith", and the indirect one by Jones.
const polnearAnn = "T1\tSource 27 32\tSmith\n" +
	"T2\tCue 33 37\tsaid\n" +
	"T3\tContent 13 25\tWe will win,\n" +
	"T4\tAttribution 33 37\tsaid\n" +
	"E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n" +
	"#1\tAnnotatorNotes T1\ta note\n" +
	"T5\tSource 39 44\tJones\n" +
	"T6\tCue 45 49\tsaid\n" +
	"T7\tContent 50 70\tthe vote was rigged.\n" +
	"E2\tAttribution-no-source:T6 Content:T7 Cue:T6 Source:T5\n"

func TestParseBrat(t *testing.T) {
	attrs, err := parseBrat([]byte(polnearAnn), polnearText)
	if err != nil {
		t.Fatal(err)
	}
	if len(attrs) != 2 {
		t.Fatalf("got %d attributions, want 2", len(attrs))
	}
	get := func(s []byteSpan) string { return polnearText[s[0].Start:s[0].End] }
	if got := get(attrs[0].Source); got != "Smith" {
		t.Errorf("source %q, want Smith (character offsets turned into bytes)", got)
	}
	if got := get(attrs[0].Content); got != "We will win," {
		t.Errorf("content %q", got)
	}
	if got := get(attrs[1].Content); got != "the vote was rigged." {
		t.Errorf("content %q", got)
	}
	for _, bad := range []string{"T1\tSource 5\tx\n", "T1\tSource 1 999\tx\n", "E1\tAttribution:T9 Content:T9\n", "E1\tAttribution\n"} {
		if _, err := parseBrat([]byte(bad), polnearText); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestScoreQuotes(t *testing.T) {
	text := "Smith said the vote was rigged and the count was wrong. Jones agreed."
	w := newWordIndex(text)
	span := func(s string) byteSpan {
		i := strings.Index(text, s)
		return byteSpan{i, i + len(s)}
	}
	gold := []quoteItem{{
		content: w.words(span("the vote was rigged and the count was wrong")),
		cue:     w.words(span("said")),
		source:  []byteSpan{span("Smith")},
		speech:  true,
	}}
	tests := []struct {
		name                   string
		pred                   quoteItem
		exact, overlap, source int
		cue                    int
	}{
		{"exact", quoteItem{content: w.words(span("the vote was rigged and the count was wrong.")), cue: w.words(span("said")), source: []byteSpan{span("Smith")}}, 1, 1, 1, 1},
		{"overlap, wrong source", quoteItem{content: w.words(span("the vote was rigged and the count")), cue: w.words(span("said")), source: []byteSpan{span("Jones")}}, 0, 1, 0, 1},
		{"too little overlap", quoteItem{content: w.words(span("the vote was rigged")), source: []byteSpan{span("Smith")}}, 0, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sc := scoreQuotes(w, gold, []quoteItem{tc.pred})
			a := sc.all
			if a.exact != tc.exact || a.overlap != tc.overlap || a.sourceRight != tc.source || a.cueMatch != tc.cue {
				t.Errorf("exact %d overlap %d source %d cue %d, want %d %d %d %d",
					a.exact, a.overlap, a.sourceRight, a.cueMatch, tc.exact, tc.overlap, tc.source, tc.cue)
			}
			if a.gold != 1 || a.pred != 1 {
				t.Errorf("gold %d pred %d, want 1 1", a.gold, a.pred)
			}
		})
	}
}

func TestIsSpeech(t *testing.T) {
	text := "Voters believe it. Smith said so. The poll shows “a lead”."
	at := func(s string) []byteSpan {
		i := strings.Index(text, s)
		return []byteSpan{{i, i + len(s)}}
	}
	if isSpeech(text, goldAttribution{Cue: at("believe"), Content: at("it")}) {
		t.Error("believe is not speech")
	}
	if !isSpeech(text, goldAttribution{Cue: at("said"), Content: at("so")}) {
		t.Error("said is speech")
	}
	if !isSpeech(text, goldAttribution{Cue: at("shows"), Content: at("“a lead”")}) {
		t.Error("a quotation is speech")
	}
}

func TestBaselineQuotes(t *testing.T) {
	text := "“We will win the vote,” Smith said.\n\nNo quote here, Jones said."
	got := baselineQuotes(newWordIndex(text))
	if len(got) != 1 || got[0].cueText != "said" || got[0].srcText != "Smith" {
		t.Fatalf("got %+v, want one quote said by Smith", got)
	}
}

// TestRunQuotes runs the suite on a one-article corpus laid out as
// PolNeAR is.
func TestRunQuotes(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"text", "attributions"} {
		if err := os.MkdirAll(filepath.Join(dir, "dev", sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(dir, "dev", name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("text/a-news.txt", polnearText)
	write("attributions/a-news_ab12.ann", polnearAnn)
	write("attributions/a-news_cd34.ann", "") // a second annotator: not read
	out := t.TempDir()
	rep, err := runQuotes(context.Background(), dir, Options{Split: "dev", Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Metrics["articles"] != 1 || rep.Metrics["gold_attributions"] != 2 {
		t.Errorf("articles %v, gold %v", rep.Metrics["articles"], rep.Metrics["gold_attributions"])
	}
	if f := rep.Metrics["speech_content_overlap_f1"]; f < 0.99 {
		t.Errorf("speech overlap F1 %v on two plain quotes, want 1", f)
	}
	if _, ok := rep.Baselines[baselineName]["speech_content_overlap_f1"]; !ok {
		t.Error("no baseline figures")
	}
	if _, err := os.Stat(filepath.Join(out, "quotes-dev.jsonl")); err != nil {
		t.Errorf("no per-article file: %v", err)
	}
	if _, err := runQuotes(context.Background(), t.TempDir(), Options{}); err == nil {
		t.Error("no error for an empty folder")
	}
}
