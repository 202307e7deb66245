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
	"regexp"
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

// Entry is one dated code of a name, as the dictionaries give it: Name
// folded, Code upper case, From and To YYYYMMDD ("" for an open end).
type Entry struct{ Name, Code, From, To string }

// New builds a knowledge base from entries, keeping their order within a
// name.
func New(entries []Entry) *KB {
	kb := &KB{byName: map[string][]entry{}}
	for _, e := range entries {
		key := Fold(e.Name)
		if key == "" || len(e.Code) < 3 {
			continue
		}
		kb.byName[key] = append(kb.byName[key], entry{code: e.Code, from: e.From, to: e.To})
		kb.maxWords = max(kb.maxWords, strings.Count(key, " ")+1)
	}
	return kb
}

// phoenixCode matches a code with its optional date range: "[ISRGOV]",
// "[ISRGOV 960618-990706]", "[ISRGOV >090401]", "[USAELI <090120]".
var phoenixCode = regexp.MustCompile(`\[([A-Za-z]{3,}|---)\s*([<>])?\s*([0-9]{6,8})?(?:\s*-\s*([0-9]{6,8}))?\s*\]`)

// phoenixDate turns a dictionary date into YYYYMMDD: six digits are
// YYMMDD, read as 19YY for YY over 30 (the dictionaries stop in 2014); ok
// is false for a malformed one.
func phoenixDate(d string) (string, bool) {
	switch len(d) {
	case 0:
		return "", true
	case 6:
		if d[:2] > "30" {
			return "19" + d, true
		}
		return "20" + d, true
	case 8:
		return d, true
	}
	return "", false
}

// ParsePhoenix reads an actor dictionary in the Phoenix/PETRARCH format:
// blocks of a name line, "+" alias lines and code lines, each code with an
// optional date range ("BENJAMIN_NETANYAHU_", "+NETANYAHU",
// "[ISRGOV >090401]"); "#" comments and "<!-- -->" lines are skipped, and
// codes "[---]" (no actor) dropped. It returns one entry per name and
// code, names folded ("benjamin netanyahu").
func ParsePhoenix(r io.Reader) ([]Entry, error) {
	var out []Entry
	var names []string
	var codes []Entry
	flush := func() {
		for _, n := range names {
			key := Fold(strings.NewReplacer("_", " ", "(", " ", ")", " ").Replace(n))
			if len(key) < 2 || !isASCII(key) || strings.Count(key, " ") >= 12 {
				continue
			}
			for _, c := range codes {
				c.Name = key
				out = append(out, c)
			}
		}
		names, codes = nil, nil
	}
	take := func(l string) {
		for _, m := range phoenixCode.FindAllStringSubmatch(l, -1) {
			if m[1] == "---" {
				continue
			}
			from, ok1 := phoenixDate(m[3])
			to, ok2 := phoenixDate(m[4])
			if !ok1 || !ok2 {
				continue
			}
			switch m[2] {
			case ">":
				to = ""
			case "<":
				from, to = "", from
			}
			codes = append(codes, Entry{Code: strings.ToUpper(m[1]), From: from, To: to})
		}
	}
	name := func(l string) string {
		if i := strings.IndexAny(l, "[#"); i >= 0 {
			l = l[:i]
		}
		return strings.TrimSpace(l)
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		switch {
		case l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "<") || strings.HasPrefix(l, "-->"):
		case strings.HasPrefix(l, "+"):
			names = append(names, name(l[1:]))
			take(l)
		case strings.HasPrefix(l, "["):
			take(l)
		default:
			flush()
			names = append(names, name(l))
			take(l)
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read actor dictionary: %w", err)
	}
	return out, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
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
