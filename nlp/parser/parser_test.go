package parser

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
	"time"

	"newsgraph/internal/cputime"
	"newsgraph/nlp/perceptron"
)

// emptyParser has no weights: it parses by tie-breaking alone, which is
// enough to test that every input gives a tree.
func emptyParser(t testing.TB) *Parser {
	t.Helper()
	p, err := fromModels(perceptron.NewTrainer(transitionNames).Average(0), perceptron.NewTrainer([]string{"nsubj", rootLabel, "obj"}).Average(0))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// checkTree fails unless heads form a tree over n words with one root.
func checkTree(t *testing.T, heads []int, labels []string, n int) {
	t.Helper()
	if len(heads) != n || len(labels) != n {
		t.Fatalf("got %d heads, %d labels for %d words", len(heads), len(labels), n)
	}
	roots := 0
	for i, h := range heads {
		if h < 0 || h > n || h == i+1 {
			t.Fatalf("word %d: head %d", i+1, h)
		}
		if h == 0 {
			roots++
			if labels[i] != rootLabel {
				t.Errorf("word %d: root with label %q", i+1, labels[i])
			}
		} else if labels[i] == rootLabel {
			t.Errorf("word %d: label root under head %d", i+1, h)
		}
		// Walk up; more than n steps means a cycle.
		for a, steps := i+1, 0; a != 0; steps++ {
			if steps > n {
				t.Fatalf("word %d: cycle", i+1)
			}
			a = heads[a-1]
		}
	}
	if n > 0 && roots != 1 {
		t.Fatalf("%d roots", roots)
	}
}

func words(n int) []string {
	w := make([]string, n)
	for i := range w {
		w[i] = []string{"The", "cat", "sat", "on", "the", "mat", ".", "42", "Ünïcode", ""}[i%10]
	}
	return w
}

func TestParseAnyInput(t *testing.T) {
	parsers := map[string]*Parser{"empty": emptyParser(t)}
	if p, err := Load(); err == nil {
		parsers["shipped"] = p
	} else if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Load: %v", err)
	}
	tests := []struct {
		name       string
		words      []string
		upos, xpos []string
	}{
		{"empty", nil, nil, nil},
		{"one word", []string{"Hello"}, []string{"INTJ"}, []string{"UH"}},
		{"two words", []string{"Obama", "spoke"}, []string{"PROPN", "VERB"}, []string{"NNP", "VBD"}},
		{"no tags", words(12), nil, nil},
		{"short tags", words(12), []string{"DET"}, []string{"DT", "NN"}},
		{"long", words(500), nil, nil},
	}
	for pname, p := range parsers {
		for _, tt := range tests {
			t.Run(pname+"/"+tt.name, func(t *testing.T) {
				heads, labels := p.Parse(tt.words, tt.upos, tt.xpos)
				checkTree(t, heads, labels, len(tt.words))
			})
		}
	}
}

func TestEncodeDecode(t *testing.T) {
	tr := perceptron.NewTrainer(transitionNames)
	tr.Tick()
	tr.Update([]perceptron.Feature{1, 2}, left, shift)
	tr.Tick() // averaging counts the update once a step has passed
	lt := perceptron.NewTrainer([]string{"nsubj", rootLabel})
	lt.Tick()
	lt.Update([]perceptron.Feature{3}, 0, 1)
	lt.Tick()
	p, err := fromModels(tr.Average(0), lt.Average(0))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := p.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	q, err := Decode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if q.trans.NumFeatures() != 2 || q.label.NumFeatures() != 1 || q.root != 1 {
		t.Errorf("decoded %d+%d features, root %d; want 2+1, 1", q.trans.NumFeatures(), q.label.NumFeatures(), q.root)
	}
	for _, bad := range [][]byte{nil, []byte("junk"), buf.Bytes()[:buf.Len()/2]} {
		if _, err := Decode(bytes.NewReader(bad)); err == nil {
			t.Errorf("Decode(%d bytes) succeeded", len(bad))
		}
	}
}

