package ner

// Types are the entity types the recogniser finds: the CoNLL-2003 set.
var Types = []string{"PER", "ORG", "LOC", "MISC"}

// The model labels each token with a BILOU tag (Ratinov and Roth 2009
// found it better than BIO for greedy decoding): Begin, Inside, Last of a
// multi-token name, Unit for a one-token name, or O outside names. Class 0
// is O; class 1+4*t+p is position p (B, I, L, U) of Types[t].
const (
	posB = iota
	posI
	posL
	posU
)

const numClasses = 1 + 4*4

// classNameList returns the tag of every class, in class order.
func classNameList() []string {
	names := []string{"O"}
	for _, t := range Types {
		for _, p := range "BILU" {
			names = append(names, string(p)+"-"+t)
		}
	}
	return names
}

func classOf(typ, pos int) int { return 1 + 4*typ + pos }

// split returns a class's type index and position; ok is false for O.
func split(c int) (typ, pos int, ok bool) {
	if c <= 0 {
		return 0, 0, false
	}
	return (c - 1) / 4, (c - 1) % 4, true
}

// allowed reports whether class cur may follow class prev (0, O, at the
// start of a sentence). A name that is open (B or I) must go on with I or
// close with L of its own type; otherwise a new name starts with B or U.
// Decoding under this rule keeps every greedy path well formed.
func allowed(prev, cur int) bool {
	pt, pp, pok := split(prev)
	open := pok && (pp == posB || pp == posI)
	ct, cp, cok := split(cur)
	if open {
		return cok && ct == pt && (cp == posI || cp == posL)
	}
	return !cok || cp == posB || cp == posU
}

// encode returns the BILOU class of every token of a sentence of n tokens
// with the given spans (which must not overlap; bad spans are skipped).
func encode(n int, spans []Span) []int {
	tags := make([]int, n)
	for _, s := range spans {
		t := typeIndex(s.Type)
		if t < 0 || s.Start < 0 || s.End > n || s.Start >= s.End {
			continue
		}
		if s.End-s.Start == 1 {
			tags[s.Start] = classOf(t, posU)
			continue
		}
		tags[s.Start] = classOf(t, posB)
		for i := s.Start + 1; i < s.End-1; i++ {
			tags[i] = classOf(t, posI)
		}
		tags[s.End-1] = classOf(t, posL)
	}
	return tags
}

// decode turns classes into spans. It accepts ill-formed sequences too (a
// name left open at the end of the sentence, an I with no B) so that no
// input is lost: a B or U, or a change of type, starts a name, and L, U, O
// or a new start ends it.
func decode(tags []int) []Span {
	var spans []Span
	start, typ := -1, -1
	closeAt := func(end int) {
		if start >= 0 {
			spans = append(spans, Span{Start: start, End: end, Type: Types[typ]})
		}
		start, typ = -1, -1
	}
	for i, c := range tags {
		t, p, ok := split(c)
		if !ok {
			closeAt(i)
			continue
		}
		if p == posB || p == posU || t != typ {
			closeAt(i)
			start, typ = i, t
		}
		if p == posL || p == posU {
			closeAt(i + 1)
		}
	}
	closeAt(len(tags))
	return spans
}

func typeIndex(t string) int {
	for i, s := range Types {
		if s == t {
			return i
		}
	}
	return -1
}
