package quotes

import (
	"strings"

	"newsgraph/document"
)

// attribution is the reporting clause found for a quotation.
type attribution struct {
	cueStart, cueEnd int // cue tokens [cueStart, cueEnd); cueStart is -1 when there is none
	who              speakerRef
	hasWho           bool
	at               int // the token it applies from: the cue, else the opening mark
}

func noAttribution() attribution { return attribution{cueStart: -1} }

// Quotations shorter than these, in words, are taken for scare quotes,
// titles or terms ("a “humanitarian pause”") rather than something said:
// minQuoteWords with a reporting clause, minBareQuoteWords without.
const (
	minQuoteWords     = 3
	minBareQuoteWords = 5
)

// direct reads the quotations of the text as direct quotes. It returns
// the quotes and, per sentence, the attributions found there, which the
// indirect rules use for "…,” she said, adding that …".
func (r *reader) direct(qs []quoted) ([]document.Quote, map[int][]attribution) {
	v := r.v
	var out []document.Quote
	bySentence := map[int][]attribution{}
	for _, q := range qs {
		openTok, closeTok := v.tokenAt(q.open), v.tokenAt(q.close-1)
		a := noAttribution()
		if openTok >= 0 && closeTok >= 0 {
			a = r.attribute(openTok, closeTok, bySentence)
		}
		words := countWords(v.text[q.start:q.end])
		if words < minQuoteWords || (a.cueStart < 0 && !a.hasWho && words < minBareQuoteWords) {
			continue
		}
		dq := document.Quote{
			Kind:  document.QuoteDirect,
			Text:  v.text[q.start:q.end],
			Start: q.start,
			End:   q.end,
		}
		sent := -1
		if openTok >= 0 {
			sent = v.toks[openTok].sent
		}
		if a.cueStart >= 0 {
			r.setCue(&dq, a)
			sent = v.toks[a.cueStart].sent
			a.at = a.cueStart
		} else {
			a.at = openTok
		}
		if sent >= 0 && (a.cueStart >= 0 || a.hasWho) {
			bySentence[sent] = append(bySentence[sent], a)
		}
		setSpeaker(v, &dq, a)
		dq.Sentence = max(sent, 0)
		out = append(out, dq)
	}
	return out, bySentence
}

// attribute finds the reporting clause of the quotation whose marks are the
// tokens openTok and closeTok, in this order: right after it in the same
// sentence (“…,” she said); before it in the same sentence (Meloni told
// lawmakers, “…”); at the end of the sentence before, when that ends with
// a colon (She said:); and last, for a quotation that opens its sentence,
// the speaker of a quotation in the sentence before in the same paragraph
// (“…,” he said. “…”).
func (r *reader) attribute(openTok, closeTok int, bySentence map[int][]attribution) attribution {
	if a, ok := r.after(closeTok); ok {
		return a
	}
	v := r.v
	s := v.sents[v.toks[openTok].sent]
	if a, ok := r.lastCue(from(s.t0, openTok), openTok); ok {
		return a
	}
	if !r.opensSentence(openTok) || v.toks[openTok].sent == 0 {
		return noAttribution()
	}
	prev := v.sents[v.toks[openTok].sent-1]
	if prev.t1 > prev.t0 && v.low(prev.t1-1) == ":" {
		if a, ok := r.lastCue(from(prev.t0, prev.t1-1), prev.t1-1); ok {
			return a
		}
	}
	if strings.Contains(v.text[prev.end:s.start], "\n") {
		return noAttribution()
	}
	for _, a := range bySentence[v.toks[openTok].sent-1] {
		if a.hasWho && a.who.entity != "" {
			// The same speaker, carried over; there is no cue of its own.
			return attribution{cueStart: -1, who: a.who, hasWho: true}
		}
	}
	return noAttribution()
}

// after reads a reporting clause that follows the closing mark at closeTok
// in the same sentence: ", she said", ", said Jean-Pierre", ", according
// to the ministry".
func (r *reader) after(closeTok int) (attribution, bool) {
	v := r.v
	p := closeTok + 1
	if p >= len(v.toks) || v.toks[p].sent != v.toks[closeTok].sent {
		return attribution{}, false
	}
	if l := v.low(p); l == "," || l == "—" || l == "–" || l == "-" {
		p++
	}
	s := v.sents[v.toks[closeTok].sent]
	if p >= s.t1 || r.inQuote[p] >= 0 {
		return attribution{}, false
	}
	if _, end, ok := r.cueAt(p); ok {
		// Inverted: "said Jean-Pierre".
		a := attribution{cueStart: p, cueEnd: end}
		a.who, a.hasWho = r.subjectAfter(end, s.t1)
		return a, true
	}
	for c := p; c < s.t1 && c < p+9 && r.inQuote[c] < 0; c++ {
		if !v.isWord(c) && !strings.HasPrefix(v.low(c), "'") {
			return attribution{}, false
		}
		if _, end, ok := r.cueAt(c); ok {
			who, ok := r.subjectBefore(c, p)
			if !ok || who.start < v.toks[p].start {
				return attribution{}, false
			}
			return attribution{cueStart: c, cueEnd: end, who: who, hasWho: true}, true
		}
	}
	return attribution{}, false
}

// lastCue reads the reporting word nearest before token hi, back to lo,
// outside quotations, with its speaker.
func (r *reader) lastCue(lo, hi int) (attribution, bool) {
	for c := hi - 1; c >= lo; c-- {
		if r.inQuote[c] >= 0 {
			continue
		}
		if r.v.low(c) == "to" && r.isAccording(c-1) {
			continue
		}
		_, end, ok := r.cueAt(c)
		if !ok {
			continue
		}
		a := attribution{cueStart: c, cueEnd: end}
		if r.isAccording(c) {
			a.who, a.hasWho = r.subjectAfter(end, hi)
		} else {
			a.who, a.hasWho = r.subjectBefore(c, lo)
		}
		return a, true
	}
	return attribution{}, false
}

// opensSentence reports whether no word outside quotations comes before
// token i in its sentence.
func (r *reader) opensSentence(i int) bool {
	s := r.v.sents[r.v.toks[i].sent]
	if i-s.t0 > window {
		return false
	}
	for k := s.t0; k < i; k++ {
		if r.v.isWord(k) && r.inQuote[k] < 0 {
			return false
		}
	}
	return true
}

func (r *reader) setCue(q *document.Quote, a attribution) {
	v := r.v
	q.CueStart = v.toks[a.cueStart].start
	q.CueEnd = v.toks[a.cueEnd-1].end
	q.Cue = v.text[q.CueStart:q.CueEnd]
}

func setSpeaker(v *view, q *document.Quote, a attribution) {
	if !a.hasWho {
		return
	}
	q.SpeakerText = v.text[a.who.start:a.who.end]
	if a.who.entity != "" {
		id := a.who.entity
		q.Speaker = &id
	}
}

// countWords counts the runs of letters and digits in s.
func countWords(s string) int {
	n := 0
	in := false
	for _, r := range s {
		w := isWordRune(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}
