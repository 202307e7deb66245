package tokenize

import (
	"strings"
	"testing"

	"newsgraph/document"
)

func texts(toks []document.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

func TestText(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // tokens joined by " | "
	}{
		{"empty", "", ""},
		{"spaces", " \n\t ", ""},
		{"words and punctuation", "Hello, world!", "Hello | , | world | !"},
		{"straight quotes", `He said "no".`, `He | said | " | no | " | .`},
		{"curly quotes", "“We will,” she said. ‘Yes’", "“ | We | will | , | ” | she | said | . | ‘ | Yes | ’"},
		{"guillemets", "«Non» dit-il", "« | Non | » | dit-il"},
		{"dashes", "Gaza — the city – and -- more - less", "Gaza | — | the | city | – | and | -- | more | - | less"},
		{"abbreviations", "Mr. Smith met Dr. Jones and Gen. Lee on Jan. 5.", "Mr. | Smith | met | Dr. | Jones | and | Gen. | Lee | on | Jan. | 5 | ."},
		{"letter-dot abbreviations", "The U.S. and U.N. e.g. at 5 p.m.", "The | U.S. | and | U.N. | e.g. | at | 5 | p.m."},
		{"initials", "J. K. Rowling and J.R.R. Tolkien", "J. | K. | Rowling | and | J.R.R. | Tolkien"},
		{"contractions", "don't can't won't I'm they'll we've she'd", "do | n't | ca | n't | wo | n't | I | 'm | they | 'll | we | 've | she | 'd"},
		{"curly contractions", "there’s don’t", "there | ’s | do | n’t"},
		{"possessives", "Netanyahu's plan, the spokesperson’s statement, officials' views", "Netanyahu | 's | plan | , | the | spokesperson | ’s | statement | , | officials | ' | views"},
		{"inner apostrophe", "O'Brien's rock'n'roll", "O'Brien | 's | rock'n'roll"},
		{"numbers", "1,000.5 people, 3.2% up, at 10:30 on 3/4", "1,000.5 | people | , | 3.2% | up | , | at | 10:30 | on | 3/4"},
		{"currency", "$50 million and £1.5bn", "$ | 50 | million | and | £ | 1.5bn"},
		{"urls", "See https://example.com/a?b=1. And www.bbc.co.uk/news!", "See | https://example.com/a?b=1 | . | And | www.bbc.co.uk/news | !"},
		{"url in brackets", "(https://en.wikipedia.org/wiki/Rafah_(city))", "( | https://en.wikipedia.org/wiki/Rafah_(city) | )"},
		{"emails", "Write to john.doe@example.org, or press@un.org.", "Write | to | john.doe@example.org | , | or | press@un.org | ."},
		{"domains", "example.com reported; end.The", "example.com | reported | ; | end | . | The"},
		{"hyphenated", "Jean-Pierre and al-Sisi, US-led, well-known", "Jean-Pierre | and | al-Sisi | , | US-led | , | well-known"},
		{"brackets", "these [Hamas] battalions (the RSF)", "these | [ | Hamas | ] | battalions | ( | the | RSF | )"},
		{"ellipsis", "wait... what?! yes…", "wait | ... | what | ?! | yes | …"},
		{"hashtags and handles", "#Gaza @user AT&T", "#Gaza | @user | AT&T"},
		{"non-breaking space", "development,\u00a0Italian", "development | , | Italian"},
		{"accents", "Brasília São Paulo Inácio", "Brasília | São | Paulo | Inácio"},
		{"no. before number", "No. 10 said no.", "No. | 10 | said | no | ."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Text(tt.in)
			got := strings.Join(texts(toks), " | ")
			if got != tt.want {
				t.Errorf("Text(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
			checkTokens(t, tt.in, toks)
		})
	}
}

// checkTokens checks the invariants every tokenisation keeps: tokens in
// order, not overlapping, non-empty, their Text the text at their
// offsets, nothing but white space between them.
func checkTokens(t *testing.T, text string, toks []document.Token) {
	t.Helper()
	prev := 0
	for i, tk := range toks {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > len(text) {
			t.Fatalf("token %d %+v: bad offsets (previous end %d, text length %d)", i, tk, prev, len(text))
		}
		if text[tk.Start:tk.End] != tk.Text {
			t.Fatalf("token %d: Text %q, text at offsets %q", i, tk.Text, text[tk.Start:tk.End])
		}
		checkGap(t, text[prev:tk.Start])
		if tk.Head != -1 {
			t.Fatalf("token %d: Head %d, want -1", i, tk.Head)
		}
		prev = tk.End
	}
	checkGap(t, text[prev:])
}

// checkGap fails unless gap is white space only.
func checkGap(t *testing.T, gap string) {
	t.Helper()
	for _, r := range gap {
		if !IsSpace(r) {
			t.Fatalf("skipped non-space %q", gap)
		}
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{
		"", "U.S.", "don't", "’s", "Mr.", "a.b.c", "http://", "www.", "@", "#", "x@y.z",
		"1,000.5%", "Jean-Pierre", "«»", "...", "--", "\xff\xfe", "A\u00a0B", "e.g.\n\nThe",
		"“We will,” she said. Then:", "(https://a.b/c_(d))", "n't", "'", "O'", "-a-", "—",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Text(text)
		checkTokens(t, text, toks)
	})
}
