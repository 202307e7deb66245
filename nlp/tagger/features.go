package tagger

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/nlp/perceptron"
	"newsgraph/nlp/wordfeat"
)

// Features are hashed without building strings: each word's pieces (its
// form, lower case, affixes, shape) are hashed once per sentence, and a
// feature is that hash mixed with the hash of its template's name. Mixing
// is plain arithmetic, so it is the same in every process and Go version,
// which the saved weights rely on.

// hashOf hashes the concatenation prefix+s without allocating it.
// It is perceptron.HashAdd, so hashOf("w=", x) equals perceptron.Hash("w=" + x).
func hashOf(prefix, s string) uint64 {
	return perceptron.HashAdd(perceptron.HashAdd(perceptron.HashOffset, prefix), s)
}

// mix combines a template's hash with a value's hash (splitmix64's
// finaliser): cheap, and it spreads nearby inputs over the whole range.
func mix(a, b uint64) perceptron.Feature {
	h := a ^ (b + 0x9e3779b97f4a7c15 + (a << 6) + (a >> 2))
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return perceptron.Feature(h)
}

// Template names, hashed once. Each says what a feature looks at, so that
// the same value in two slots ("said" as this word and as the next one)
// gives two features.
var (
	tBias     = hashOf("bias", "")
	tWord     = hashOf("w", "")
	tLower    = hashOf("l", "")
	tShape    = hashOf("shape", "")
	tFlags    = hashOf("flags", "")
	tFirst    = hashOf("first", "")
	tLast     = hashOf("last", "")
	tDict     = hashOf("td", "")
	tDictNext = hashOf("td+1", "")
	tDictPrev = hashOf("td-1", "")
	tPrev1    = hashOf("l-1", "")
	tPrev2    = hashOf("l-2", "")
	tNext1    = hashOf("l+1", "")
	tNext2    = hashOf("l+2", "")
	tSufPrev  = hashOf("s3-1", "")
	tSufNext  = hashOf("s3+1", "")
	tShpNext  = hashOf("shape+1", "")
	tBiPrev   = hashOf("l-1|l", "")
	tBiNext   = hashOf("l|l+1", "")
	tTag1     = hashOf("p1", "")
	tTag2     = hashOf("p2", "")
	tTag12    = hashOf("p1|p2", "")
	tTag1Word = hashOf("p1|l", "")
	tTag1Suf  = hashOf("p1|s3", "")
	tFine     = hashOf("c", "")
	tCoarse   = hashOf("cc", "")
	tFinePrev = hashOf("c-1", "")
	tFineNext = hashOf("c+1", "")
	tFineNxt2 = hashOf("c+2", "")
	tSuf      = [4]uint64{hashOf("s1", ""), hashOf("s2", ""), hashOf("s3", ""), hashOf("s4", "")}
	tPre      = [4]uint64{hashOf("f1", ""), hashOf("f2", ""), hashOf("f3", ""), hashOf("f4", "")}

	hStart = hashOf("", "-START-")
	hEnd   = hashOf("", "-END-")
)

// numFeatures is how many features one position has.
const numFeatures = 37

// wordInfo is what the features need of one word, computed once per
// sentence.
type wordInfo struct {
	word, lower, shape uint64
	suf, pre           [4]uint64
	flags              uint64
	dict               uint64 // tag dictionary class + 1, 0 for none
	fine, coarse       uint64 // word clusters + 1, 0 for none
}

// sentence holds one sentence's word pieces and a feature buffer; it is
// reused between sentences (through a sync.Pool in Tag) so that tagging
// does not allocate per word.
type sentence struct {
	words   []wordInfo
	feats   []perceptron.Feature
	scores  []float32
	classes []int
}

// prepare computes the pieces of every word of words.
func (s *sentence) prepare(words []string, dict, clusters map[string]int32) {
	s.words = s.words[:0]
	for _, w := range words {
		lower := s.lowerOf(w)
		wi := wordInfo{
			word:  hashOf("", w),
			lower: hashOf("", lower),
			shape: hashOf("", shape(w)),
			flags: flagsOf(w),
		}
		for k := range 4 {
			wi.suf[k] = hashOf("", wordfeat.Suffix(lower, k+1))
			wi.pre[k] = hashOf("", wordfeat.Prefix(lower, k+1))
		}
		if c, ok := dict[w]; ok {
			wi.dict = uint64(c) + 1
		}
		if c, ok := clusters[lower]; ok {
			wi.fine, wi.coarse = uint64(c/clusterStride)+1, uint64(c%clusterStride)+1
		}
		s.words = append(s.words, wi)
	}
}

