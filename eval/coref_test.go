package eval

import (
	"os"
	"path/filepath"
	"testing"
)

func TestMUCCounts(t *testing.T) {
	tests := []struct {
		name      string
		key, resp []string
		num, den  int
	}{
		// Vilain et al. (1995): key {A B C D}, response {A B} {C D}: recall 2/3.
		{"one key entity split in two", []string{"k", "k", "k", "k"}, []string{"r1", "r1", "r2", "r2"}, 2, 3},
		{"all found", []string{"k", "k", "k"}, []string{"r", "r", "r"}, 2, 2},
		{"none linked", []string{"k", "k"}, []string{"a", "b"}, 0, 1},
		{"singletons count nothing", []string{"a", "b"}, []string{"r", "r"}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			num, den := mucCounts(tt.key, tt.resp)
			if num != tt.num || den != tt.den {
				t.Errorf("mucCounts = %d/%d, want %d/%d", num, den, tt.num, tt.den)
			}
		})
	}
}

func TestCorefScores(t *testing.T) {
	// Gold: "Anna Lee" (0-8), "Lee" (20-23) and "she" (30-33) are one
	// person, "Bo" (40-42) another.
	keys := []keyMention{
		{0, 8, "person-1", false}, {20, 23, "person-1", false}, {30, 33, "person-1", true}, {40, 42, "person-2", false},
	}
	tests := []struct {
		name                      string
		res                       resolution
		muc, b3, pairs, pron, prP float64
	}{
		{"perfect", resolution{{0, 8, 0}, {20, 23, 0}, {30, 33, 0}, {40, 42, 1}}, 1, 1, 1, 1, 1},
		{"pronoun to the wrong person", resolution{{0, 8, 0}, {20, 23, 0}, {30, 33, 1}, {40, 42, 1}}, 0.5, 24.0 / 34, 1, 0, 0},
		{"pronoun unresolved, names split", resolution{{0, 8, 0}, {20, 23, 1}, {40, 42, 2}}, 0, 2.0 / 3, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s corefScores
			s.add(keys, tt.res)
			m := map[string]float64{}
			s.put(m, "")
			for name, want := range map[string]float64{"muc_f1": tt.muc, "b3_f1": tt.b3, "name_pair_f1": tt.pairs, "pronoun_acc": tt.pron, "pronoun_p": tt.prP} {
				if got := m[name]; got < want-1e-9 || got > want+1e-9 {
					t.Errorf("%s = %.4f, want %.4f", name, got, want)
				}
			}
		})
	}
}

func TestCharSpan(t *testing.T) {
	text := "Zoë met Ana. She left."
	tests := []struct {
		off, want string
		span      [2]int
		ok        bool
	}{
		{"0", "Zoë", [2]int{0, 4}, true},
		{"8", "Ana", [2]int{9, 12}, true}, // "ë" is two bytes
		{"13", "She", [2]int{14, 17}, true},
		{"8", "She", [2]int{}, false},
		{"x", "Ana", [2]int{}, false},
		{"-1", "Ana", [2]int{}, false},
	}
	for _, tt := range tests {
		span, ok := charSpan(text, tt.off, tt.want)
		if span != tt.span || ok != tt.ok {
			t.Errorf("charSpan(%s, %q) = %v, %v; want %v, %v", tt.off, tt.want, span, ok, tt.span, tt.ok)
		}
	}
}

func TestGAPScores(t *testing.T) {
	it := gapItem{pronoun: "she", pron: [2]int{30, 33}, a: [2]int{0, 5}, b: [2]int{10, 15}, aRef: true}
	tests := []struct {
		name         string
		res          resolution
		predA, predB bool
	}{
		{"to A", resolution{{0, 5, 0}, {30, 33, 0}}, true, false},
		{"to B", resolution{{10, 15, 1}, {30, 33, 1}}, false, true},
		{"unresolved", resolution{{0, 5, 0}, {10, 15, 1}}, false, false},
		{"to a part of A's name", resolution{{2, 5, 0}, {30, 33, 0}}, true, false},
	}
	for _, tt := range tests {
		var g gapScores
		a, b := g.add(it, tt.res)
		if a != tt.predA || b != tt.predB {
			t.Errorf("%s: A %v B %v, want %v %v", tt.name, a, b, tt.predA, tt.predB)
		}
		if g[1].tp+g[1].fp+g[1].fn == 0 || g[0] != (gapScore{}) {
			t.Errorf("%s: counted as %+v, want feminine only", tt.name, g)
		}
	}
}

func TestReadCoNLLMentions(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "doc.conll")
	data := "# begin document doc\n" +
		"0\tThe\t(organization-2(person-1\n" +
		"1\treport\tperson-1)\n" +
		"2\t's\torganization-2)\n" +
		"3\tAustralia\t(place-3-Australia)\n" +
		"4\t.\t_\n" +
		"# end document\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	ms, n, err := readCoNLLMentions(path)
	if err != nil {
		t.Fatal(err)
	}
	if n != 5 {
		t.Errorf("%d words, want 5", n)
	}
	want := map[gumMention]bool{
		{0, 1, "person-1", "person"}:             true,
		{0, 2, "organization-2", "organization"}: true,
		{3, 3, "place-3", "place"}:               true,
	}
	if len(ms) != len(want) {
		t.Fatalf("mentions %+v, want %d", ms, len(want))
	}
	for _, m := range ms {
		if !want[m] {
			t.Errorf("unexpected mention %+v", m)
		}
	}
	bad := filepath.Join(dir, "bad.conll")
	if err := os.WriteFile(bad, []byte("0\tx\tperson-1)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := readCoNLLMentions(bad); err == nil {
		t.Error("a close without an open: no error")
	}
}

func TestKeyMentions(t *testing.T) {
	words := []gumWord{
		{0, 3, "the", "DT"}, {4, 10, "Kennedy", "NNP"}, {11, 16, "Space", "NNP"}, {17, 23, "Center", "NNP"}, // 0-3
		{24, 26, "he", "PRP"},                              // 4
		{27, 30, "the", "DT"}, {31, 40, "president", "NN"}, // 5-6
		{41, 48, "Lincoln", "NNP"}, {48, 49, ",", ","}, {50, 54, "Ohio", "NNP"}, // 7-9
		{55, 57, "it", "PRP"}, // 10
	}
	doc := gumDoc{words: words, mentions: []gumMention{
		{0, 3, "place-1", "place"},       // name after "the"
		{4, 4, "person-2", "person"},     // pronoun
		{5, 6, "person-2", "person"},     // not a name
		{7, 9, "person-3", "person"},     // a comma inside
		{10, 10, "object-4", "object"},   // not a person, organisation or place
		{1, 1, "abstract-5", "abstract"}, // not a person, organisation or place
	}}
	got := keyMentions(doc)
	want := []keyMention{{4, 23, "place-1", false}, {24, 26, "person-2", true}}
	if len(got) != len(want) {
		t.Fatalf("keyMentions = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("mention %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestCorefSuiteNeedsData(t *testing.T) {
	dir := t.TempDir()
	rep, err := runCoref(t.Context(), dir, Options{Split: "dev"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Metrics) != 0 || len(rep.Notes) < 2 {
		t.Errorf("without data: metrics %v notes %q, want none and notes", rep.Metrics, rep.Notes)
	}
	if _, err := runCoref(t.Context(), dir, Options{Split: "nope"}); err == nil {
		t.Error("unknown split: no error")
	}
}
