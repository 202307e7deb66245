package events

import (
	"bufio"
	"embed"
	"fmt"
	"sort"
	"strings"
	"sync"
)

//go:embed data/*.tsv
var dataFS embed.FS

// pattern is one trigger of verbs.tsv.
type pattern struct {
	words  []string // folded tokens of the trigger; the first is one inflected form
	base   string   // the verb's base form ("find" for "found"); "" for nouns
	next   []string // the word after must be one of these; nil for any
	cameo  string
	noun   bool
	recip  bool
	needTo bool
	// gap lets words stand between the trigger and its next word, as the
	// CAMEO dictionary's "VERB * OBJECT" does: "suspended humanitarian
	// aid", "withdrew its peacekeepers".
	gap bool
	// weak marks a pattern of the CAMEO verb dictionary rather than of
	// our own table: a broad lexicon whose words are often nouns or lead
	// in to another event ("forces", "trade", "allow"), so the coder
	// takes it only where the word is plainly a verb of its own.
	weak bool
	// neutral marks a CAMEO dictionary pattern whose code has no PLOVER
	// type (01 public statements, 02 appeals: "expressed concern"): no
	// event, but it keeps a broader pattern of the same word ("express",
	// disapprove) from coding the words.
	neutral bool
}

// plover is a PLOVER event type and mode.
type plover struct{ typ, mode string }

// tables are the stage's data, read once from the embedded files.
type tables struct {
	triggers map[string][]*pattern // by the folded form of the first word, longest first
	plover   map[string]plover     // by CAMEO code
	agents   map[string]string     // folded phrase -> sector, or country + sector
	maxAgent int                   // the most words in an agents phrase
	groups   map[string]string     // folded group name -> country + sector
	causes   map[string]bool       // words that name a cause with no one behind it
	weak     bool                  // while loading cameo_verbs.tsv: its patterns are weak
}

var (
	tablesOnce sync.Once
	tablesData *tables
	tablesErr  error
)

// loadTables returns the embedded tables, parsed on first use.
func loadTables() (*tables, error) {
	tablesOnce.Do(func() { tablesData, tablesErr = parseTables() })
	return tablesData, tablesErr
}

func parseTables() (*tables, error) {
	t := &tables{
		triggers: map[string][]*pattern{},
		plover:   map[string]plover{},
		agents:   map[string]string{},
		groups:   map[string]string{},
		causes:   map[string]bool{},
	}
	if err := eachRow("cameo2plover.tsv", 2, func(f []string) error {
		mode := ""
		if len(f) > 2 {
			mode = f[2]
		}
		t.plover[f[0]] = plover{typ: f[1], mode: mode}
		return nil
	}); err != nil {
		return nil, err
	}
	// PLOVER drops CAMEO's 02 APPEAL; an appeal ("urged", "called on")
	// asks as a demand does, so it is a REQUEST here, and keeps its own
	// CAMEO code and so its quad class (verbal cooperation).
	if _, ok := t.plover["02"]; !ok {
		t.plover["02"] = plover{typ: "REQUEST"}
	}
	// Phoenix first, then our own entries, which win.
	for _, name := range []string{"agents.tsv", "extra_agents.tsv"} {
		if err := eachRow(name, 2, func(f []string) error {
			t.agents[f[0]] = f[1]
			t.maxAgent = max(t.maxAgent, len(strings.Fields(f[0])))
			return nil
		}); err != nil {
			return nil, err
		}
	}
	if err := eachRow("verbs.tsv", 2, t.addTrigger); err != nil {
		return nil, err
	}
	// The CAMEO verb dictionary after our own table, which wins on equal
	// patterns; its codes with no PLOVER type (CAMEO 01 and 02, public
	// statements and appeals) are no events here, only neutral patterns
	// that hold their words ("expressed concern" is no disapproval).
	t.weak = true
	defer func() { t.weak = false }()
	if err := eachRow("cameo_verbs.tsv", 2, func(f []string) error {
		if _, ok := t.ploverOf(f[1]); !ok {
			if strings.HasPrefix(f[1], "01") || strings.HasPrefix(f[1], "02") {
				return t.addTrigger(f)
			}
			return nil
		}
		head, _, _ := strings.Cut(strings.TrimPrefix(f[0], "v:"), "|")
		if w := strings.Fields(strings.Split(head, "(")[0]); len(w) == 1 && (lightVerbs[w[0]] || t.agents[w[0]] != "" || reportWords[verbForms(w[0])[2]]) {
			return nil // "provide", "make": their noun is the event; "add", "say": they report one
		}
		return t.addTrigger(f)
	}); err != nil {
		return nil, err
	}
	// Longest first; among equal lengths, our own table before the CAMEO
	// dictionary, and a pattern that constrains the next word ("release
	// (statement)") before one that does not.
	for _, ps := range t.triggers {
		sort.SliceStable(ps, func(i, j int) bool {
			if len(ps[i].words) != len(ps[j].words) {
				return len(ps[i].words) > len(ps[j].words)
			}
			if ps[i].weak != ps[j].weak {
				return !ps[i].weak
			}
			return ps[i].next != nil && ps[j].next == nil
		})
	}
	if err := eachRow("causes.tsv", 2, func(f []string) error {
		t.causes[f[0]] = true
		return nil
	}); err != nil {
		return nil, err
	}
	if err := eachRow("groups.tsv", 2, func(f []string) error {
		t.groups[f[0]] = f[1]
		return nil
	}); err != nil {
		return nil, err
	}
	return t, nil
}

