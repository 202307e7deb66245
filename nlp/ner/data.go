package ner

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// Span is a name: tokens [Start, End) of its sentence, of type Type (one
// of Types, or for data read from a file, whatever type the file gives).
type Span struct {
	Start, End int
	Type       string
}

// Sentence is one labelled sentence of a corpus.
type Sentence struct {
	Words []string
	Spans []Span
}

// Document is a run of sentences that belong together: the unit over which
// FindDoc keeps its names consistent.
type Document []Sentence

// ReadFile reads a corpus in one of the CoNLL column formats of the NER
// benchmarks; see Read.
func ReadFile(path string) ([]Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ner: %w", err)
	}
	defer f.Close()
	docs, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("ner: %s: %w", path, err)
	}
	return docs, nil
}

// Read reads a corpus with one token a line and a blank line after each
// sentence: CoNLL-2003 (word POS chunk tag), WNUT-17 (word tag), WikiGold
// (index word tag) or WikiANN (word tag, words prefixed "en:"). The word
// is the first column (the second when there are three and the first is a
// number), the tag the last. Tags may be IOB1 or IOB2: a B- tag, or an I-
// tag whose type differs from the previous token's, starts a name, so both
// read the same. A sentence of the single word -DOCSTART- ends a document;
// a file without one is one document.
func Read(r io.Reader) ([]Document, error) {
	var (
		docs []Document
		doc  Document
		sent Sentence
		tags []string
	)
	flush := func() {
		if len(sent.Words) == 0 {
			return
		}
		if len(sent.Words) == 1 && sent.Words[0] == "-DOCSTART-" {
			if len(doc) > 0 {
				docs = append(docs, doc)
			}
			doc = nil
		} else {
			sent.Spans = SpansOfIOB(tags)
			doc = append(doc, sent)
		}
		sent, tags = Sentence{}, nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			flush()
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("line %d: want a word and a tag, have %q", line, sc.Text())
		}
		w := f[0]
		if len(f) == 3 && isNumber(f[0]) {
			w = f[1]
		}
		if rest, ok := strings.CutPrefix(w, "en:"); ok && rest != "" {
			w = rest
		}
		sent.Words = append(sent.Words, w)
		tags = append(tags, f[len(f)-1])
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	flush()
	if len(doc) > 0 {
		docs = append(docs, doc)
	}
	return docs, nil
}

// SpansOfIOB reads IOB1 or IOB2 tags ("B-PER", "I-ORG", "O"; "" as O)
// into spans of their types.
func SpansOfIOB(tags []string) []Span {
	var spans []Span
	start, typ := -1, ""
	closeAt := func(end int) {
		if start >= 0 {
			spans = append(spans, Span{Start: start, End: end, Type: typ})
		}
		start, typ = -1, ""
	}
	for i, tag := range tags {
		p, t, ok := strings.Cut(tag, "-")
		if !ok || (p != "B" && p != "I") {
			closeAt(i)
			continue
		}
		if p == "B" || t != typ {
			closeAt(i)
			start, typ = i, t
		}
	}
	closeAt(len(tags))
	return spans
}

func isNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
