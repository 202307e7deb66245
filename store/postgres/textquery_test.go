package postgres

import (
	"strings"
	"testing"
)

func TestTextQuery(t *testing.T) {
	for _, tc := range []struct {
		in, web  string
		prefixes int
	}{
		{"", "", 0},
		{"vaccine trial", `"vaccine" "trial"`, 0},
		{`"vaccine trial" OR chess`, `"vaccine trial" OR "chess"`, 0},
		{"strike NOT harbour", `"strike" -"harbour"`, 0},
		{"harb* strike", `"strike"`, 1},
		{"OR vaccine OR", `"vaccine"`, 0},
		{`col:umn a-b`, `"col:umn" "a-b"`, 0},
		{`*`, "", 0},
		{`"`, "", 0},
	} {
		q, args := textQuery(tc.in)
		if tc.web == "" && tc.prefixes == 0 {
			if q != "" {
				t.Errorf("%q: query %q, want none", tc.in, q)
			}
			continue
		}
		if len(args) != 1+tc.prefixes || args[0] != tc.web {
			t.Errorf("%q: args %q, want websearch %q and %d prefixes", tc.in, args, tc.web, tc.prefixes)
		}
		if strings.Count(q, "?") != len(args) {
			t.Errorf("%q: %d placeholders for %d args", tc.in, strings.Count(q, "?"), len(args))
		}
	}
}

// FuzzTextQuery: any input gives a query whose placeholders match its
// arguments, and user text only ever travels as an argument.
func FuzzTextQuery(f *testing.F) {
	for _, s := range []string{"", `"a b" OR c*`, "NOT", "x-y:z", `"`, "über*", "'; DROP TABLE articles; --"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, args := textQuery(s)
		if strings.Count(q, "?") != len(args) {
			t.Fatalf("%q: %d placeholders for %d args", s, strings.Count(q, "?"), len(args))
		}
		for _, part := range []string{"websearch_to_tsquery('simple', ?)", "(plainto_tsquery('simple', ?)::text || ':*')::tsquery", " && ", "(", ")"} {
			q = strings.ReplaceAll(q, part, "")
		}
		if q != "" {
			t.Fatalf("%q: query has text beyond its fixed parts: %q", s, q)
		}
	})
}