// eachRow calls fn with the tab-separated fields of each line of an
// embedded table that is not blank or a # comment, checking that it has at
// least min fields.
func eachRow(name string, min int, fn func(f []string) error) error {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		return fmt.Errorf("open table %s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) < min {
			return fmt.Errorf("%s:%d: want %d tab-separated fields, got %d", name, n, min, len(fields))
		}
		if err := fn(fields); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read table %s: %w", name, err)
	}
	return nil
}

// addTrigger adds one line of verbs.tsv: "v:meet|met  040  recip".
func (t *tables) addTrigger(f []string) error {
	spec, code := f[0], f[1]
	neutral := false
	if _, ok := t.plover[code]; !ok {
		if _, ok := t.plover[code[:min(2, len(code))]]; !ok {
			if !t.weak && !strings.HasPrefix(code, "01") && !strings.HasPrefix(code, "02") {
				return fmt.Errorf("CAMEO code %q has no PLOVER type", code)
			}
			neutral = true
		}
	}
	kind, rest, ok := strings.Cut(spec, ":")
	if !ok || (kind != "v" && kind != "n") {
		return fmt.Errorf("pattern %q: want v:… or n:…", spec)
	}
	p := pattern{cameo: code, noun: kind == "n", weak: t.weak, neutral: neutral}
	if len(f) > 2 {
		for _, flag := range strings.Fields(f[2]) {
			switch flag {
			case "recip":
				p.recip = true
			case "needto":
				p.needTo = true
			case "gap":
				p.gap = true
			default:
				return fmt.Errorf("unknown flag %q", flag)
			}
		}
	}
	if i := strings.Index(rest, "("); i >= 0 {
		next := strings.TrimSuffix(strings.TrimSpace(rest[i+1:]), ")")
		p.next = strings.Split(next, "|")
		rest = rest[:i]
	}
	head, irregular, _ := strings.Cut(rest, "|")
	words := strings.Fields(head)
	if len(words) == 0 {
		return fmt.Errorf("pattern %q has no words", spec)
	}
	var forms [][]string // each a full word sequence
	if p.noun {
		last := len(words) - 1
		for _, w := range nounForms(words[last]) {
			forms = append(forms, append(append([]string{}, words[:last]...), w))
		}
	} else {
		heads := verbForms(words[0])
		if irregular != "" {
			for _, h := range strings.Split(irregular, "|") {
				if h = strings.TrimSpace(h); h != "" {
					heads = append(heads, h)
				}
			}
		}
		for _, h := range heads {
			forms = append(forms, append([]string{h}, words[1:]...))
		}
		p.base = words[0]
	}
	for _, ws := range forms {
		q := p
		q.words = ws
		t.triggers[ws[0]] = append(t.triggers[ws[0]], &q)
	}
	return nil
}

// verbForms returns a verb's regular forms: base, -s, -ed, -ing. They may
// include non-words ("meeted"), which never match.
func verbForms(v string) []string {
	n := len(v)
	if n == 0 {
		return nil
	}
	var s, ed, ing string
	switch {
	case strings.HasSuffix(v, "y") && n > 1 && !isVowel(v[n-2]):
		s, ed, ing = v[:n-1]+"ies", v[:n-1]+"ied", v+"ing"
	case strings.HasSuffix(v, "e") && !strings.HasSuffix(v, "ee"):
		s, ed, ing = v+"s", v+"d", v[:n-1]+"ing"
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "x") || strings.HasSuffix(v, "z") ||
		strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "sh"):
		s, ed, ing = v+"es", v+"ed", v+"ing"
	default:
		s, ed, ing = v+"s", v+"ed", v+"ing"
	}
	return []string{v, s, ed, ing}
}

// nounForms returns a noun's singular and plural; a word that already
// ends in s ("talks") is taken as it is.
func nounForms(w string) []string {
	n := len(w)
	switch {
	case n == 0:
		return nil
	case strings.HasSuffix(w, "s"):
		return []string{w}
	case strings.HasSuffix(w, "y") && n > 1 && !isVowel(w[n-2]):
		return []string{w, w[:n-1] + "ies"}
	case strings.HasSuffix(w, "x") || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		return []string{w, w + "es"}
	}
	return []string{w, w + "s"}
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// ploverOf returns the PLOVER type and mode of a CAMEO code, falling back
// to the code's parents ("0334" -> "033" -> "03").
func (t *tables) ploverOf(code string) (plover, bool) {
	for c := code; len(c) >= 2; c = c[:len(c)-1] {
		if p, ok := t.plover[c]; ok {
			return p, true
		}
	}
	return plover{}, false
}

// quadClass is the quad class of a CAMEO code from its root: 01-05 verbal
// cooperation, 06-08 material cooperation, 09-13 verbal conflict, 14-20
// material conflict; 0 when the code has no root.
func quadClass(code string) int {
	if len(code) < 2 {
		return 0
	}
	root := int(code[0]-'0')*10 + int(code[1]-'0')
	switch {
	case root >= 1 && root <= 5:
		return 1
	case root >= 6 && root <= 8:
		return 2
	case root >= 9 && root <= 13:
		return 3
	case root >= 14 && root <= 20:
		return 4
	}
	return 0
}

// intentRoot reports whether a CAMEO code's event is about another one
// still to happen: appeals (02), intents (03), demands (10), rejections
// (12) and threats (13). An event in its complement ("urged Israel to allow aid") has not
// happened.
func intentRoot(code string) bool {
	return strings.HasPrefix(code, "02") || strings.HasPrefix(code, "03") || strings.HasPrefix(code, "10") ||
		strings.HasPrefix(code, "12") || strings.HasPrefix(code, "13")
}
