package quotes

import (
	"strings"

	"newsgraph/internal/textview"
)

// isAcronymish reports whether a word in capitals is short enough to be
// an organisation's initials ("FBI", "NATO") rather than a dateline.
func isAcronymish(s string) bool { return len(s) <= 5 }

// isAdverb reports whether a word is an adverb in -ly written in lower
// case ("quickly", "falsely"), which may stand between a subject and its
// cue; names ("Kelly") are capitalised.
func isAdverb(w string) bool {
	return len(w) >= 5 && strings.HasSuffix(w, "ly") && strings.ToLower(w) == w && w != "only" && w != "early"
}

// speakerRef is who a reporting clause names as the speaker.
type speakerRef struct {
	entity     string // entity id, "" when the words name no known entity
	start, end int    // the words
}

// reader holds what the rules read besides the tokens.
type reader struct {
	v       *textview.View
	ix      *mentionIndex
	timeTok []bool // per token: inside a time expression ("Meloni on Tuesday said")
	inQuote []int  // per token: index of the quotation holding it, or -1
	parse   *parse
}

// window bounds how far, in tokens, a rule looks back or ahead from a cue
// or a quotation mark, so that a run-on "sentence" (a table, a list with
// no full stops) costs linear time, not quadratic.
const window = 60

func (r *reader) inTime(i int) bool { return i >= 0 && i < len(r.timeTok) && r.timeTok[i] }

// from returns the first token a rule may look at, reading back from i
// towards lo.
func from(lo, i int) int { return max(lo, i-window) }

// cueAt returns the reporting word at token i, and the index just past it
// ("according to" is two tokens).
func (r *reader) cueAt(i int) (cue, int, bool) {
	if i < 0 || i >= len(r.v.Toks) {
		return cue{}, i, false
	}
	if r.v.Low(i) == "according" && r.v.Low(i+1) == "to" {
		return cue{indirect: true}, i + 2, true
	}
	l := r.v.Low(i)
	c, ok := cues[l]
	if ok && nounToo[l] && !r.parse.isVerb(r.v.Toks[i].Start) {
		return cue{}, i, false
	}
	return c, i + 1, ok
}

// nameWord reports whether token i can be part of a name: a word, or the
// dot of an abbreviated title ("Mr.", "Sen.") that the tokenizer split off.
func (r *reader) nameWord(i int) bool {
	return r.v.IsWord(i) || r.v.Low(i) == "." && abbreviations[r.v.Low(i-1)]
}

func (r *reader) isAccording(i int) bool {
	return r.v.Low(i) == "according" && r.v.Low(i+1) == "to"
}

// subjectBefore finds the speaker of the cue at token c among the tokens
// [lo, c): the mention or noun phrase that ends just before the cue, past
// auxiliaries, adverbs, a time expression or an appositive between commas.
// It never looks past lo, which callers set to the start of the clause.
func (r *reader) subjectBefore(c, lo int) (speakerRef, bool) {
	v := r.v
	lo = from(lo, c)
	j := c - 1
	for j >= lo {
		switch {
		case skipBeforeCue[v.Low(j)] || isAdverb(v.Toks[j].Text):
			j--
		case r.inTime(j):
			for j >= lo && r.inTime(j) {
				j--
			}
			if j >= lo && timePrepositions[v.Low(j)] {
				j--
			}
		default:
			goto found
		}
	}
	return speakerRef{}, false
found:
	if r.inQuote[j] >= 0 {
		return speakerRef{}, false
	}
	if v.Low(j) == "," {
		return r.appositive(j, lo)
	}
	if v.Low(j) == "who" && j-1 >= lo {
		// "Lionel Sosa, a consultant who said …", "Mike Lee, who
		// declared …": the words are "who", the speaker the person
		// it stands for.
		k := j - 1
		if v.Low(k) == "," {
			k--
		}
		if ante, ok := r.phraseEndingAt(k, lo); ok && (ante.entity != "" || !pronouns[v.Low(k)]) {
			// "voters who said …": a group that is no entity still
			// speaks; the words are "who", as for a named one.
			t := v.Toks[j]
			return speakerRef{entity: ante.entity, start: t.Start, end: t.End}, true
		}
		return speakerRef{}, false
	}
	who, ok := r.phraseEndingAt(j, lo)
	if ok && who.entity == "" {
		// "Trump in his announcement speech called …": a phrase after
		// a preposition is no subject; the parse may name the one.
		if b := v.TokenAt(who.start) - 1; b >= lo && prepositions[v.Low(b)] && v.Low(b) != "of" {
			if w, ok := r.parsedSubject(c); ok {
				return w, true
			}
		}
	}
	return who, ok
}

