package quotes

import "newsgraph/document"

// parse is the dependency parse that the nlp stage left in doc.Tokens,
// lined up with the view's tokens. The rules read the words first; the
// parse is the fallback for a speaker that is not next to its cue: "the
// State Department has deemed … and says …" (conj), "…, saying …" after
// a verb that reports nothing (advcl), "Jason Sims — a teacher — says".
// Without a parse (Head -1 everywhere) it finds nothing.
type parse struct {
	toks  []document.Token
	byOff map[int]int // token start offset -> doc.Tokens index
	kids  [][]int     // doc token -> its dependents
	ok    bool
}

func newParse(doc *document.Document) *parse {
	p := &parse{toks: doc.Tokens}
	for _, t := range doc.Tokens {
		if t.Head >= 0 {
			p.ok = true
			break
		}
	}
	if !p.ok {
		return p
	}
	p.byOff = make(map[int]int, len(doc.Tokens))
	p.kids = make([][]int, len(doc.Tokens))
	for i, t := range doc.Tokens {
		p.byOff[t.Start] = i
		if t.Head >= 0 && t.Head < len(doc.Tokens) {
			p.kids[t.Head] = append(p.kids[t.Head], i)
		}
	}
	return p
}

// at returns the doc token that starts at offset, or -1.
func (p *parse) at(offset int) int {
	if !p.ok {
		return -1
	}
	if i, ok := p.byOff[offset]; ok {
		return i
	}
	return -1
}

// isVerb reports whether the doc token that starts at offset is tagged a
// verb, or whether there is no parse to tell.
func (p *parse) isVerb(offset int) bool {
	i := p.at(offset)
	if i < 0 {
		return !p.ok
	}
	pos := p.toks[i].POS
	return pos == "" || pos == "VERB" || pos == "AUX"
}

// isFiniteVerb reports whether the doc token that starts at offset is a
// verb in the past or present tense (VBD, VBZ, VBP); false without a
// parse.
func (p *parse) isFiniteVerb(offset int) bool {
	i := p.at(offset)
	if i < 0 {
		return false
	}
	switch p.toks[i].Tag {
	case "VBD", "VBZ", "VBP":
		return p.toks[i].POS == "VERB"
	}
	return false
}

// subject returns the doc token that is the subject of the verb at i: its
// own nsubj, else that of the verb it is joined to (conj) or hangs from
// as a participle (advcl, xcomp), at most two steps up. -1 when none.
func (p *parse) subject(i int) int {
	for step := 0; i >= 0 && step < 3; step++ {
		for _, k := range p.kids[i] {
			if d := p.toks[k].Dep; d == "nsubj" {
				return k
			}
		}
		switch p.toks[i].Dep {
		case "conj", "advcl", "xcomp":
			i = p.toks[i].Head
		default:
			return -1
		}
	}
	return -1
}

// clauseStart returns the start offset of the clausal complement (ccomp)
// of the verb at doc token i that follows it: the first word of the
// complement's subtree. -1 when there is none.
func (p *parse) clauseStart(i int) int {
	if i < 0 || !p.ok {
		return -1
	}
	for _, k := range p.kids[i] {
		if p.toks[k].Dep != "ccomp" || k < i {
			continue
		}
		lo := k
		// The leftmost word of the subtree, a few levels down:
		// subjects and their determiners come first.
		stack := []int{k}
		for n := 0; len(stack) > 0 && n < 64; n++ {
			t := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, d := range p.kids[t] {
				if d < lo && d > i {
					lo = d
				}
				if d < t {
					stack = append(stack, d)
				}
			}
		}
		return p.toks[lo].Start
	}
	return -1
}

// phrase returns the offsets of the noun phrase headed by doc token h:
// the head with its compound, flat, det, amod and nmod:poss dependents,
// which are next to it, but not an apposition, clause or prepositional
// phrase.
func (p *parse) phrase(h int) (start, end int) {
	lo, hi := h, h
	for changed := true; changed; {
		changed = false
		for _, k := range p.kids[h] {
			switch p.toks[k].Dep {
			case "compound", "flat", "det", "amod", "nmod:poss", "case", "nummod":
				if k == lo-1 {
					lo, changed = k, true
				} else if k == hi+1 && p.toks[k].Dep != "case" {
					hi, changed = k, true
				}
			}
		}
		// Possessives hang off the possessor: keep "'s" out.
	}
	return p.toks[lo].Start, p.toks[hi].End
}
