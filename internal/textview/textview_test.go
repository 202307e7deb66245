package textview

import (
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The U.S. said no.", []string{"The", "U.S.", "said", "no", "."}},
		{"there’s no way", []string{"there", "’s", "no", "way"}},
		{"didn't budge", []string{"did", "n't", "budge"}},
		{"Jean-Pierre’s statement", []string{"Jean-Pierre", "’s", "statement"}},
		{"Palestinians’ rights", []string{"Palestinians", "’", "rights"}},
		{"1,000 people, 3.5%", []string{"1,000", "people", ",", "3.5", "%"}},
		{"“Yes,” she said", []string{"“", "Yes", ",", "”", "she", "said"}},
		{"", nil},
	}
	for _, tc := range tests {
		var got []string
		for _, tok := range tokenize(tc.text, 0, len(tc.text), 0, nil) {
			if tc.text[tok.Start:tok.End] != tok.Text {
				t.Errorf("%q: token %q has offsets of %q", tc.text, tok.Text, tc.text[tok.Start:tok.End])
			}
			got = append(got, tok.Text)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestSplitSentences(t *testing.T) {
	text := "Mr. Smith said: “We go.” Then he left. \n\nNew paragraph! And more"
	var got []string
	for _, s := range SplitSentences(text) {
		got = append(got, text[s[0]:s[1]])
	}
	want := []string{"Mr. Smith said: “We go.”", "Then he left.", "New paragraph!", "And more"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
