package quotes

import (
	"strings"

	"newsgraph/document"
	"newsgraph/internal/textview"
)

// attribution is the reporting clause found for a quotation.
type attribution struct {
	cueStart, cueEnd int // cue tokens [cueStart, cueEnd); cueStart is -1 when there is none
	who              speakerRef
	hasWho           bool
	at               int // the token it applies from: the cue, else the opening mark
	// carried: the cue and speaker are those of a quotation this one
	// continues (“…,” he said. “…”), in the sentence before.
	carried bool
	// adjacent: the reporting clause follows the closing mark after a
	// comma inside or after it (“…,” she said).
	adjacent bool
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
		openTok, closeTok := v.TokenAt(q.open), v.TokenAt(q.close-1)
		a := noAttribution()
		if openTok >= 0 && closeTok >= 0 {
			a = r.attribute(openTok, closeTok, bySentence)
		}
		sent := -1
		if openTok >= 0 {
			sent = v.Toks[openTok].Sent
		}
		if a.cueStart >= 0 && !a.carried {
			sent = v.Toks[a.cueStart].Sent
			a.at = a.cueStart
		} else {
			a.at = openTok
		}
		// The reporting clause is recorded even when its quotation is
		// too short to list: “Safety,” said Grimm. “Safety for the
		// whole country.” continues with Grimm's words.
		if sent >= 0 && (a.cueStart >= 0 || a.hasWho) {
			bySentence[sent] = append(bySentence[sent], a)
		}
		words := countWords(v.Text[q.start:q.end])
		// A quotation right before its reporting clause (“They sue,” he
		// said) is something said however short; elsewhere a short one
		// is taken for scare quotes.
		if words < minQuoteWords && !(a.adjacent && a.hasWho && words > 1 && r.opensSentence(openTok)) || (a.cueStart < 0 && !a.hasWho && words < minBareQuoteWords) {
			continue
		}
		dq := document.Quote{
			Kind:  document.QuoteDirect,
			Text:  v.Text[q.start:q.end],
			Start: q.start,
			End:   q.end,
		}
		if a.cueStart >= 0 {
			r.setCue(&dq, a)
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
	s := v.Sents[v.Toks[openTok].Sent]
	if a, ok := r.lastCue(from(s.T0, openTok), openTok); ok {
		return a
	}
	if a, ok := r.closingClause(closeTok, s); ok {
		return a
	}
	if openTok > s.T0 && r.v.Low(openTok-1) == ":" {
		if a, ok := r.colon(openTok - 1); ok {
			return a
		}
	}
	if !r.opensSentence(openTok) || v.Toks[openTok].Sent == 0 {
		return noAttribution()
	}
	prev := v.Sents[v.Toks[openTok].Sent-1]
	if prev.T1 > prev.T0 && v.Low(prev.T1-1) == ":" {
		if a, ok := r.lastCue(from(prev.T0, prev.T1-1), prev.T1-1); ok {
			return a
		}
		if a, ok := r.colon(prev.T1 - 1); ok {
			return a
		}
	}
	if strings.Contains(v.Text[prev.End:s.Start], "\n") {
		return noAttribution()
	}
	for _, a := range bySentence[v.Toks[openTok].Sent-1] {
		if a.hasWho {
			// The same speaker and reporting word, carried over.
			return attribution{cueStart: a.cueStart, cueEnd: a.cueEnd, who: a.who, hasWho: true, carried: true}
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
	if p >= len(v.Toks) {
		return attribution{}, false
	}
	// The comma inside the marks, as news style puts it, or a question
	// or exclamation mark, which stands for it (“… no?” Ortega said).
	inside := strings.TrimSpace(v.Text[:v.Toks[closeTok].Start])
	comma := strings.HasSuffix(inside, ",")
	asked := strings.HasSuffix(inside, "?") || strings.HasSuffix(inside, "!")
	s := v.Sents[v.Toks[p].Sent]
	// After “…?” the sentence splitter may start a new sentence; in the
	// same paragraph, a reporting clause that is the whole of it is the
	// quotation's: “… no?” Freddy Ortega said.
	nextSentence := v.Toks[p].Sent != v.Toks[closeTok].Sent
	if nextSentence && (!asked || p != s.T0 || strings.Contains(v.Text[v.Toks[closeTok].End:v.Toks[p].Start], "\n")) {
		return attribution{}, false
	}
	if l := v.Low(p); l == "," || l == "—" || l == "–" || l == "-" {
		p++
	}
	if p >= s.T1 || r.inQuote[p] >= 0 {
		return attribution{}, false
	}
	comma = comma || asked
	if cu, end, ok := r.cueAt(p); ok {
		// Inverted: "said Jean-Pierre".
		a := attribution{cueStart: p, cueEnd: end, adjacent: comma}
		a.who, a.hasWho = r.subjectAfter(end, s.T1)
		if nextSentence && (!a.hasWho || !r.endsClause(r.after1(a.who), cu, s)) {
			return attribution{}, false
		}
		return a, true
	}
	for c := p; c < s.T1 && c < p+9 && r.inQuote[c] < 0; c++ {
		if v.Low(c) == "," && c > p {
			// “…,” Graham, a former candidate, told CBS News.
			return r.afterAppositive(p, c, s)
		}
		if !r.nameWord(c) && !strings.HasPrefix(v.Low(c), "'") {
			return attribution{}, false
		}
		_, end, ok := r.cueAt(c)
		if !ok && comma && c > p && r.parse.isFiniteVerb(v.Toks[c].Start) && r.opensSentence(r.quoteOpen(closeTok)) {
			// “…,” Toomey fumed, “…,” the audience screamed back: after
			// a quotation that opens its sentence and ends with its
			// comma, the verb of a speaker is the reporting word,
			// whatever the verb.
			ok, end = true, c+1
		}
		if ok {
			who, ok := r.subjectBefore(c, p)
			if !ok || who.start < v.Toks[p].Start || nextSentence && !r.endsClause(end, cues[v.Low(c)], s) {
				return attribution{}, false
			}
			return attribution{cueStart: c, cueEnd: end, who: who, hasWho: true, adjacent: comma}, true
		}
	}
	return attribution{}, false
}

// quoteOpen returns the first token of the quotation that holds token i.
func (r *reader) quoteOpen(i int) int {
	for i > 0 && r.inQuote[i-1] == r.inQuote[i] {
		i--
	}
	return i
}

// afterAppositive reads “…,” NAME, APPOSITION, said: the speaker is the
// name from token p up to the comma at token comma, which must be a known
// mention; the apposition runs to a second comma within fifteen tokens,
// and the cue comes right after it (past auxiliaries and adverbs).
func (r *reader) afterAppositive(p, comma int, s textview.Sentence) (attribution, bool) {
	v := r.v
	who, ok := r.phraseEndingAt(comma-1, p)
	if !ok || who.entity == "" || who.start != v.Toks[p].Start {
		return attribution{}, false
	}
	for k := comma + 1; k < s.T1 && k <= comma+15 && r.inQuote[k] < 0; k++ {
		if v.Low(k) != "," {
			continue
		}
		c := k + 1
		for c < s.T1 && skipBeforeCue[v.Low(c)] {
			c++
		}
		if _, end, ok := r.cueAt(c); ok && !r.isAccording(c) {
			return attribution{cueStart: c, cueEnd: end, who: who, hasWho: true}, true
		}
		return attribution{}, false
	}
	return attribution{}, false
}

// closingClause reads a reporting clause that ends the sentence after
// more words than after reads: “…” and against the law, Clinton said.
func (r *reader) closingClause(closeTok int, s textview.Sentence) (attribution, bool) {
	for c := closeTok + 1; c < s.T1 && c <= closeTok+window; c++ {
		if r.inQuote[c] >= 0 {
			return attribution{}, false
		}
		cu, end, ok := r.cueAt(c)
		if !ok || r.isAccording(c) || !r.endsClause(end, cu, s) {
			continue
		}
		who, ok := r.subjectBefore(c, closeTok+1)
		if !ok {
			continue
		}
		if k := r.commaBefore(r.v.TokenAt(who.start), s); k > closeTok {
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
		if r.v.Low(c) == "to" && r.isAccording(c-1) {
			continue
		}
		_, end, ok := r.cueAt(c)
		if !ok {
			continue
		}
		a := attribution{cueStart: c, cueEnd: end}
		if r.isAccording(c) {
			a.who, a.hasWho = r.subjectAfter(end, hi)
		} else if a.who, a.hasWho = r.subjectBefore(c, lo); !a.hasWho {
			a.who, a.hasWho = r.parsedSubject(c)
		}
		return a, true
	}
	return attribution{}, false
}

// colon reads the clause before a colon at token c that has no reporting
// word: the colon is the cue and the subject of the clause the speaker.
//
// The cue runs from the clause's verb to the colon when the verb is near
// ("fired back:", "delivered a blunt message to Trump:"): those words,
// not the colon alone, say how it was said.
func (r *reader) colon(c int) (attribution, bool) {
	who, verb, ok := r.colonSubject(c)
	if !ok {
		return attribution{}, false
	}
	start := c
	if k := r.v.TokenAt(r.parse.toks[verb].Start); k >= 0 && k < c && c-k <= maxColonCue && r.v.Toks[k].Start >= who.end && r.inQuote[k] < 0 {
		start = k
	}
	return attribution{cueStart: start, cueEnd: c + 1, who: who, hasWho: true}, true
}

// maxColonCue is how many tokens before a colon the verb of its clause may
// be for the cue to start there.
const maxColonCue = 10

// opensSentence reports whether no word outside quotations comes before
// token i in its sentence.
func (r *reader) opensSentence(i int) bool {
	s := r.v.Sents[r.v.Toks[i].Sent]
	if i-s.T0 > window {
		return false
	}
	for k := s.T0; k < i; k++ {
		if r.v.IsWord(k) && r.inQuote[k] < 0 {
			return false
		}
	}
	return true
}

func (r *reader) setCue(q *document.Quote, a attribution) {
	v := r.v
	q.CueStart = v.Toks[a.cueStart].Start
	q.CueEnd = v.Toks[a.cueEnd-1].End
	q.Cue = v.Text[q.CueStart:q.CueEnd]
	q.Addressee = r.addressee(a.cueStart, a.cueEnd)
}

// addressee reads who a cue with an object names as told ("told
// lawmakers in the Senate that …", "assured reporters, “…”"): the words
// after the cue up to "that", punctuation, a quotation or a time, at most
// eight. nil when the cue takes no object or none is there.
func (r *reader) addressee(c, ce int) *document.Addressee {
	v := r.v
	if !cues[v.Low(c)].object {
		return nil
	}
	s := v.Sents[v.Toks[c].Sent]
	e := ce
	for e < s.T1 && e-ce < 8 && r.nameWord(e) && r.inQuote[e] < 0 && !r.inTime(e) && v.Low(e) != "that" {
		e++
	}
	for e > ce && (prepositions[v.Low(e-1)] || determiners[v.Low(e-1)] || conjunctions[v.Low(e-1)]) {
		e--
	}
	if e == ce {
		return nil
	}
	a := &document.Addressee{Start: v.Toks[ce].Start, End: v.Toks[e-1].End}
	a.Text = v.Text[a.Start:a.End]
	// The entity is the one the phrase ends with, as for speakers, unless
	// it hangs off a preposition ("lawmakers in the Senate").
	last := v.Toks[e-1]
	if m, ok := r.ix.at(last.Start, last.End); ok && m.entity != "" && m.start >= a.Start && m.end == a.End {
		for k := ce; k < e && v.Toks[k].Start < m.start; k++ {
			if prepositions[v.Low(k)] {
				return a
			}
		}
		a.Entity = m.entity
	}
	return a
}

func setSpeaker(v *textview.View, q *document.Quote, a attribution) {
	if !a.hasWho {
		return
	}
	q.SpeakerText = v.Text[a.who.start:a.who.end]
	q.SpeakerStart, q.SpeakerEnd = a.who.start, a.who.end
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
		w := textview.IsWordRune(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}
