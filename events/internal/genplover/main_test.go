package main

import (
	"strings"
	"testing"
)

func TestConvert(t *testing.T) {
	in := `# CAMEO to PLOVER conversion table
03: AGREE
0333: AGREE,  , humanitarian # Express intent to provide humanitarian aid
08: CONCEDE
08: RETREAT
0861: RETREAT, access , peacekeeping # Receive deployment of peacekeepers
~~~~~
`
	var b strings.Builder
	if err := convert(strings.NewReader(in), &b); err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			rows = append(rows, l)
		}
	}
	want := []string{"03\tAGREE\t", "0333\tAGREE\t", "08\tCONCEDE\t", "0861\tRETREAT\taccess"}
	if strings.Join(rows, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", rows, want)
	}
	if !strings.Contains(b.String(), "CC BY-SA 4.0") {
		t.Error("no licence in the header")
	}
	if err := convert(strings.NewReader("nothing here\n"), &b); err == nil {
		t.Error("no error for a file without codes")
	}
}
