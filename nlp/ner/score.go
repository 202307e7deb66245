package ner

import "sort"

// Score counts names found against gold names the CoNLL way: a name is
// right only when its start, end and type all match.
type Score struct {
	gold, found, right map[string]int // per type
}

// Add counts one sentence's gold and found names.
func (s *Score) Add(gold, found []Span) {
	if s.gold == nil {
		s.gold, s.found, s.right = map[string]int{}, map[string]int{}, map[string]int{}
	}
	want := make(map[Span]int, len(gold))
	for _, g := range gold {
		want[g]++
		s.gold[g.Type]++
	}
	for _, f := range found {
		s.found[f.Type]++
		if want[f] > 0 {
			want[f]--
			s.right[f.Type]++
		}
	}
}

// PRF returns micro-averaged precision, recall and F1 over all types, or
// over one type when typ is not "".
func (s *Score) PRF(typ string) (p, r, f float64) {
	var g, fd, ok int
	for t, n := range s.gold {
		if typ == "" || t == typ {
			g += n
		}
	}
	for t, n := range s.found {
		if typ == "" || t == typ {
			fd += n
		}
	}
	for t, n := range s.right {
		if typ == "" || t == typ {
			ok += n
		}
	}
	if fd > 0 {
		p = float64(ok) / float64(fd)
	}
	if g > 0 {
		r = float64(ok) / float64(g)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// Types returns the types seen in gold or found names, sorted.
func (s *Score) Types() []string {
	seen := map[string]bool{}
	for t := range s.gold {
		seen[t] = true
	}
	for t := range s.found {
		seen[t] = true
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
