// Package lexicon holds the word lists that the rule-based nlp stage and
// coref share: common English words, first names with gender, titles and
// roles, well-known organisations, and the head words that type a name
// ("Party", "River", "Airport").
//
// The lists are embedded text files under data/. Two are generated (see
// nlp/internal/gencommon and nlp/internal/gennames for the commands); the
// rest are written by hand and are a stopgap: the actor dictionaries and a
// trained tagger replace them in later versions.
//
// All look-ups are read-only and safe for concurrent use.
package lexicon

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

var (
	//go:embed data/common-words.txt
	commonWordsData []byte
	//go:embed data/first-names.tsv
	firstNamesData []byte
	//go:embed data/first-names-extra.tsv
	firstNamesExtraData []byte
	//go:embed data/titles.tsv
	titlesData []byte
	//go:embed data/orgs.tsv
	orgsData []byte
	//go:embed data/keywords.tsv
	keywordsData []byte
)

// Gender of a person as told by a first name, a title or a pronoun.
type Gender byte

// Genders.
const (
	Unknown Gender = 0
	Male    Gender = 'm'
	Female  Gender = 'f'
)

// Title is a title or role that stands before or beside a name.
type Title struct {
	Canon  string   // the form recorded in Entity.Titles
	Words  []string // lower-case words matched, in order
	Gender Gender   // the holder's gender when the title tells it
	Head   bool     // head of a state, government or organisation
	Abbr   bool     // courtesy title ("Mr.", "Ms."): no role to record
}

// Org is a well-known name the finder cannot type from its form.
type Org struct {
	Name    string
	Type    string // entity type: ORG, MISC, EVENT …
	Country string // ISO 3166-1 alpha-3; "" when international or unknown
}

// Keyword is a head word that types the name it ends ("Party") or, with
// First or a following "of", starts ("Bank of England", "Mount Hermon").
type Keyword struct {
	Type  string
	First bool
}

// Lexicon is the set of word lists.
type Lexicon struct {
	common  map[string]bool
	first   map[string]Gender // first name (as written) -> gender
	titles  map[string][]*Title
	orgs    map[string]Org // lower-case name -> org
	keyword map[string]Keyword
}

var (
	defaultOnce sync.Once
	defaultLex  *Lexicon
	defaultErr  error
)

// Default returns the embedded lexicon, parsed once. It panics only if the
// embedded files are malformed, which the package tests rule out.
func Default() *Lexicon {
	defaultOnce.Do(func() { defaultLex, defaultErr = parse() })
	if defaultErr != nil {
		panic(defaultErr)
	}
	return defaultLex
}

