package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"newsgraph/events/actors"
)

// writeTable writes a converted table: the notice naming its sources, a
// column line, and the rows.
func writeTable(out string, sources []string, columns string, rows []string) error {
	var w strings.Builder
	fmt.Fprintf(&w, notice, strings.Join(sources, ", "))
	fmt.Fprintf(&w, "# %s\n", columns)
	for _, r := range rows {
		w.WriteString(r)
		w.WriteByte('\n')
	}
	if out == "" {
		_, err := os.Stdout.WriteString(w.String())
		return err
	}
	return os.WriteFile(out, []byte(w.String()), 0o644)
}

// actorsKB converts a Phoenix actor dictionary into rows of the
// knowledge base table: "phrase<TAB>code<TAB>from<TAB>to".
func actorsKB(r io.Reader) ([]string, error) {
	entries, err := actors.ParsePhoenix(r)
	if err != nil {
		return nil, err
	}
	rows := make([]string, 0, len(entries))
	for _, e := range entries {
		rows = append(rows, e.Name+"\t"+e.Code+"\t"+e.From+"\t"+e.To)
	}
	return rows, nil
}

func runActors(ins []string, out string) error {
	var rows []string
	var bases []string
	for _, in := range ins {
		f, err := os.Open(in)
		if err != nil {
			return err
		}
		rs, err := actorsKB(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("read %s: %w", in, err)
		}
		if len(rs) == 0 {
			return fmt.Errorf("no entries found in %s", in)
		}
		rows = append(rows, rs...)
		bases = append(bases, filepath.Base(in))
	}
	// Keep the dictionaries' order of codes within a name (the loader
	// keeps the first of two equal ones), and drop exact repeats.
	seen := map[string]bool{}
	uniq := rows[:0]
	for _, r := range rows {
		if !seen[r] {
			seen[r] = true
			uniq = append(uniq, r)
		}
	}
	sort.SliceStable(uniq, func(i, j int) bool {
		return strings.SplitN(uniq[i], "\t", 2)[0] < strings.SplitN(uniq[j], "\t", 2)[0]
	})
	return writeTable(out, bases, "phrase\tcode\tfrom (YYYYMMDD, empty: open)\tto", uniq)
}

var (
	synsetRe  = regexp.MustCompile(`^---\s+(\S+)\s+\[([^\]]*)\]`)
	verbRe    = regexp.MustCompile(`^\+?([A-Z][A-Z_'-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?`)
	objPatRe  = regexp.MustCompile(`^-\s+\*\s+([A-Z]+)\s+\[([0-9:]+)\]\s*(?:#\s*([A-Z_]+))?`)
	cameoCode = regexp.MustCompile(`^[0-9]{2,4}`)
)

// cameoVerbs reads the verb section of CAMEO.2.0.txt: synonym sets headed
// "---  NAME  [code]  ---", verbs one a line ("HURRY {HURRIES HURRYING
// HURRIED}", "+CALL_OFF [160]") taking the set's code unless they give
// their own, and patterns ("- * AID  [070]  # RUSH"), of which the ones
// whose object is one plain word are kept. Codes "---" (no event) are
// dropped; "042:043" keeps its first code.
func cameoVerbs(r io.Reader) ([]string, error) {
	var rows []string
	seen := map[string]bool{}
	add := func(row string) {
		if !seen[row] {
			seen[row] = true
			rows = append(rows, row)
		}
	}
	code := func(s string) string {
		return cameoCode.FindString(strings.Trim(s, "[] "))
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	inVerbs := false
	setCode := ""
	verbs := map[string]string{} // dictionary verb -> its pattern head ("call off|called off")
	last := ""
	for sc.Scan() {
		raw := sc.Text()
		l := strings.TrimSpace(raw)
		if strings.Contains(l, "VERB PATTERNS") {
			inVerbs = true
			continue
		}
		if !inVerbs || l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if m := synsetRe.FindStringSubmatch(l); m != nil {
			setCode = code(m[2])
			verbs = map[string]string{}
			continue
		}
		if m := objPatRe.FindStringSubmatch(l); m != nil {
			head := last
			if h, ok := verbs[m[3]]; ok {
				head = h
			}
			if c := code(m[2]); c != "" && head != "" {
				add(fmt.Sprintf("v:%s (%s)\t%s", head, strings.ToLower(m[1]), c))
			}
			continue
		}
		if strings.HasPrefix(l, "-") {
			continue
		}
		m := verbRe.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		words := strings.Fields(strings.ToLower(strings.ReplaceAll(m[1], "_", " ")))
		if len(words) == 0 || len(words) > 3 {
			continue
		}
		head := strings.Join(words, " ")
		if m[2] != "" {
			var irr []string
			for _, f := range strings.Fields(strings.Trim(m[2], "{}")) {
				f = strings.ToLower(strings.TrimPrefix(f, "+"))
				if w := strings.Split(f, "_")[0]; w != "" && w != words[0] {
					irr = append(irr, w)
				}
			}
			if len(irr) > 0 {
				head += "|" + strings.Join(irr, "|")
			}
		}
		verbs[m[1]] = head
		last = head
		c := setCode
		if m[3] != "" {
			c = code(m[3])
		}
		if c != "" {
			add(fmt.Sprintf("v:%s\t%s", head, c))
		}
	}
	return rows, sc.Err()
}

func runVerbs(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := cameoVerbs(f)
	if err != nil {
		return fmt.Errorf("read %s: %w", in, err)
	}
	if len(rows) == 0 {
		return fmt.Errorf("no verbs found in %s", in)
	}
	return writeTable(out, []string{filepath.Base(in)}, "pattern\tcameo (format of verbs.tsv)", rows)
}
