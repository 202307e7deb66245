package parser

import "newsgraph/nlp/perceptron"

// featBuf collects the hashed features of one decision. A template's id
// is its position in the extraction order, so extractors add every
// template every time (a missing position hashes as hNone) and never
// branch around an add.
type featBuf struct {
	feats []perceptron.Feature
	k     uint64
}

func (b *featBuf) reset() { b.feats, b.k = b.feats[:0], 0 }

func (b *featBuf) add(x, y, z uint64) {
	b.k++
	b.feats = append(b.feats, perceptron.Feature(mix(b.k, x, y, z)))
}

func (b *featBuf) add1(x uint64)    { b.add(x, 0, 0) }
func (b *featBuf) add2(x, y uint64) { b.add(x, y, 0) }

// mix hashes a template id with up to three values (splitmix64 rounds):
// cheaper than formatting feature strings, and as stable across processes.
func mix(k, x, y, z uint64) uint64 {
	h := (k + 1) * 0x9e3779b97f4a7c15
	h = (h ^ x) * 0xbf58476d1ce4e5b9
	h ^= h >> 31
	h = (h ^ y) * 0x94d049bb133111eb
	h ^= h >> 29
	h = (h ^ z) * 0xbf58476d1ce4e5b9
	h ^= h >> 32
	return h
}

// Attribute look-ups that read position -1 (nothing there) as hNone.
func (s *sentence) W(i int) uint64  { return pick(s.w, i) }
func (s *sentence) F(i int) uint64  { return pick(s.f, i) }
func (s *sentence) T(i int) uint64  { return pick(s.t, i) }
func (s *sentence) U(i int) uint64  { return pick(s.u, i) }
func (s *sentence) S(i int) uint64  { return pick(s.s, i) }
func (s *sentence) WT(i int) uint64 { return pick(s.wt, i) }

func pick(a []uint64, i int) uint64 {
	if i < 0 || i >= len(a) {
		return hNone
	}
	return a[i]
}

// child returns a[i] for a children table, -1 where i is nothing.
func child(a []int, i int) int {
	if i < 0 {
		return -1
	}
	return a[i]
}

// L returns the hashed relation of word i, hNone where it has none yet.
func (st *state) L(i int) uint64 {
	if i < 0 || st.labels[i] < 0 {
		return hNone
	}
	return uint64(st.labels[i]+1) * 0x2545f4914f6cdd1d
}

func (st *state) count(a []int, i int) uint64 {
	if i < 0 {
		return 99
	}
	return uint64(min(a[i], 6))
}

func (st *state) set(a []uint64, i int) uint64 {
	if i < 0 {
		return hNone
	}
	return a[i]
}

// distance buckets the distance between words i < j: exact up to 5, then
// coarser, since long arcs behave alike.
func distance(i, j int) uint64 {
	if i < 0 || j < 0 {
		return 99
	}
	d := j - i
	if d < 0 {
		d = -d
	}
	switch {
	case d <= 5:
		return uint64(d)
	case d <= 10:
		return 6
	case d <= 20:
		return 7
	}
	return 8
}

