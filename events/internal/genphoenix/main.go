// Command genphoenix converts two Phoenix/PETRARCH actor dictionaries (MIT
// licence, Open Event Data Alliance) into the events stage's tables:
//
//	agents: Phoenix.agents.txt -> events/data/agents.tsv
//	        agent words and their sector code ("prime minister" GOV,
//	        "troops" MIL, "rebels" REB), singular and plural
//	groups: Phoenix.MilNonState.actors.txt -> events/data/groups.tsv
//	        armed non-state groups and their aliases with their actor code
//	        ("hamas" PSEREB), cut to country + sector
//	actors: Phoenix.Countries.actors.txt, Phoenix.International.actors.txt
//	        and Phoenix.MilNonState.actors.txt -> events/actors/data/actors.tsv
//	        the actor knowledge base: every name and alias with each of its
//	        codes and the dates it holds ("benjamin netanyahu" ISRGOV
//	        from 1996-06-18 to 1999-07-06), so that a code can depend on
//	        the article's date
//	verbs:  CAMEO.2.0.txt -> events/data/cameo_verbs.tsv
//	        the verb synonym sets of the CAMEO verb dictionary with their
//	        codes, and the one-word object patterns ("rush * aid" 070), in
//	        the format of verbs.tsv
//
// Usage, from the repository root (or go generate ./events/):
//
//	go run ./events/internal/genphoenix -o events/data/agents.tsv agents ../shared/data/events/dictionaries/Phoenix.agents.txt
//	go run ./events/internal/genphoenix -o events/data/groups.tsv groups ../shared/data/events/dictionaries/Phoenix.MilNonState.actors.txt
//	go run ./events/internal/genphoenix -o events/actors/data/actors.tsv actors ../shared/data/events/dictionaries/Phoenix.Countries.actors.txt ../shared/data/events/dictionaries/Phoenix.International.actors.txt ../shared/data/events/dictionaries/Phoenix.MilNonState.actors.txt
//	go run ./events/internal/genphoenix -o events/data/cameo_verbs.tsv verbs ../shared/data/events/dictionaries/CAMEO.2.0.txt
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"newsgraph/events/actors"
)

const notice = `# Converted from the Phoenix/PETRARCH dictionaries (%s),
# https://github.com/openeventdata/petrarch2, under the MIT License:
#
# Copyright (c) 2014 Open Event Data Alliance
#
# Permission is hereby granted, free of charge, to any person obtaining a copy
# of this software and associated documentation files (the "Software"), to deal
# in the Software without restriction, including without limitation the rights
# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
# copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in
# all copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
# LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
# THE SOFTWARE.
#
# Regenerate: go generate ./events/ (see events/gen.go)
`

func main() {
	out := flag.String("o", "", "write the table to this file (default: standard output)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: genphoenix [-o TABLE.tsv] agents|groups|verbs DICTIONARY | actors DICTIONARY...")
	}
	flag.Parse()
	kind := flag.Arg(0)
	if flag.NArg() < 2 || (kind != "agents" && kind != "groups" && kind != "verbs" && kind != "actors") ||
		(kind != "actors" && flag.NArg() != 2) {
		flag.Usage()
		os.Exit(2)
	}
	var err error
	switch kind {
	case "actors":
		err = runActors(flag.Args()[1:], *out)
	case "verbs":
		err = runVerbs(flag.Arg(1), *out)
	default:
		err = run(kind, flag.Arg(1), *out)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genphoenix:", err)
		os.Exit(1)
	}
}

