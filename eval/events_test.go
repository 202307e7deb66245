package eval

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestUnmark(t *testing.T) {
	text, src, tgt, ok := unmark("<s>Israel</s> attacked <t>Hamas</t> in Gaza.")
	if !ok || text != "Israel attacked Hamas in Gaza." || text[src.start:src.end] != "Israel" || text[tgt.start:tgt.end] != "Hamas" {
		t.Errorf("unmark: %q %v %v %v", text, src, tgt, ok)
	}
	if _, _, _, ok := unmark("no marks"); ok {
		t.Error("unmark without marks: ok")
	}
}

func TestLabelScore(t *testing.T) {
	s := newLabelScore()
	s.add("A", "A")
	s.add("A", "B")
	s.add("B", "B")
	s.add("C", noEvent)
	m := map[string]float64{}
	s.put(m, "x", true)
	// A: P 1 R .5 F .6667; B: P .5 R 1 F .6667; C: 0.
	if m["x_a_f1"] != 0.6667 || m["x_b_f1"] != 0.6667 || m["x_c_f1"] != 0 || m["x_macro_f1"] != 0.4444 || m["x_accuracy"] != 0.5 {
		t.Errorf("scores %v", m)
	}
	if s.majority() != "A" {
		t.Errorf("majority %q", s.majority())
	}
}

func TestQuad5(t *testing.T) {
	for code, want := range map[string]int{"010": 0, "0211": 0, "040": 1, "073": 2, "112": 3, "190": 4} {
		if got := quad5(code, quadOf(code)); got != want {
			t.Errorf("quad5(%s) = %d, want %d", code, got, want)
		}
	}
}

// quadOf is the contract's quad class of a CAMEO code, for the test.
func quadOf(code string) int {
	switch code[:2] {
	case "01", "02", "03", "04", "05":
		return 1
	case "06", "07", "08":
		return 2
	case "09", "10", "11", "12", "13":
		return 3
	}
	return 4
}

func TestReadSpans(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ner.txt")
	in := "The B-S\nIsraeli I-S\narmy I-S\nattacked O\nHamas B-T\n's I-T\nbase I-T\n. O\n\nA B-S\nB B-T\n"
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	sents, err := readSpans(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2 {
		t.Fatalf("%d sentences, want 2", len(sents))
	}
	s := sents[0]
	if s.text != "The Israeli army attacked Hamas's base." {
		t.Errorf("text %q", s.text)
	}
	if len(s.src) != 1 || s.text[s.src[0].start:s.src[0].end] != "The Israeli army" ||
		len(s.tgt) != 1 || s.text[s.tgt[0].start:s.tgt[0].end] != "Hamas's base" {
		t.Errorf("spans %v %v", s.src, s.tgt)
	}
	var sc spanScore
	sc.add(s.src, []span{s.src[0], {0, 3}}, s.words)
	m := map[string]float64{}
	sc.put(m, "source")
	if m["source_span_p"] != 0.5 || m["source_span_r"] != 1 {
		t.Errorf("span scores %v", m)
	}
}

// TestRunEventsSmall runs the suite on a tiny made-up data folder: every
// part reads its file, and the figures are in range.
func TestRunEventsSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole pipeline")
	}
	dir := t.TempDir()
	write := func(name, s string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(plvFile, "\tsentence_id\tsentence\tmarked_sentence\tgold_root\n"+
		"0\t1\tIsrael attacked Hamas.\t<s>Israel</s> attacked <t>Hamas</t>.\tASSAULT\n"+
		"1\t2\tFrance criticised Egypt.\t<s>France</s> criticised <t>Egypt</t>.\tACCUSE\n")
	write(quadFile, "Israel attacked Hamas.\t4\nFrance and Egypt met in Paris.\t1\n")
	write(spanFile, "Israel B-S\nattacked O\nHamas B-T\n. O\n")
	rep, err := runEvents(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"plover_macro_f1", "quad_accuracy", "source_span_f1", "target_span_f1"} {
		v, ok := rep.Metrics[k]
		if !ok || v < 0 || v > 1 {
			t.Errorf("%s = %v, %v", k, v, ok)
		}
	}
	if rep.Metrics["plover_sentences"] != 2 || rep.Metrics["quad_sentences"] != 2 || rep.Metrics["span_sentences"] != 1 {
		t.Errorf("counts: %v", rep.Metrics)
	}
	if _, ok := rep.Baselines[lexicalName]["plover_macro_f1"]; !ok {
		t.Error("no verbs-only baseline")
	}
	if _, err := runEvents(context.Background(), t.TempDir(), Options{}); err == nil {
		t.Error("an empty folder gave no error")
	}
}

// TestEventsSuiteShared runs the suite on ../shared/data/events when it is
// there and holds the figures to the floors measured when the suite was
// written, so that a regression shows.
func TestEventsSuiteShared(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "data", "events")
	if _, err := os.Stat(filepath.Join(dir, plvFile)); err != nil {
		t.Skip("no ../shared/data/events:", err)
	}
	if testing.Short() {
		t.Skip("long")
	}
	rep, err := runEvents(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for k, floor := range map[string]float64{"plover_macro_f1": 0.40, "quad_accuracy": 0.40, "source_span_f1": 0.30, "target_span_f1": 0.15} {
		if rep.Metrics[k] < floor {
			t.Errorf("%s = %.4f, below %.2f", k, rep.Metrics[k], floor)
		}
	}
}
