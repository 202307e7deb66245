package eval

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// polnearDoc is one PolNeAR article: its text exactly as stored, and the
// attribution relations one annotator marked in it.
type polnearDoc struct {
	Name  string
	Text  string
	Attrs []goldAttribution
}

// goldAttribution is one attribution relation: who (source, absent for
// "Attribution-no-source"), the cue, and what was attributed (content). A
// role may have several fragments: a quotation broken by its reporting
// clause is one content in two pieces. Offsets are bytes into the text.
type goldAttribution struct {
	Content, Cue, Source []byteSpan
}

type byteSpan struct{ Start, End int }

// readPolnear reads the articles of one split (dir/SPLIT/text/NAME.txt
// with dir/SPLIT/attributions/NAME_ANNOTATOR.ann) in name order. Where
// several annotators marked an article, the first annotation file by name
// is used, so that every article counts once. dir may be the corpus root or
// the split folder itself.
func readPolnear(dir, split string, limit int) ([]polnearDoc, error) {
	root := filepath.Join(dir, split)
	if _, err := os.Stat(filepath.Join(root, "attributions")); err != nil {
		if _, err2 := os.Stat(filepath.Join(dir, "attributions")); err2 != nil {
			return nil, fmt.Errorf("no attributions folder in %s or %s", root, dir)
		}
		root = dir
	}
	anns, err := filepath.Glob(filepath.Join(root, "attributions", "*.ann"))
	if err != nil {
		return nil, fmt.Errorf("list annotations in %s: %w", root, err)
	}
	sort.Strings(anns)
	byArticle := map[string]string{}
	var names []string
	for _, a := range anns {
		base := strings.TrimSuffix(filepath.Base(a), ".ann")
		cut := strings.LastIndexByte(base, '_')
		if cut <= 0 {
			return nil, fmt.Errorf("annotation file %s: want NAME_ANNOTATOR.ann", a)
		}
		name := base[:cut]
		if _, seen := byArticle[name]; !seen {
			byArticle[name] = a
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no *.ann files in %s", filepath.Join(root, "attributions"))
	}
	if limit > 0 && limit < len(names) {
		names = names[:limit]
	}
	docs := make([]polnearDoc, 0, len(names))
	for _, name := range names {
		text, err := os.ReadFile(filepath.Join(root, "text", name+".txt"))
		if err != nil {
			return nil, fmt.Errorf("read article text: %w", err)
		}
		ann, err := os.ReadFile(byArticle[name])
		if err != nil {
			return nil, fmt.Errorf("read annotations: %w", err)
		}
		attrs, err := parseBrat(ann, string(text))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", byArticle[name], err)
		}
		docs = append(docs, polnearDoc{Name: name, Text: string(text), Attrs: attrs})
	}
	return docs, nil
}

// parseBrat reads the attribution relations of a brat standoff file over
// text. Text-bound lines ("T3\tContent 115 290;300 310\twords") give
// spans in characters (code points), which are turned into byte offsets;
// relation lines ("E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1") tie
// them together. Other lines (notes, and the continuation of a span's
// words over a line break) are skipped.
func parseBrat(ann []byte, text string) ([]goldAttribution, error) {
	toByte := charToByte(text)
	spans := map[string][]byteSpan{}
	type relation struct{ roles [][2]string }
	var rels []relation
	sc := bufio.NewScanner(bytes.NewReader(ann))
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	for ln := 1; sc.Scan(); ln++ {
		line := sc.Text()
		fields := strings.Split(line, "\t")
		if len(fields) < 2 || len(fields[0]) < 2 || !isDigits(fields[0][1:]) {
			continue
		}
		switch fields[0][0] {
		case 'T':
			_, frags, ok := strings.Cut(fields[1], " ")
			if !ok {
				return nil, fmt.Errorf("line %d: span without offsets", ln)
			}
			var list []byteSpan
			for _, f := range strings.Split(frags, ";") {
				a, b, ok := strings.Cut(strings.TrimSpace(f), " ")
				s, err1 := strconv.Atoi(a)
				e, err2 := strconv.Atoi(b)
				if !ok || err1 != nil || err2 != nil || s < 0 || e < s || e >= len(toByte) {
					return nil, fmt.Errorf("line %d: bad offsets %q", ln, f)
				}
				list = append(list, byteSpan{toByte[s], toByte[e]})
			}
			spans[fields[0]] = list
		case 'E':
			var r relation
			for _, arg := range strings.Fields(fields[1]) {
				role, id, ok := strings.Cut(arg, ":")
				if !ok {
					return nil, fmt.Errorf("line %d: bad argument %q", ln, arg)
				}
				r.roles = append(r.roles, [2]string{role, id})
			}
			rels = append(rels, r)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read annotations: %w", err)
	}
	var out []goldAttribution
	for _, r := range rels {
		var a goldAttribution
		for _, ri := range r.roles {
			sp, ok := spans[ri[1]]
			if !ok {
				return nil, fmt.Errorf("relation names unknown span %s", ri[1])
			}
			switch {
			case strings.HasPrefix(ri[0], "Content"):
				a.Content = append(a.Content, sp...)
			case ri[0] == "Cue":
				a.Cue = append(a.Cue, sp...)
			case ri[0] == "Source":
				a.Source = append(a.Source, sp...)
			}
		}
		if len(a.Content) > 0 {
			out = append(out, a)
		}
	}
	return out, nil
}

// charToByte maps every code-point offset of text, and the end, to its
// byte offset.
func charToByte(text string) []int {
	m := make([]int, 0, utf8.RuneCountInString(text)+1)
	for i := range text {
		m = append(m, i)
	}
	return append(m, len(text))
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