func run(kind, in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	var rows map[string]string
	if kind == "agents" {
		rows, err = agents(f)
	} else {
		rows, err = groups(f)
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", in, err)
	}
	if len(rows) == 0 {
		return fmt.Errorf("no entries found in %s", in)
	}
	keys := make([]string, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	lines := make([]string, 0, len(keys))
	for _, k := range keys {
		lines = append(lines, k+"\t"+rows[k])
	}
	return writeTable(out, []string{filepath.Base(in)}, "phrase\tcode", lines)
}

var (
	agentLine = regexp.MustCompile(`^([^\[{#]+?)\s*(?:\{([^}]*)\})?\s*\[~([A-Z]{3,6})[\]}]`)
	macroDef  = regexp.MustCompile(`^(![A-Z]+!)\s*=\s*(.+)$`)
)

// maxWords keeps the agents table to the phrases a rule can match.
const maxWords = 4

// agents reads Phoenix.agents.txt: "PRIME_MINISTER [~GOV]", plurals in
// braces ("THIEF {THIEVES} [~CRM]", "{}" for none) and substitution sets
// ("!PERSON! = MAN, MEN, …") used inside phrases.
func agents(r io.Reader) (map[string]string, error) {
	macros := map[string][]string{}
	rows := map[string]string{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if m := macroDef.FindStringSubmatch(l); m != nil {
			for _, v := range strings.Split(m[2], ",") {
				macros[m[1]] = append(macros[m[1]], strings.TrimSpace(v))
			}
			continue
		}
		m := agentLine.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		code := m[3][:3] // the primary sector: GOVMIL is a government body first
		forms := expand(m[1], macros)
		switch {
		case strings.TrimSpace(m[2]) != "":
			forms = append(forms, expand(strings.TrimSpace(m[2]), macros)...)
		case strings.Contains(m[1], "!") || strings.Contains(l, "{}"):
			// A substitution set has its plurals ("MAN, MEN"); "{}" says
			// there is none.
		default:
			forms = append(forms, plural(m[1]))
		}
		for _, f := range forms {
			p := phrase(f)
			if p == "" || len(strings.Fields(p)) > maxWords || !ascii(p) {
				continue
			}
			if _, dup := rows[p]; !dup {
				rows[p] = code
			}
		}
	}
	return rows, sc.Err()
}

// groups reads Phoenix.MilNonState.actors.txt: a block is a name line,
// "+ALIAS" lines, and the code on the name line or on lines of its own
// ("\t[PSEREBHMS]", dated ones "[PSEREBHMS 19870101-20040322]"). An
// undated code wins over dated ones; among dated ones, the last. The code
// is cut to country + sector.
func groups(r io.Reader) (map[string]string, error) {
	entries, err := actors.ParsePhoenix(r)
	if err != nil {
		return nil, err
	}
	chosen := map[string]actors.Entry{}
	var order []string
	for _, e := range entries {
		c, seen := chosen[e.Name]
		switch {
		case !seen:
			order = append(order, e.Name)
			chosen[e.Name] = e
		case c.From != "" || c.To != "":
			// A dated code gives way to an undated one and to a later one.
			chosen[e.Name] = e
		}
	}
	rows := map[string]string{}
	for _, n := range order {
		if len(n) < 3 {
			continue
		}
		c := chosen[n].Code
		rows[n] = c[:min(6, len(c))]
	}
	return rows, nil
}

// expand replaces substitution sets in a phrase by each of their members.
func expand(p string, macros map[string][]string) []string {
	for name, vals := range macros {
		if i := strings.Index(p, name); i >= 0 {
			var out []string
			for _, v := range vals {
				out = append(out, expand(p[:i]+v+p[i+len(name):], macros)...)
			}
			return out
		}
	}
	return []string{p}
}

// phrase turns a dictionary phrase ("PRIME_MINISTER_", "AL-QAEDA_(AQ)")
// into lower-case words joined by single spaces.
func phrase(p string) string {
	p = strings.ToLower(strings.NewReplacer("_", " ", "(", " ", ")", " ").Replace(p))
	return strings.Join(strings.Fields(p), " ")
}

// plural makes the regular plural of a phrase's last word.
func plural(p string) string {
	p = strings.TrimRight(p, "_ ")
	switch {
	case strings.HasSuffix(p, "MAN"):
		return p[:len(p)-3] + "MEN"
	case strings.HasSuffix(p, "Y") && len(p) > 1 && !strings.ContainsRune("AEIOU", rune(p[len(p)-2])):
		return p[:len(p)-1] + "IES"
	case strings.HasSuffix(p, "S"), strings.HasSuffix(p, "X"), strings.HasSuffix(p, "CH"), strings.HasSuffix(p, "SH"):
		return p + "ES"
	}
	return p + "S"
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
