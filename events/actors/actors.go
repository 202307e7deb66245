// Package actors is the actor knowledge base of the events stage: names
// and aliases of countries, international bodies, armed groups and
// people, each with its CAMEO/Phoenix actor codes and the dates each code
// holds, so that an actor's code depends on the article's date
// (Benjamin Netanyahu is ISRGOV in 1997 and after April 2009, ISRELI in
// between).
//
// The table, data/actors.tsv, is converted from the Phoenix/PETRARCH actor
// dictionaries (Phoenix.Countries.actors.txt, Phoenix.International
// .actors.txt, Phoenix.MilNonState.actors.txt; MIT, Open Event Data
// Alliance, notice in the file's header) by
//
//	go run ./events/internal/genphoenix -o events/actors/data/actors.tsv actors \
//	    ../shared/data/events/dictionaries/Phoenix.Countries.actors.txt \
//	    ../shared/data/events/dictionaries/Phoenix.International.actors.txt \
//	    ../shared/data/events/dictionaries/Phoenix.MilNonState.actors.txt
//
// The dictionaries stop in 2014; the events stage codes the actors they
// lack from the article itself (a demonym and a role noun).
package actors

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode"
)

//go:embed data/actors.tsv
var table string

// entry is one code of a name with the dates it holds (YYYYMMDD, "" for
// an open end).
type entry struct{ code, from, to string }

// KB maps folded names to their dated codes. It is read-only once built
// and safe for concurrent use.
type KB struct {
	byName map[string][]entry
	// maxWords is the most words in a name, for callers that look up the
	// longest name inside a phrase.
	maxWords int
}

var (
	defaultOnce sync.Once
	defaultKB   *KB
	defaultErr  error
)

// Default returns the embedded knowledge base, parsed on first use.
func Default() (*KB, error) {
	defaultOnce.Do(func() { defaultKB, defaultErr = Parse(strings.NewReader(table)) })
	return defaultKB, defaultErr
}

// Parse reads a table of "name<TAB>code<TAB>from<TAB>to" lines (dates
// YYYYMMDD or empty; # comments and blank lines skipped). A name's codes
// keep their order: among equally fitting codes the first wins.
func Parse(r io.Reader) (*KB, error) {
	kb := &KB{byName: map[string][]entry{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.SplitN(line, "\t", 5)
		if len(f) != 4 || f[0] == "" || len(f[1]) < 3 {
			return nil, fmt.Errorf("actors table line %d: want name, code, from, to", n)
		}
		for _, d := range f[2:] {
			if d != "" && (len(d) != 8 || strings.Trim(d, "0123456789") != "") {
				return nil, fmt.Errorf("actors table line %d: date %q: want YYYYMMDD", n, d)
			}
		}
		key := f[0]
		if !folded(key) {
			key = Fold(key)
		}
		kb.byName[key] = append(kb.byName[key], entry{code: f[1], from: f[2], to: f[3]})
		kb.maxWords = max(kb.maxWords, strings.Count(key, " ")+1)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read actors table: %w", err)
	}
	return kb, nil
}

// folded reports whether s is already as Fold leaves it, for the common
// case of a table written folded (as genphoenix writes it), which then
// costs no allocation.
func folded(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '.', c == '-', c == '&', c == '\'':
		default:
			return false
		}
		prevSpace = false
	}
	return !prevSpace
}

// Len returns the number of names.
func (kb *KB) Len() int { return len(kb.byName) }

// MaxWords returns the most words in a name.
func (kb *KB) MaxWords() int { return kb.maxWords }

// Fold normalises a name for lookup: lower case, typographic apostrophes
// and quotes folded, punctuation other than '.', '-', '&' and '\” turned
// into spaces, and runs of spaces made one.
func Fold(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '&' || r == '\'' {
			return r
		}
		return ' '
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// Lookup returns the code that name holds on date (ISO 8601, its first ten
// characters "YYYY-MM-DD" are read; "" for unknown). In order: the first
// dated code whose range holds the date (with no date, the open-ended code
// that starts last: the one held now, as far as the dictionaries know);
// else the first undated code; else, with no date, the dated code that
// starts last; else the country of any code alone, since a person who has
// left office is still of their country. ok is false when the name is
// unknown.
func (kb *KB) Lookup(name, date string) (code string, ok bool) {
	es := kb.byName[Fold(name)]
	if len(es) == 0 {
		return "", false
	}
	d := ""
	if len(date) >= 10 && date[4] == '-' && date[7] == '-' {
		d = date[:4] + date[5:7] + date[8:10]
	}
	if d != "" {
		for _, e := range es {
			if (e.from != "" || e.to != "") && (e.from == "" || e.from <= d) && (e.to == "" || d < e.to) {
				return e.code, true
			}
		}
	}
	if d == "" {
		// No date: the code held now, as far as the dictionaries know
		// (the open-ended one that starts last), else the default.
		best := -1
		for i, e := range es {
			if e.from != "" && e.to == "" && (best < 0 || e.from > es[best].from) {
				best = i
			}
		}
		if best >= 0 {
			return es[best].code, true
		}
	}
	for _, e := range es {
		if e.from == "" && e.to == "" {
			return e.code, true
		}
	}
	if d == "" {
		best := es[0]
		for _, e := range es[1:] {
			if e.from > best.from {
				best = e
			}
		}
		return best.code, true
	}
	return es[0].code[:3], true
}
