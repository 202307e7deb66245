// Package conllu reads CoNLL-U treebanks (Universal Dependencies), the
// training and evaluation data of the tagger and parser.
package conllu

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Token is one syntactic word of a sentence (multi-word token lines such
// as "1-2" are kept apart, in Sentence.Multi).
type Token struct {
	ID     int
	Form   string
	Lemma  string
	UPOS   string
	XPOS   string // Penn Treebank tag in EWT and GUM
	Feats  string
	Head   int // 0 for the root
	Deprel string
	Misc   string
}

// Multi is a multi-word token ("don't" over the words "do" and "n't").
type Multi struct {
	First, Last int // word ids it spans
	Form        string
	Misc        string
}

// Sentence is one sentence with its comments (# sent_id, # text …).
type Sentence struct {
	ID       string // from "# sent_id = …"
	Text     string // from "# text = …"
	DocID    string // from "# newdoc id = …", carried to following sentences
	Comments []string
	Tokens   []Token
	Multi    []Multi
}

// SpaceAfter reports whether the word at index i is followed by a space in
// the raw text (the MISC field's SpaceAfter=No says it is not).
func (s *Sentence) SpaceAfter(i int) bool {
	misc := s.Tokens[i].Misc
	for _, m := range s.Multi {
		if m.Last == s.Tokens[i].ID {
			misc = m.Misc
		}
	}
	return !strings.Contains(misc, "SpaceAfter=No")
}

// ReadFile reads every sentence of a CoNLL-U file.
func ReadFile(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read conllu: %w", err)
	}
	defer f.Close()
	sents, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("read conllu %s: %w", path, err)
	}
	return sents, nil
}

// Read reads every sentence from r. Empty nodes ("8.1", enhanced
// dependencies) are skipped.
func Read(r io.Reader) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var (
		sents []Sentence
		cur   Sentence
		doc   string
		line  int
	)
	flush := func() {
		if len(cur.Tokens) > 0 {
			cur.DocID = doc
			sents = append(sents, cur)
		}
		cur = Sentence{}
	}
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		switch {
		case text == "":
			flush()
			continue
		case strings.HasPrefix(text, "#"):
			c := strings.TrimSpace(text[1:])
			cur.Comments = append(cur.Comments, c)
			if k, v, ok := strings.Cut(c, "="); ok {
				switch strings.TrimSpace(k) {
				case "sent_id":
					cur.ID = strings.TrimSpace(v)
				case "text":
					cur.Text = strings.TrimSpace(v)
				case "newdoc id":
					doc = strings.TrimSpace(v)
				}
			}
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("line %d: %d fields, want 10", line, len(f))
		}
		if strings.Contains(f[0], ".") {
			continue
		}
		if a, b, ok := strings.Cut(f[0], "-"); ok {
			first, err1 := strconv.Atoi(a)
			last, err2 := strconv.Atoi(b)
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("line %d: bad range %q", line, f[0])
			}
			cur.Multi = append(cur.Multi, Multi{First: first, Last: last, Form: f[1], Misc: f[9]})
			continue
		}
		id, err := strconv.Atoi(f[0])
		if err != nil {
			return nil, fmt.Errorf("line %d: bad id %q", line, f[0])
		}
		head := 0
		if f[6] != "_" {
			if head, err = strconv.Atoi(f[6]); err != nil {
				return nil, fmt.Errorf("line %d: bad head %q", line, f[6])
			}
		}
		cur.Tokens = append(cur.Tokens, Token{ID: id, Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4], Feats: f[5], Head: head, Deprel: f[7], Misc: f[9]})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	flush()
	return sents, nil
}
