package nlp

import (
	"testing"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"one", "Hello world.", []string{"Hello world."}},
		{"no final stop", "Hello world", []string{"Hello world"}},
		{"two", "It rained. Then it stopped!", []string{"It rained.", "Then it stopped!"}},
		{"question", "Why? Because.", []string{"Why?", "Because."}},
		{"lower case after stop", "It was 5 p.m. and dark.", []string{"It was 5 p.m. and dark."}},
		{"title abbreviation", "Mr. Smith met Dr. Jones.", []string{"Mr. Smith met Dr. Jones."}},
		{"initials", "J. K. Rowling wrote it.", []string{"J. K. Rowling wrote it."}},
		{"U.S. mid-sentence", "The U.S. President spoke.", []string{"The U.S. President spoke."}},
		{"U.S. at the end", "He lives in the U.S. The move was new.", []string{"He lives in the U.S.", "The move was new."}},
		{"closing quote stays", `He said, “We will.” She left.`, []string{`He said, “We will.”`, "She left."}},
		{"straight closing quote", `He said "go." Then he went.`, []string{`He said "go."`, "Then he went."}},
		{"opening quote starts", `He left. "We stay," she said.`, []string{"He left.", `"We stay," she said.`}},
		{"closing bracket stays", "It fell (by 3%.) Then it rose.", []string{"It fell (by 3%.)", "Then it rose."}},
		{"paragraph break", "Headline without stop\n\nBody starts here.", []string{"Headline without stop", "Body starts here."}},
		{"paragraph break with spaces", "One\n  \nTwo", []string{"One", "Two"}},
		{"single newline", "One line\nstill the same", []string{"One line\nstill the same"}},
		{"digit after stop", "It ended in 2023. 2024 was calm.", []string{"It ended in 2023.", "2024 was calm."}},
		{"decimal", "It rose 3.5 percent.", []string{"It rose 3.5 percent."}},
		{"ellipsis", "Well... Maybe not.", []string{"Well...", "Maybe not."}},
		{"no space", "end.The end", []string{"end.The end"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sents := SplitSentences(tt.in)
			var got []string
			for _, s := range sents {
				got = append(got, tt.in[s.Start:s.End])
			}
			if len(got) != len(tt.want) {
				t.Fatalf("SplitSentences(%q) = %q, want %q", tt.in, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("sentence %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}
