package eval

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"

	"newsgraph/geo/gazetteer"
	"newsgraph/nlp"
	"newsgraph/nlp/ner"
)

func TestNERTypeMaps(t *testing.T) {
	tests := []struct {
		fn       func(string) string
		in, want string
	}{
		{wnutType, "person", "PER"},
		{wnutType, "location", "LOC"},
		{wnutType, "corporation", "ORG"},
		{wnutType, "group", "ORG"},
		{wnutType, "product", "MISC"},
		{wnutType, "creative-work", "MISC"},
		{wnutType, "PER", ""},
		{rulesType, "PERSON", "PER"},
		{rulesType, "GPE", "LOC"},
		{rulesType, "LOC", "LOC"},
		{rulesType, "NORP", "MISC"},
		{rulesType, "EVENT", ""},
		{proseType, "GPE", "LOC"},
		{proseType, "GSP", "LOC"},
		{proseType, "PERSON", "PER"},
		{proseType, "ORGANIZATION", "ORG"},
		{proseType, "DATE", ""},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("map %q = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIOBSpans(t *testing.T) {
	tests := []struct {
		labels []string
		want   []ner.Span
	}{
		{[]string{"B-PERSON", "I-PERSON", "O", "B-GPE"}, []ner.Span{sp(0, 2, "PER"), sp(3, 4, "LOC")}},
		{[]string{"", "I-ORGANIZATION", "B-ORGANIZATION", "B-DATE"}, []ner.Span{sp(1, 2, "ORG"), sp(2, 3, "ORG")}},
		{nil, nil},
	}
	for _, tt := range tests {
		if got := iobSpans(tt.labels, proseType); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("iobSpans(%q) = %v, want %v", tt.labels, got, tt.want)
		}
	}
}

func TestNERDocuments(t *testing.T) {
	docs := []ner.Document{{
		{Words: []string{"a", "Paris"}, Spans: []ner.Span{sp(1, 2, "location")}},
		{Words: []string{"b"}, Spans: []ner.Span{sp(0, 1, "date")}},
	}, {
		{Words: []string{"c"}},
	}}
	got := nerDocuments(docs, true, wnutType, 0)
	want := []ner.Document{
		{{Words: []string{"a", "Paris"}, Spans: []ner.Span{sp(1, 2, "LOC")}}},
		{{Words: []string{"b"}, Spans: []ner.Span{}}},
		{{Words: []string{"c"}, Spans: []ner.Span{}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("per sentence = %+v, want %+v", got, want)
	}
	if got := nerDocuments(docs, false, sameType, 1); len(got) != 1 || len(got[0]) != 2 {
		t.Errorf("whole documents, limit 1 = %+v", got)
	}
}

func TestRulesFind(t *testing.T) {
	words := strings.Fields("Prime Minister Benjamin Netanyahu spoke in Jerusalem .")
	got, err := rulesFind(context.Background(), nlp.NewWith(gazetteer.Default()), words)
	if err != nil {
		t.Fatal(err)
	}
	want := map[ner.Span]bool{sp(2, 4, "PER"): true, sp(6, 7, "LOC"): true}
	for _, s := range got {
		if !want[s] {
			t.Errorf("rulesFind gave %v, not among %v", s, want)
		}
	}
}

func TestProseFind(t *testing.T) {
	words := strings.Fields("Barack Obama visited Paris .")
	got, err := proseFind(prose.ModelFromData("prose-default"), words)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range got {
		if s.Start < 0 || s.End > len(words) || s.Start >= s.End {
			t.Errorf("proseFind gave bad span %v", s)
		}
	}
}

// TestNERPart runs the part on a tiny corpus in each format and checks
// that every metric is there and that missing sets are noted.
func TestNERPart(t *testing.T) {
	if _, err := ner.Load(); err != nil {
		t.Skipf("no name recogniser model in models/data (%v); skipping", err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"conll2003/eng.testa":      "-DOCSTART- -X- O O\n\nAngela NNP I-NP I-PER\nMerkel NNP I-NP I-PER\nvisited VBD I-VP O\nParis NNP I-NP I-LOC\n. . O O\n",
		"wikigold/wikigold.conllu": "0\tSiemens\tB-ORG\n1\tis\tO\n2\tin\tO\n3\tMunich\tB-LOC\n",
	}
	for path, text := range files {
		full := filepath.Join(dir, path)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep := &Report{}
	if err := nerPart(context.Background(), dir, Options{}, rep); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"conll_dev_f1", "conll_dev_precision", "conll_dev_recall", "conll_dev_f1_PER", "conll_dev_f1_MISC", "wikigold_f1", "ner_tokens_per_s"} {
		if _, ok := rep.Metrics[m]; !ok {
			t.Errorf("metric %s missing", m)
		}
	}
	if _, ok := rep.Metrics["wnut17_test_f1"]; ok {
		t.Error("wnut17_test_f1 reported without its data")
	}
	if _, ok := rep.Baselines[rulesName]["conll_dev_f1"]; !ok {
		t.Error("rules baseline missing")
	}
	if _, ok := rep.Baselines[proseName]["wikigold_f1"]; !ok {
		t.Error("prose baseline missing")
	}
	if !strings.Contains(strings.Join(rep.Notes, "\n"), "wnut17_test") {
		t.Errorf("no note on the missing WNUT-17 set: %q", rep.Notes)
	}
}

func sp(start, end int, typ string) ner.Span { return ner.Span{Start: start, End: end, Type: typ} }
