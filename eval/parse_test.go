package eval

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsgraph/nlp/parser"
)

const parseTreebank = `# newdoc id = GUM_news_x
# sent_id = 1
1	John	John	PROPN	NNP	_	2	nsubj	_	_
2	saw	see	VERB	VBD	_	0	root	_	_
3	Mary	Mary	PROPN	NNP	_	2	obj	_	_
4	.	.	PUNCT	.	_	2	punct	_	_

# sent_id = 2
1	Hello	hello	INTJ	UH	_	0	root	_	_

`

func TestParsePart(t *testing.T) {
	if _, err := parser.Load(); errors.Is(err, fs.ErrNotExist) {
		t.Skip("no parser model in models/data; skipping")
	}
	dir := t.TempDir()
	for _, path := range []string{"ud-ewt/en_ewt-ud-test.conllu", "ud-gum/en_gum-ud-test.conllu"} {
		full := filepath.Join(dir, "nlp", path)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(parseTreebank), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	defer func(f func() (tagFunc, error)) { loadTagger = f }(loadTagger)
	noTagger := func() (tagFunc, error) { return nil, fs.ErrNotExist }
	// goldish tags the two test sentences as the treebank does.
	goldish := func() (tagFunc, error) {
		return func(words []string) (upos, xpos []string) {
			if len(words) == 1 {
				return []string{"INTJ"}, []string{"UH"}
			}
			return []string{"PROPN", "VERB", "PROPN", "PUNCT"}, []string{"NNP", "VBD", "NNP", "."}
		}, nil
	}
	broken := func() (tagFunc, error) { return nil, errors.New("corrupt") }
	tests := []struct {
		name     string
		dir      string
		tagger   func() (tagFunc, error)
		wantNote string
		wantErr  bool
	}{
		{"nlp folder", filepath.Join(dir, "nlp"), goldish, "predicted tags", false},
		{"data folder", dir, noTagger, "gold tags", false},
		{"missing", filepath.Join(dir, "missing"), noTagger, "missing", false},
		{"broken tagger", dir, broken, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loadTagger = tt.tagger
			rep := &Report{}
			err := parsePart(context.Background(), tt.dir, Options{}, rep)
			if (err != nil) != tt.wantErr {
				t.Fatalf("parsePart: %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if tt.wantNote == "missing" {
				if len(rep.Metrics) != 0 || len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0], "missing") {
					t.Errorf("missing data gave metrics %v, notes %q", rep.Metrics, rep.Notes)
				}
				return
			}
			for _, m := range []string{"ewt_test_uas", "ewt_test_las", "ewt_test_uas_goldtags", "ewt_test_las_goldtags", "gum_test_uas", "gum_test_las"} {
				v, ok := rep.Metrics[m]
				if !ok || v < 0 || v > 1 {
					t.Errorf("%s = %v (present %v), want a fraction", m, v, ok)
				}
			}
			if rep.Metrics["parser_tokens_per_s"] <= 0 {
				t.Errorf("parser_tokens_per_s = %v", rep.Metrics["parser_tokens_per_s"])
			}
			if tt.name == "nlp folder" && rep.Metrics["ewt_test_uas"] != rep.Metrics["ewt_test_uas_goldtags"] {
				t.Errorf("gold-equal predicted tags gave UAS %v, gold tags %v", rep.Metrics["ewt_test_uas"], rep.Metrics["ewt_test_uas_goldtags"])
			}
			if len(rep.Notes) == 0 || !strings.Contains(rep.Notes[0], tt.wantNote) {
				t.Errorf("notes %q do not say which tags were used", rep.Notes)
			}
		})
	}
}

func TestFracOf(t *testing.T) {
	tests := []struct {
		a, b int
		want float64
	}{{0, 0, 0}, {1, 2, 0.5}, {3, 3, 1}}
	for _, tt := range tests {
		if got := fracOf(tt.a, tt.b); got != tt.want {
			t.Errorf("fracOf(%d, %d) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
