package eval

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const timeData = "../../shared/data/time/tbaq"

// A made-up TimeML file: a DCT, tags inside TIMEX3 and EVENT, an entity.
const fakeTimeML = `<?xml version="1.0" ?>
<TimeML>
<DOCID>fake</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-03-20" functionInDocument="CREATION_TIME">March 20, 2024</TIMEX3></DCT>
<TEXT>
Smith &amp; Jones <EVENT eid="e1" class="OCCURRENCE">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="2024-03-19">on Tuesday</TIMEX3> for <TIMEX3 tid="t2" type="DURATION" value="PT3H">three hours</TIMEX3>.

They will meet again <TIMEX3 tid="t3" type="DATE" value="2024-W13">early next week</TIMEX3>, or in <TIMEX3 tid="t4" type="DATE" value="2024-05">May</TIMEX3>.
</TEXT>
</TimeML>`

func TestReadTimeML(t *testing.T) {
	d, err := readTimeML("fake.tml", strings.NewReader(fakeTimeML))
	if err != nil {
		t.Fatal(err)
	}
	if d.DCT != "2024-03-20" {
		t.Errorf("DCT = %q", d.DCT)
	}
	want := []string{"on Tuesday", "three hours", "early next week", "May"}
	if len(d.Timexs) != len(want) {
		t.Fatalf("timexes = %+v", d.Timexs)
	}
	for i, g := range d.Timexs {
		if got := d.Text[g.Start:g.End]; got != want[i] {
			t.Errorf("timex %d reads %q, want %q", i, got, want[i])
		}
	}
	if !strings.Contains(d.Text, "Smith & Jones met on Tuesday") {
		t.Errorf("text = %q", d.Text)
	}
	if _, err := readTimeML("bad.tml", strings.NewReader("<TimeML><TEXT>no dct</TEXT></TimeML>")); err == nil {
		t.Error("file without DCT: no error")
	}
}

func TestTimeTally(t *testing.T) {
	gold := []goldTimex{
		{Start: 0, End: 10, Type: "DATE", Value: "2024-03-19"},
		{Start: 20, End: 31, Type: "DURATION", Value: "P3H"},
		{Start: 40, End: 45, Type: "DATE", Value: "2024-05"},
	}
	found := []sysTimex{
		{Start: 0, End: 10, Type: "DATE", Value: "2024-03-19"},   // strict, value right
		{Start: 26, End: 31, Type: "DATE", Value: "PT3H"},        // relaxed, type and value wrong
		{Start: 50, End: 55, Type: "DATE", Value: "PRESENT_REF"}, // spurious
	}
	var tl timeTally
	tl.score(gold, found)
	m := tl.metrics()
	checks := map[string]float64{
		"strict_precision": 1.0 / 3, "strict_recall": 1.0 / 3,
		"relaxed_precision": 2.0 / 3, "relaxed_recall": 2.0 / 3,
		"type_accuracy": 0.5, "value_precision": 1.0 / 3, "value_recall": 1.0 / 3,
	}
	for k, want := range checks {
		if got := m[k]; got != want {
			t.Errorf("%s = %v, want %v", k, got, want)
		}
	}
}

func TestRunTimesSynthetic(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "fake.tml"), []byte(fakeTimeML), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	rep, err := runTimes(context.Background(), dir, Options{Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Metrics["value_f1"]; got != 1 {
		t.Errorf("value F1 = %v, want 1 (%v)", got, rep.Metrics)
	}
	if _, ok := rep.Baselines["go-dateparser"]["relaxed_f1"]; !ok {
		t.Error("go-dateparser baseline missing")
	}
	if _, err := os.Stat(filepath.Join(out, "times-items.jsonl")); err != nil {
		t.Errorf("per-document results: %v", err)
	}
	if _, err := runTimes(context.Background(), t.TempDir(), Options{}); err == nil {
		t.Error("empty folder: no error")
	}
}

func TestRunTimes(t *testing.T) {
	if _, err := os.Stat(timeData); err != nil {
		t.Skipf("TimeBank+AQUAINT under %s missing: %v", timeData, err)
	}
	if testing.Short() {
		t.Skip("go-dateparser is slow; skipped in -short mode")
	}
	rep, err := runTimes(context.Background(), timeData, Options{Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if f := rep.Metrics["relaxed_f1"]; f < 0.8 {
		t.Errorf("relaxed F1 = %.3f, want at least 0.8", f)
	}
}
