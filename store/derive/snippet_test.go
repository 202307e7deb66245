package derive

import "testing"

func TestSnippet(t *testing.T) {
	text := "Officials in Lima said on Monday that swine flu cases rose.\n\nVaccines arrive next week, the minister said."
	for _, tc := range []struct {
		query, want string
	}{
		{"flu", "Officials in Lima said on Monday that swine «flu» cases rose. Vaccines arrive next week, the minister said."},
		{`"swine flu" OR measles`, "Officials in Lima said on Monday that «swine» «flu» cases rose. Vaccines arrive next week, the minister said."},
		{"vacc*", "…said on Monday that swine flu cases rose. «Vaccines» arrive next week, the minister said."},
		{"vacc", ""},
		{"minister", "…flu cases rose. Vaccines arrive next week, the «minister» said."},
		{"", ""},
	} {
		if got := Snippet(text, SnippetTerms(tc.query)); got != tc.want {
			t.Errorf("Snippet(%q) =\n%q\nwant\n%q", tc.query, got, tc.want)
		}
	}
}