// transFeatures adds the features of the next transition: the Zhang &
// Nivre (2011) templates over the top three stack items (s0, s1, s2) and
// the first three buffer words (b0, b1, b2). Stack items have no head yet
// in the arc-hybrid system, so their head templates become templates over
// s1 and over children.
func transFeatures(fb *featBuf, s *sentence, st *state) {
	s0, s1, s2 := st.stackAt(0), st.stackAt(1), st.stackAt(2)
	b0, b1, b2 := st.bufAt(0), st.bufAt(1), st.bufAt(2)
	s0l, s0l2 := child(st.lc1, s0), child(st.lc2, s0)
	s0r, s0r2 := child(st.rc1, s0), child(st.rc2, s0)
	b0l, b0l2 := child(st.lc1, b0), child(st.lc2, b0)
	s1l, s1r := child(st.lc1, s1), child(st.rc1, s1)

	// Single words.
	for _, i := range [...]int{s0, b0} {
		fb.add1(s.W(i))
		fb.add1(s.T(i))
		fb.add1(s.WT(i))
		fb.add1(s.U(i))
		fb.add1(s.F(i))
		fb.add1(s.S(i))
	}
	for _, i := range [...]int{b1, s1} {
		fb.add1(s.W(i))
		fb.add1(s.T(i))
		fb.add1(s.WT(i))
		fb.add1(s.U(i))
	}
	fb.add1(s.W(b2))
	fb.add1(s.T(b2))
	fb.add1(s.WT(b2))
	fb.add1(s.W(s2))
	fb.add1(s.T(s2))

	// Pairs of words.
	fb.add2(s.WT(s0), s.WT(b0))
	fb.add2(s.WT(s0), s.W(b0))
	fb.add2(s.W(s0), s.WT(b0))
	fb.add2(s.WT(s0), s.T(b0))
	fb.add2(s.T(s0), s.WT(b0))
	fb.add2(s.W(s0), s.W(b0))
	fb.add2(s.T(s0), s.T(b0))
	fb.add2(s.T(b0), s.T(b1))
	fb.add2(s.U(s0), s.U(b0))
	fb.add2(s.T(s1), s.T(s0))
	fb.add2(s.W(s1), s.W(s0))
	fb.add2(s.WT(s1), s.T(s0))
	fb.add2(s.T(s1), s.WT(s0))
	fb.add2(s.S(s0), s.T(b0))
	fb.add2(s.T(s0), s.S(b0))

	// Triples of words.
	fb.add(s.T(b0), s.T(b1), s.T(b2))
	fb.add(s.T(s0), s.T(b0), s.T(b1))
	fb.add(s.T(s1), s.T(s0), s.T(b0))
	fb.add(s.T(s0), s.T(s0l), s.T(b0))
	fb.add(s.T(s0), s.T(s0r), s.T(b0))
	fb.add(s.T(s0), s.T(b0), s.T(b0l))
	fb.add(s.T(s2), s.T(s1), s.T(s0))
	fb.add(s.T(s1), s.T(s1r), s.T(s0))
	fb.add(s.T(s1), s.T(s1l), s.T(s0))
	fb.add(s.U(s0), s.U(b0), s.U(b1))
	fb.add(s.U(s1), s.U(s0), s.U(b0))
	fb.add(s.W(s0), s.T(b0), s.T(b1))
	fb.add(s.T(s1), s.W(s0), s.T(b0))

	// Distance between s0 and b0, and between s1 and s0.
	d := distance(s0, b0)
	fb.add2(s.W(s0), d)
	fb.add2(s.T(s0), d)
	fb.add2(s.W(b0), d)
	fb.add2(s.T(b0), d)
	fb.add(s.W(s0), s.W(b0), d)
	fb.add(s.T(s0), s.T(b0), d)
	d1 := distance(s1, s0)
	fb.add(s.T(s1), s.T(s0), d1)
	fb.add(s.W(s1), s.T(s0), d1)
	fb.add(s.T(s1), s.W(s0), d1)

	// Valency: how many children each side already has.
	fb.add2(s.W(s0), st.count(st.nr, s0))
	fb.add2(s.T(s0), st.count(st.nr, s0))
	fb.add2(s.W(s0), st.count(st.nl, s0))
	fb.add2(s.T(s0), st.count(st.nl, s0))
	fb.add2(s.W(b0), st.count(st.nl, b0))
	fb.add2(s.T(b0), st.count(st.nl, b0))
	fb.add2(s.T(s1), st.count(st.nr, s1))
	fb.add2(s.T(s1), st.count(st.nl, s1))

	// Children: the nearest and next-nearest on each side (second and
	// third order).
	for _, i := range [...]int{s0l, s0r, b0l, s0l2, s0r2, b0l2} {
		fb.add1(s.W(i))
		fb.add1(s.T(i))
		fb.add1(st.L(i))
	}
	fb.add(s.T(s0), s.T(s0l), s.T(s0l2))
	fb.add(s.T(s0), s.T(s0r), s.T(s0r2))
	fb.add(s.T(b0), s.T(b0l), s.T(b0l2))
	fb.add(s.T(s0), st.L(s0l), st.L(s0l2))
	fb.add(s.T(s0), st.L(s0r), st.L(s0r2))
	fb.add(s.T(b0), st.L(b0l), st.L(b0l2))
	fb.add2(s.T(s1), st.L(s1r))
	fb.add2(s.T(s1), st.L(s1l))

	// Label sets of the children.
	fb.add2(s.W(s0), st.set(st.rs, s0))
	fb.add2(s.T(s0), st.set(st.rs, s0))
	fb.add2(s.W(s0), st.set(st.ls, s0))
	fb.add2(s.T(s0), st.set(st.ls, s0))
	fb.add2(s.W(b0), st.set(st.ls, b0))
	fb.add2(s.T(b0), st.set(st.ls, b0))
	fb.add2(s.T(s1), st.set(st.rs, s1))
	fb.add(s.T(s1), st.set(st.ls, s1), s.T(s0))
}

// labelFeatures adds the features of the relation of a new arc from h to
// d: both words and their neighbours, direction and distance, and the
// relations their children already have (a verb with an nsubj seldom
// takes another).
func labelFeatures(fb *featBuf, s *sentence, st *state, h, d int) {
	dir := uint64(1)
	if d > h {
		dir = 2
	}
	dist := distance(h, d)
	dd := dir<<8 | dist
	fb.add2(s.W(d), dir)
	fb.add2(s.T(d), dir)
	fb.add2(s.U(d), dir)
	fb.add2(s.F(d), dir)
	fb.add2(s.S(d), dir)
	fb.add2(s.W(h), dir)
	fb.add2(s.T(h), dir)
	fb.add2(s.U(h), dir)
	fb.add(s.T(d), s.T(h), dir)
	fb.add(s.W(d), s.T(h), dir)
	fb.add(s.T(d), s.W(h), dir)
	fb.add(s.W(d), s.W(h), dir)
	fb.add(s.U(d), s.U(h), dd)
	fb.add(s.T(d), s.T(h), dd)
	fb.add(s.W(h), s.T(d), dd)
	fb.add(s.T(d), s.T(d-1), s.T(d+1))
	fb.add2(s.T(d), s.W(d+1))
	fb.add2(s.T(d), s.W(d-1))
	fb.add(s.T(h), s.T(h-1), s.T(h+1))
	fb.add(s.T(d), st.set(st.ls, d), st.set(st.rs, d))
	fb.add2(s.T(d), st.set(st.ls, d))
	fb.add2(s.T(d), st.set(st.rs, d))
	fb.add(s.T(h), st.set(st.ls, h), dir)
	fb.add(s.T(h), st.set(st.rs, h), dir)
	fb.add(s.T(d), s.T(h)^dir, st.set(st.ls, h)^st.set(st.rs, h))
	fb.add2(s.T(d), s.T(child(st.lc1, d)))
	fb.add2(s.T(d), s.T(child(st.rc1, d)))
	fb.add2(s.T(d), st.L(child(st.lc1, d)))
	fb.add2(s.T(d), st.L(child(st.rc1, d)))
	fb.add(s.T(d), st.count(st.nl, d), st.count(st.nr, d))
	first := uint64(0)
	if d == 1 {
		first = 1
	}
	fb.add2(s.T(d), first)
	fb.add(s.W(d), s.T(h), s.U(h))
}