func TestProjectivize(t *testing.T) {
	tests := []struct {
		name  string
		heads []int
		want  []int
		ok    bool
	}{
		{"projective", []int{2, 0, 2}, []int{2, 0, 2}, true},
		// 1←3 crosses 2→4: the shorter crossing arc is lifted.
		{"crossing", []int{3, 0, 2, 2}, []int{2, 0, 2, 2}, true},
		{"two roots", []int{0, 0}, nil, false},
		{"no root", []int{2, 1}, nil, false},
		{"out of range", []int{0, 7}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := projectivize(tt.heads)
			if ok != tt.ok || (ok && !equalInts(got, tt.want)) {
				t.Errorf("projectivize(%v) = %v, %v; want %v, %v", tt.heads, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestOracle follows zero-cost transitions and must rebuild every
// projective tree exactly: the dynamic oracle is exact there.
func TestOracle(t *testing.T) {
	trees := [][]int{
		{0},
		{2, 0},
		{0, 1},
		{2, 0, 2},
		{2, 3, 0, 3, 6, 4, 3},
		{0, 1, 2, 3, 4},
		{5, 5, 5, 5, 0},
		{3, 3, 4, 0, 6, 4, 8, 4, 4},
	}
	for _, gold := range trees {
		n := len(gold)
		heads := append([]int{-1}, gold...)
		st := newState(n)
		for steps := 0; !st.terminal(); steps++ {
			if steps > 2*n {
				t.Fatalf("%v: no end", gold)
			}
			c := st.costs(heads)
			next := -1
			for tr := range numTransitions {
				if st.valid(tr) && c[tr] == 0 {
					next = tr
					break
				}
			}
			if next < 0 {
				t.Fatalf("%v: no zero-cost transition, costs %v", gold, c)
			}
			st.apply(next, 0)
		}
		if !equalInts(st.heads[1:], gold) {
			t.Errorf("oracle built %v, want %v", st.heads[1:], gold)
		}
	}
}

func TestScore(t *testing.T) {
	tests := []struct {
		name                 string
		gh                   []int
		gl                   []string
		ph                   []int
		pl                   []string
		words, heads, labels int
		labelsFull           int
		wantUAS, wantLAS     float64
	}{
		{"perfect", []int{2, 0}, []string{"nsubj", "root"}, []int{2, 0}, []string{"nsubj", "root"}, 2, 2, 2, 2, 100, 100},
		{"wrong label", []int{2, 0}, []string{"nsubj", "root"}, []int{2, 0}, []string{"obj", "root"}, 2, 2, 1, 1, 100, 50},
		{"subtype", []int{2, 0}, []string{"nsubj:pass", "root"}, []int{2, 0}, []string{"nsubj", "root"}, 2, 2, 2, 1, 100, 100},
		{"wrong head", []int{2, 0, 2}, []string{"nsubj", "root", "punct"}, []int{3, 0, 2}, []string{"nsubj", "root", "punct"}, 3, 2, 2, 2, 66.66666666666667, 66.66666666666667},
		{"short prediction", []int{2, 0}, []string{"nsubj", "root"}, nil, nil, 2, 0, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s Score
			s.Add(tt.gh, tt.gl, tt.ph, tt.pl)
			want := Score{Words: tt.words, Heads: tt.heads, Labels: tt.labels, LabelsFull: tt.labelsFull}
			if s != want || s.UAS() != tt.wantUAS || s.LAS() != tt.wantLAS {
				t.Errorf("got %+v UAS %v LAS %v; want %+v UAS %v LAS %v", s, s.UAS(), s.LAS(), want, tt.wantUAS, tt.wantLAS)
			}
		})
	}
	if (Score{}).UAS() != 0 {
		t.Error("empty score not 0")
	}
}

// tinyTreebank is a few sentences in CoNLL-U, for training end to end.
const tinyTreebank = `# sent_id = 1
1	John	John	PROPN	NNP	_	2	nsubj	_	_
2	saw	see	VERB	VBD	_	0	root	_	_
3	Mary	Mary	PROPN	NNP	_	2	obj	_	_
4	.	.	PUNCT	.	_	2	punct	_	_

# sent_id = 2
1	The	the	DET	DT	_	2	det	_	_
2	dog	dog	NOUN	NN	_	3	nsubj	_	_
3	barked	bark	VERB	VBD	_	0	root	_	_
4	loudly	loudly	ADV	RB	_	3	advmod	_	_
5	.	.	PUNCT	.	_	3	punct	_	_

# sent_id = 3
1	Mary	Mary	PROPN	NNP	_	2	nsubj	_	_
2	likes	like	VERB	VBZ	_	0	root	_	_
3	the	the	DET	DT	_	4	det	_	_
4	dog	dog	NOUN	NN	_	2	obj	_	_
5	.	.	PUNCT	.	_	2	punct	_	_

`

func TestTrainTiny(t *testing.T) {
	dir := t.TempDir()
	ewt := filepath.Join(dir, "ud-ewt")
	if err := os.MkdirAll(ewt, 0o755); err != nil {
		t.Fatal(err)
	}
	gum := filepath.Join(dir, "ud-gum")
	if err := os.MkdirAll(gum, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		filepath.Join(ewt, "en_ewt-ud-train.conllu"): tinyTreebank,
		filepath.Join(ewt, "en_ewt-ud-dev.conllu"):   tinyTreebank,
		// Only the news document may be read.
		filepath.Join(gum, "en_gum-ud-train.conllu"): "# newdoc id = GUM_news_x\n" + tinyTreebank + "# newdoc id = GUM_fiction_y\n" + tinyTreebank,
	}
	for path, text := range files {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := defaultConfig
	cfg.gum, cfg.epochs, cfg.prune, cfg.folds = false, 10, 0, 0
	p, err := train(context.Background(), dir, cfg, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	exs, err := ReadExamples(filepath.Join(ewt, "en_ewt-ud-dev.conllu"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sc := Evaluate(p, exs, nil); sc.LAS() != 100 {
		t.Errorf("training sentences parsed with LAS %.1f, want 100", sc.LAS())
	}
	// Train writes the same model twice: training is deterministic.
	var a, b bytes.Buffer
	if err := Train(context.Background(), dir, &a, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := Train(context.Background(), dir, &b, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two trainings gave different models")
	}
	if err := Train(context.Background(), filepath.Join(dir, "missing"), io.Discard, io.Discard); err == nil {
		t.Error("Train on a missing folder succeeded")
	}
}

func TestAllowedGUM(t *testing.T) {
	for id, want := range map[string]bool{
		"GUM_news_iodine":     true,
		"GUM_fiction_beast":   false,
		"GUM_academic_art":    false,
		"GUM_vlog_studying":   true,
		"GUM_newsletter_fake": false,
		"":                    false,
	} {
		if got := AllowedGUM(id); got != want {
			t.Errorf("AllowedGUM(%q) = %v, want %v", id, got, want)
		}
	}
}

// devExamples returns EWT dev from ../shared, or skips.
func devExamples(tb testing.TB) []Example {
	tb.Helper()
	path := filepath.Join("..", "..", "..", "shared", "data", "nlp", "ud-ewt", "en_ewt-ud-dev.conllu")
	if _, err := os.Stat(path); err != nil {
		tb.Skip("../shared/data/nlp/ud-ewt not found; skipping")
	}
	exs, err := ReadExamples(path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return exs
}

func shipped(tb testing.TB) *Parser {
	tb.Helper()
	p, err := Load()
	if errors.Is(err, fs.ErrNotExist) {
		tb.Skip("no parser model in models/data; skipping")
	}
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestShippedAccuracy guards the shipped model against regressions on
// EWT dev with gold tags.
func TestShippedAccuracy(t *testing.T) {
	p := shipped(t)
	exs := devExamples(t)
	if testing.Short() {
		exs = exs[:min(len(exs), 300)]
	}
	sc := Evaluate(p, exs, nil)
	if sc.UAS() < 85 || sc.LAS() < 82 {
		t.Errorf("EWT dev UAS %.2f LAS %.2f; want at least 85 and 82", sc.UAS(), sc.LAS())
	}
}

func BenchmarkParse(b *testing.B) {
	p := shipped(b)
	exs := devExamples(b)
	tokens := 0
	start, cpu := time.Now(), cputime.Used()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e := exs[i%len(exs)]
		p.Parse(e.Words, e.UPOS, e.XPOS)
		tokens += len(e.Words)
	}
	b.ReportMetric(float64(tokens)/time.Since(start).Seconds(), "tokens/s")
	// On a shared machine wall time counts other people's work too.
	if used := cputime.Used() - cpu; used > 0 {
		b.ReportMetric(float64(tokens)/used.Seconds(), "tokens/cpu-s")
	}
}

// FuzzParse checks that any words and tags give a tree.
func FuzzParse(f *testing.F) {
	f.Add("The cat sat .", "DET NOUN VERB PUNCT", "DT NN VBD .")
	f.Add("", "", "")
	f.Add("\xff \x00", "X", "")
	p := emptyParser(f)
	f.Fuzz(func(t *testing.T, text, upos, xpos string) {
		words := strings.Fields(text)
		heads, labels := p.Parse(words, strings.Fields(upos), strings.Fields(xpos))
		checkTree(t, heads, labels, len(words))
	})
}

// TestParseConcurrent parses from several goroutines at once (run with
// -race): a Parser is shared read-only.
func TestParseConcurrent(t *testing.T) {
	p, err := Load()
	if errors.Is(err, fs.ErrNotExist) {
		p = emptyParser(t)
	} else if err != nil {
		t.Fatal(err)
	}
	w := words(40)
	want, _ := p.Parse(w, nil, nil)
	done := make(chan []int)
	for range 4 {
		go func() {
			var heads []int
			for range 20 {
				heads, _ = p.Parse(w, nil, nil)
			}
			done <- heads
		}()
	}
	for range 4 {
		if got := <-done; !equalInts(got, want) {
			t.Errorf("concurrent parse gave %v, want %v", got, want)
		}
	}
}

// TestForced checks, along random parses, that forced names a transition
// exactly when it is the only valid one: Parse skips scoring then.
func TestForced(t *testing.T) {
	for n := 1; n <= 12; n++ {
		for seed := range 20 {
			st := newState(n)
			for k := seed; !st.terminal(); k++ {
				var valid []int
				for tr := range numTransitions {
					if st.valid(tr) {
						valid = append(valid, tr)
					}
				}
				f := st.forced()
				switch {
				case len(valid) == 1 && f != valid[0]:
					t.Fatalf("n=%d: only %d valid, forced %d", n, valid[0], f)
				case len(valid) > 1 && f >= 0:
					t.Fatalf("n=%d: %v valid, forced %d", n, valid, f)
				}
				st.apply(valid[(k*7+n)%len(valid)], 1)
			}
		}
	}
}