func parse() (*Lexicon, error) {
	l := &Lexicon{
		common:  map[string]bool{},
		first:   map[string]Gender{},
		titles:  map[string][]*Title{},
		orgs:    map[string]Org{},
		keyword: map[string]Keyword{},
	}
	if err := eachLine(commonWordsData, "common-words.txt", 1, func(f []string) error {
		l.common[f[0]] = true
		return nil
	}); err != nil {
		return nil, err
	}
	for _, src := range []struct {
		name string
		data []byte
	}{{"first-names.tsv", firstNamesData}, {"first-names-extra.tsv", firstNamesExtraData}} {
		if err := eachLine(src.data, src.name, 2, func(f []string) error {
			l.first[f[0]] = Gender(genderOf(f[1]))
			return nil
		}); err != nil {
			return nil, err
		}
	}
	if err := eachLine(titlesData, "titles.tsv", 1, l.addTitle); err != nil {
		return nil, err
	}
	if err := eachLine(orgsData, "orgs.tsv", 2, func(f []string) error {
		o := Org{Name: f[0], Type: f[1]}
		if len(f) > 2 {
			o.Country = f[2]
		}
		if _, dup := l.orgs[strings.ToLower(o.Name)]; !dup {
			l.orgs[strings.ToLower(o.Name)] = o
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := eachLine(keywordsData, "keywords.tsv", 2, func(f []string) error {
		l.keyword[f[0]] = Keyword{Type: f[1], First: len(f) > 2 && f[2] == "first"}
		return nil
	}); err != nil {
		return nil, err
	}
	return l, nil
}

func genderOf(s string) byte {
	switch s {
	case "m":
		return byte(Male)
	case "f":
		return byte(Female)
	}
	return byte(Unknown)
}

func (l *Lexicon) addTitle(f []string) error {
	t := &Title{Canon: f[0], Words: strings.Fields(strings.ToLower(f[0]))}
	if len(f) > 1 {
		for _, flag := range strings.Split(f[1], ",") {
			switch flag {
			case "m", "f":
				t.Gender = Gender(flag[0])
			case "head":
				t.Head = true
			case "abbr":
				t.Abbr = true
			default:
				return fmt.Errorf("unknown title flag %q", flag)
			}
		}
	}
	first := t.Words[0]
	for _, old := range l.titles[first] {
		if strings.Join(old.Words, " ") == strings.Join(t.Words, " ") {
			return nil // same title in another case: the first spelling wins
		}
	}
	// Longest first, so that matching takes "Prime Minister" before
	// "Minister" would be tried from a later word.
	list := append(l.titles[first], t)
	for i := len(list) - 1; i > 0 && len(list[i].Words) > len(list[i-1].Words); i-- {
		list[i], list[i-1] = list[i-1], list[i]
	}
	l.titles[first] = list
	return nil
}

// eachLine calls fn with the tab-separated fields of every non-blank,
// non-comment line, which must have at least min fields.
func eachLine(data []byte, name string, min int, fn func([]string) error) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < min {
			return fmt.Errorf("lexicon: %s:%d: want %d fields, have %d", name, n, min, len(f))
		}
		if err := fn(f); err != nil {
			return fmt.Errorf("lexicon: %s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("lexicon: %s: %w", name, err)
	}
	return nil
}

// Common reports whether word, in any case, is a frequent English word,
// one that a capital at the start of a sentence does not make a name.
func (l *Lexicon) Common(word string) bool {
	var buf [32]byte
	if b, ok := lowerASCII(word, &buf); ok {
		return l.common[string(b)] // no allocation: Go looks up []byte keys in place
	}
	return l.common[strings.ToLower(word)]
}

// StartsTitle reports whether some title begins with word, so that
// callers can skip words that begin none cheaply.
func (l *Lexicon) StartsTitle(word string) bool { return len(l.titlesStarting(word)) > 0 }

func (l *Lexicon) titlesStarting(word string) []*Title {
	var buf [32]byte
	if b, ok := lowerASCII(word, &buf); ok {
		return l.titles[string(b)]
	}
	return l.titles[strings.ToLower(word)]
}

// lowerASCII writes a short ASCII word in lower case into buf; ok is
// false for other words.
func lowerASCII(s string, buf *[32]byte) (b []byte, ok bool) {
	if len(s) > len(buf) {
		return nil, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return nil, false
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(s)], true
}

// FirstName reports whether word (as written, "Karine") is a known first
// name, and the gender it tells.
func (l *Lexicon) FirstName(word string) (Gender, bool) {
	g, ok := l.first[word]
	if !ok && isUpperWord(word) && len(word) > 1 {
		// "KARINE" in an all-capitals line.
		g, ok = l.first[word[:1]+strings.ToLower(word[1:])]
	}
	return g, ok
}

// Org returns the well-known organisation (or other name) called name,
// matched case-insensitively.
func (l *Lexicon) Org(name string) (Org, bool) {
	o, ok := l.orgs[strings.ToLower(name)]
	return o, ok
}

// Keyword returns the type a head word gives a name. Matching is on the
// word as written, then on its capitalised form.
func (l *Lexicon) Keyword(word string) (Keyword, bool) {
	k, ok := l.keyword[word]
	if !ok && isUpperWord(word) && len(word) > 2 {
		k, ok = l.keyword[word[:1]+strings.ToLower(word[1:])]
	}
	return k, ok
}

// MatchTitle returns the longest title whose words are words[0:n], matched
// case-insensitively, or nil.
func (l *Lexicon) MatchTitle(words []string) (t *Title, n int) {
	if len(words) == 0 {
		return nil, 0
	}
	for _, cand := range l.titlesStarting(words[0]) {
		if len(cand.Words) > len(words) {
			continue
		}
		ok := true
		for i := 1; i < len(cand.Words); i++ {
			if !strings.EqualFold(cand.Words[i], words[i]) {
				ok = false
				break
			}
		}
		if ok {
			return cand, len(cand.Words)
		}
	}
	return nil, 0
}

// MatchTitleEnding returns the longest title whose words are the last
// words of words, matched case-insensitively, with its length, or nil.
func (l *Lexicon) MatchTitleEnding(words []string) (t *Title, n int) {
	for start := 0; start < len(words); start++ {
		if t, n := l.MatchTitle(words[start:]); t != nil && n == len(words)-start {
			return t, n
		}
	}
	return nil, 0
}

// LookupTitle returns the title spelt exactly as phrase (case-folded).
func (l *Lexicon) LookupTitle(phrase string) *Title {
	words := strings.Fields(phrase)
	if t, n := l.MatchTitle(words); t != nil && n == len(words) {
		return t
	}
	return nil
}

func isUpperWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			return false
		}
	}
	return true
}