// lowerOf lower-cases w, without allocating when it is already lower case
// ASCII (most words).
func (s *sentence) lowerOf(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(w)
		}
	}
	return w
}

// features fills s.feats with the features of position i, given the
// classes predicted for the two words before it (-1 before the start).
func (s *sentence) features(i int, p1, p2 int) []perceptron.Feature {
	w := s.words
	cur := &w[i]
	at := func(j int) *wordInfo {
		if j < 0 || j >= len(w) {
			return nil
		}
		return &w[j]
	}
	lowerAt := func(j int) uint64 {
		if x := at(j); x != nil {
			return x.lower
		}
		if j < 0 {
			return hStart
		}
		return hEnd
	}
	f := s.feats[:0]
	f = append(f,
		mix(tBias, 0),
		mix(tWord, cur.word),
		mix(tLower, cur.lower),
		mix(tShape, cur.shape),
		mix(tFlags, cur.flags),
		mix(tDict, cur.dict),
		mix(tFine, cur.fine),
		mix(tCoarse, cur.coarse),
		mix(tPrev1, lowerAt(i-1)),
		mix(tPrev2, lowerAt(i-2)),
		mix(tNext1, lowerAt(i+1)),
		mix(tNext2, lowerAt(i+2)),
		mix(tBiPrev, lowerAt(i-1)*31+cur.lower),
		mix(tBiNext, cur.lower*31+lowerAt(i+1)),
	)
	for k := range 4 {
		f = append(f, mix(tSuf[k], cur.suf[k]), mix(tPre[k], cur.pre[k]))
	}
	if x := at(i - 1); x != nil {
		f = append(f, mix(tSufPrev, x.suf[2]), mix(tDictPrev, x.dict), mix(tFinePrev, x.fine))
	} else {
		f = append(f, mix(tSufPrev, hStart), mix(tDictPrev, hStart), mix(tFinePrev, hStart))
	}
	if x := at(i + 1); x != nil {
		f = append(f, mix(tSufNext, x.suf[2]), mix(tShpNext, x.shape), mix(tDictNext, x.dict), mix(tFineNext, x.fine))
	} else {
		f = append(f, mix(tSufNext, hEnd), mix(tShpNext, hEnd), mix(tDictNext, hEnd), mix(tFineNext, hEnd))
	}
	if x := at(i + 2); x != nil {
		f = append(f, mix(tFineNxt2, x.fine))
	} else {
		f = append(f, mix(tFineNxt2, hEnd))
	}
	first, last := uint64(0), uint64(0)
	if i == 0 {
		first = 1
	}
	if i == len(w)-1 {
		last = 1
	}
	t1, t2 := uint64(p1+2), uint64(p2+2) // +2: -1 (start) must not collide with class 0
	f = append(f,
		mix(tFirst, first),
		mix(tLast, last),
		mix(tTag1, t1),
		mix(tTag2, t2),
		mix(tTag12, t1*1024+t2),
		mix(tTag1Word, t1*0x100000001b3^cur.lower),
		mix(tTag1Suf, t1*0x100000001b3^cur.suf[2]),
	)
	s.feats = f
	return f
}

// shape maps a word to its character classes, runs of a class cut to two
// ("Obama" → "Xxx", "1,200" → "d,dd"), so that unseen words with
// the look of known ones score alike. Words are short, so the fixed
// buffer covers nearly all; longer ones keep their first 16 classes.
func shape(w string) string {
	var buf [16]byte
	n, run := 0, 0
	var prev byte
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c == prev {
			run++
			if run >= 2 {
				continue
			}
		} else {
			run = 0
		}
		prev = c
		if n == len(buf) {
			break
		}
		buf[n] = c
		n++
	}
	return string(buf[:n])
}

// flagsOf packs the yes/no facts about a word into one value: has a
// digit, a hyphen, an upper-case letter, is all upper case, starts upper
// case, is long.
func flagsOf(w string) uint64 {
	var f uint64
	upper, letters := 0, 0
	for i, r := range w {
		switch {
		case unicode.IsDigit(r):
			f |= 1
		case r == '-':
			f |= 2
		case unicode.IsUpper(r):
			upper++
			letters++
			if i == 0 {
				f |= 16
			}
		case unicode.IsLetter(r):
			letters++
		}
	}
	if upper > 0 {
		f |= 4
	}
	if letters > 1 && upper == letters {
		f |= 8
	}
	if len(w) > 10 {
		f |= 32
	}
	return f + 1
}