// parsedSubject finds the speaker of the cue at token c from the parse:
// the subject of the cue's verb, or of the verb it is joined to, in the
// same sentence and outside quotations. The speaker is the mention at the
// subject's head word, else its noun phrase.
func (r *reader) parsedSubject(c int) (speakerRef, bool) {
	return r.parsedSubjectOf(r.parse.at(r.v.Toks[c].Start), c)
}

// colonSubject finds who speaks in a quotation introduced by a colon
// with no reporting word ("Clinton has since apologized for what
// happened: “…”"): the subject of the main verb of the clause that ends
// at the colon, token c, and that verb (an index into the parse).
func (r *reader) colonSubject(c int) (who speakerRef, verb int, ok bool) {
	if c <= 0 {
		return speakerRef{}, -1, false
	}
	h := r.parse.at(r.v.Toks[c-1].Start)
	for step := 0; h >= 0 && step < 30 && r.parse.toks[h].Dep != "root"; step++ {
		h = r.parse.toks[h].Head
	}
	if h < 0 || r.parse.toks[h].POS != "VERB" && r.parse.toks[h].POS != "AUX" {
		return speakerRef{}, -1, false
	}
	who, ok = r.parsedSubjectOf(h, c)
	return who, h, ok
}

// parsedSubjectOf is parsedSubject for the verb at doc token h; the
// subject must come before token c.
func (r *reader) parsedSubjectOf(h, c int) (speakerRef, bool) {
	v := r.v
	if h < 0 {
		return speakerRef{}, false
	}
	s := r.parse.subject(h)
	if s < 0 {
		return speakerRef{}, false
	}
	st := r.parse.toks[s]
	i := v.TokenAt(st.Start)
	// A subject after its cue is an inversion the rules read; a time
	// ("said Saturday") or a dateline in capitals is a parsing slip.
	if i < 0 || i >= c || v.Toks[i].Sent != v.Toks[c].Sent || r.inQuote[i] >= 0 || r.inTime(i) ||
		st.POS != "" && st.POS != "NOUN" && st.POS != "PROPN" && st.POS != "PRON" ||
		len(st.Text) > 1 && strings.ToUpper(st.Text) == st.Text && !isAcronymish(st.Text) {
		return speakerRef{}, false
	}
	if m, ok := r.ix.at(st.Start, st.End); ok {
		return speakerRef{entity: m.entity, start: m.start, end: m.end}, true
	}
	if pronouns[v.Low(i)] {
		return speakerRef{start: st.Start, end: st.End}, true
	}
	if relatives[v.Low(i)] {
		return speakerRef{}, false
	}
	start, end := r.parse.phrase(s)
	return speakerRef{start: start, end: end}, true
}

// appositive reads a speaker set off by commas, the second of which is at
// token j: "Karine Jean-Pierre, the White House spokesperson, said" and
// "Israel, backed by the US, said" are said by what comes before the
// first comma; "The minister, Sarah Jones, said" by the name between.
func (r *reader) appositive(j, lo int) (speakerRef, bool) {
	v := r.v
	for k := j - 1; k > lo && k >= j-15; k-- {
		if r.inQuote[k] >= 0 || v.Low(k) == ";" {
			break
		}
		if v.Low(k) != "," {
			continue
		}
		first, ok := r.phraseEndingAt(k-1, lo)
		if ok && first.entity != "" {
			return first, true
		}
		if last := v.Toks[j-1]; k < j-1 {
			if m, ok := r.ix.at(last.Start, last.End); ok && m.entity != "" && m.end >= last.End {
				return speakerRef{entity: m.entity, start: m.start, end: m.end}, true
			}
		}
		return first, ok
	}
	return speakerRef{}, false
}

