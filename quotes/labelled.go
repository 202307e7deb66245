package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/document"
)

// notSpeakerLabels are the labels before a colon that open a paragraph
// without naming who speaks: furniture and section heads.
var notSpeakerLabels = map[string]bool{
	"note": true, "editor's note": true, "editor’s note": true, "update": true, "updated": true,
	"photo": true, "photos": true, "video": true, "watch": true, "related": true, "read more": true,
	"source": true, "sources": true, "correction": true, "warning": true, "breaking": true,
	"read": true, "see": true, "listen": true, "click": true, "disclosure": true, "credit": true,
	"image": true, "caption": true, "q": true, "a": true, "question": true, "answer": true,
}

// labelled reads a paragraph that opens with a speaker's label and a
// colon: a headline ("Sanders: Clinton Is Qualified To Be President") or
// a line of a transcript ("FALLIN: Well, I think the whole nation …").
// The label is at most five words, starts with a capital, holds no
// reporting word and ends with the name of an entity; what follows the colon to the end of the sentence is
// what was said, an indirect quote with ":" for its cue (a quotation
// right after the colon is read by the direct rules instead).
func (r *reader) labelled() []document.Quote {
	v := r.v
	var out []document.Quote
	for si, s := range v.Sents {
		if s.T1-s.T0 < 5 || si > 0 && !strings.Contains(v.Text[v.Sents[si-1].End:s.Start], "\n") {
			continue
		}
		colon := -1
		for k := s.T0; k < s.T1 && k <= s.T0+5; k++ {
			if v.Low(k) == ":" {
				colon = k
				break
			}
			if !r.nameWord(k) && v.Low(k) != "'s" && v.Low(k) != "’s" || r.inQuote[k] >= 0 || r.inTime(k) {
				break
			}
			if _, _, isCue := r.cueAt(k); isCue {
				break
			}
		}
		if colon <= s.T0 || colon+1 >= s.T1 || r.inQuote[colon+1] >= 0 {
			continue
		}
		first, _ := utf8.DecodeRuneInString(v.Toks[s.T0].Text)
		label := strings.ToLower(v.Text[v.Toks[s.T0].Start:v.Toks[colon-1].End])
		if !unicode.IsUpper(first) || notSpeakerLabels[label] {
			continue
		}
		who, ok := r.subjectAfter(s.T0, colon)
		if !ok || who.entity == "" {
			// "The Latest:", "Here's a hunch:": a label that names
			// nobody known is a heading.
			continue
		}
		end := s.T1
		for end > colon+1 && !v.IsWord(end-1) && r.inQuote[end-1] < 0 && v.Low(end-1) != ")" {
			end--
		}
		if q, ok := r.quote(colon+1, end, colon, colon+1, who, true); ok {
			q.Sentence = si
			out = append(out, q)
		}
	}
	return out
}
