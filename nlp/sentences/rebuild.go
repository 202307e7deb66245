package sentences

import (
	"strings"

	"newsgraph/nlp/conllu"
)

// Document is one treebank document's raw text rebuilt from its
// sentences, with the offset where each sentence starts.
type Document struct {
	Text   string
	Starts []int
}

// Rebuild joins sentences into documents: a sentence follows the one
// before after a space (none when its last word has SpaceAfter=No), or
// after a blank line where the treebank marks a new paragraph ("# newpar").
// It is how the training and the evaluation see raw text.
func Rebuild(sents []conllu.Sentence) []Document {
	var docs []Document
	var b strings.Builder
	var cur Document
	flush := func() {
		if len(cur.Starts) > 0 {
			cur.Text = b.String()
			docs = append(docs, cur)
		}
		cur = Document{}
		b.Reset()
	}
	lastDoc := ""
	spaceAfter := true
	for i := range sents {
		s := &sents[i]
		if i == 0 || s.DocID != lastDoc {
			flush()
			lastDoc = s.DocID
		}
		if len(cur.Starts) > 0 {
			switch {
			case hasComment(s, "newpar"):
				b.WriteString("\n\n")
			case spaceAfter:
				b.WriteByte(' ')
			}
		}
		cur.Starts = append(cur.Starts, b.Len())
		b.WriteString(s.Text)
		spaceAfter = len(s.Tokens) == 0 || s.SpaceAfter(len(s.Tokens)-1)
	}
	flush()
	return docs
}

// hasComment reports whether s carries the comment key (also as
// "newpar id = …"; "newpar_block = …" does not count).
func hasComment(s *conllu.Sentence, key string) bool {
	for _, c := range s.Comments {
		if c == key || strings.HasPrefix(c, key+" ") {
			return true
		}
	}
	return false
}