// phraseEndingAt reads the speaker whose words end at token j: a mention,
// a pronoun, or a noun phrase that names no known entity ("the ministry
// said", "officials in Washington said"), whose words are kept while the
// entity stays unknown rather than taking a name inside the phrase for
// the speaker.
func (r *reader) phraseEndingAt(j, lo int) (speakerRef, bool) {
	v := r.v
	if j >= lo && j >= 0 && v.Low(j) == ")" {
		// "Sen. Marco Rubio (R-Fla.) said": a party and state tag, or
		// another aside in brackets, after the speaker's name.
		for k := j - 1; k >= lo && k >= j-8; k-- {
			if v.Low(k) == "(" {
				j = k - 1
				break
			}
		}
	}
	if j < lo || j < 0 || r.inQuote[j] >= 0 {
		return speakerRef{}, false
	}
	t := v.Toks[j]
	if m, ok := r.ix.at(t.Start, t.End); ok && !r.afterPreposition(m.start) {
		return speakerRef{entity: m.entity, start: m.start, end: m.end}, true
	}
	if pronouns[t.Low] {
		return speakerRef{start: t.Start, end: t.End}, true
	}
	if !v.IsWord(j) || notInPhrase[t.Low] || determiners[t.Low] || prepositions[t.Low] || conjunctions[t.Low] {
		return speakerRef{}, false
	}
	s := j
	for s-1 >= lo && j-s < 5 && r.nameWord(s-1) && !notInPhrase[v.Low(s-1)] && !conjunctions[v.Low(s-1)] && r.inQuote[s-1] < 0 {
		if _, _, isCue := r.cueAt(s - 1); isCue || determiners[v.Low(s)] {
			break
		}
		s--
	}
	for s < j && prepositions[v.Low(s)] {
		s++
	}
	return speakerRef{start: v.Toks[s].Start, end: t.End}, true
}

// afterPreposition reports whether the word before offset is a
// preposition: "officials in Washington said" is not said by Washington.
func (r *reader) afterPreposition(offset int) bool {
	i := r.v.TokenAt(offset)
	return i > 0 && prepositions[r.v.Low(i-1)]
}

// subjectAfter finds the speaker named after a cue, as in “…,” said
// Karine Jean-Pierre, or "according to the ministry": the run of words from
// token i up to the first punctuation or clause word, at most eight. The
// speaker is the entity mentioned at its end ("White House spokesperson
// Karine Jean-Pierre" is Jean-Pierre, not the White House); otherwise the
// words name no known entity.
func (r *reader) subjectAfter(i, hi int) (speakerRef, bool) {
	v := r.v
	if i >= hi || i >= len(v.Toks) || r.inQuote[i] >= 0 {
		return speakerRef{}, false
	}
	if pronouns[v.Low(i)] {
		t := v.Toks[i]
		if m, ok := r.ix.at(t.Start, t.End); ok {
			return speakerRef{entity: m.entity, start: m.start, end: m.end}, true
		}
		return speakerRef{start: t.Start, end: t.End}, true
	}
	e := i
	for e < hi && e-i < 8 && (r.nameWord(e) || e > i && v.Low(e) == "'s") && r.inQuote[e] < 0 && (e == i || !notInPhrase[v.Low(e)]) {
		if verbish[v.Low(e)] && v.Low(e) != "'s" {
			// "said the decision was final": a clause, not a speaker.
			return speakerRef{}, false
		}
		e++
	}
	if e == i {
		return speakerRef{}, false
	}
	// The head of the phrase is its last word: "a senior US official" is
	// said by an official, not by the US.
	last := v.Toks[e-1]
	if m, ok := r.ix.at(last.Start, last.End); ok && m.entity != "" && m.end >= last.End {
		return speakerRef{entity: m.entity, start: m.start, end: m.end}, true
	}
	return speakerRef{start: v.Toks[i].Start, end: last.End}, true
}
