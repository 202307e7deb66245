package nlp

import "testing"

// FuzzTokenize runs the tokenizer, the rule-based sentence splitter and
// the rule-based name finder over any text: no panic, and sentences and
// names that cover the tokens and point into the text.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"", "U.S.", "don't", "’s", "Mr.", "a.b.c", "http://", "www.", "@", "#", "x@y.z",
		"1,000.5%", "Jean-Pierre", "«»", "...", "--", "\xff\xfe", "A\u00a0B", "e.g.\n\nThe",
		"“We will,” she said. Then:", "(https://a.b/c_(d))", "n't", "'", "O'", "-a-", "—",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(text)
		sents := splitSentences(text, toks)
		next := 0
		for i, s := range sents {
			if s.TokenStart != next || s.TokenEnd <= s.TokenStart || s.TokenEnd > len(toks) {
				t.Fatalf("sentence %d %+v: bad token range (want start %d of %d)", i, s, next, len(toks))
			}
			if s.Start != toks[s.TokenStart].Start || s.End != toks[s.TokenEnd-1].End {
				t.Fatalf("sentence %d %+v: offsets do not match its tokens", i, s)
			}
			for k := s.TokenStart; k < s.TokenEnd; k++ {
				if toks[k].Sentence != i {
					t.Fatalf("token %d: Sentence %d, want %d", k, toks[k].Sentence, i)
				}
			}
			next = s.TokenEnd
		}
		if next != len(toks) {
			t.Fatalf("sentences cover %d of %d tokens", next, len(toks))
		}
		// The name finder must not panic either.
		names := NewWith(nil).findNames(text, toks, sents)
		for _, n := range names {
			if n.Start < 0 || n.End > len(text) || n.Start >= n.End || text[n.Start:n.End] != n.Text {
				t.Fatalf("name %+v: bad span", n)
			}
		}
	})
}
