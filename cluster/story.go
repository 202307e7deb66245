package cluster

import (
	"math"
	"strings"
	"unicode"
)

// Story joining thresholds (see Best). They were set on the story
// evaluation built from the demo corpus (newsgraph eval stories).
const (
	// TextWeight and EntityWeight mix the two signals of Score.
	TextWeight   = 0.7
	EntityWeight = 0.3
	// JoinScore is the least Score at which an article joins a story.
	JoinScore = 0.4
	// MinCosine is the least text similarity for joining at all, so that
	// shared entities alone (two reports on one country) never merge
	// stories.
	MinCosine = 0.25
)

// Candidate is a stored article that a new one may join.
type Candidate struct {
	Text           string // title and lead
	SharedEntities int    // how many of the new article's entities it mentions
}

// Best returns the index of the candidate the article with the given
// title-and-lead text should join, or -1 when none scores JoinScore.
// entities is how many entities of the new article were looked up.
//
// Score = TextWeight × cosine(TF-IDF of title+lead) + EntityWeight ×
// shared/entities, with IDF computed over the candidates and the article
// itself: words common to the whole candidate set (the shared topic) count
// less than the words that single out one event.
func Best(text string, entities int, cands []Candidate) int {
	if len(cands) == 0 {
		return -1
	}
	docs := make([]map[string]float64, len(cands)+1)
	docs[0] = termFreq(text)
	for i, c := range cands {
		docs[i+1] = termFreq(c.Text)
	}
	df := map[string]int{}
	for _, d := range docs {
		for t := range d {
			df[t]++
		}
	}
	n := float64(len(docs))
	for _, d := range docs {
		for t, f := range d {
			d[t] = f * (math.Log((n+1)/float64(df[t]+1)) + 1)
		}
	}
	best, bestScore := -1, 0.0
	for i, c := range cands {
		cos := cosine(docs[0], docs[i+1])
		if cos < MinCosine {
			continue
		}
		s := Score(cos, c.SharedEntities, entities)
		if s >= JoinScore && s > bestScore {
			best, bestScore = i, s
		}
	}
	return best
}

// Score mixes text similarity and entity overlap.
func Score(cosine float64, shared, entities int) float64 {
	overlap := 0.0
	if entities > 0 {
		overlap = math.Min(1, float64(shared)/float64(entities))
	}
	return TextWeight*cosine + EntityWeight*overlap
}

// Terms returns the content words of text (lower case, at least three
// letters, stop words left out), for TF-IDF comparisons.
func Terms(text string) []string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := words[:0]
	for _, w := range words {
		if len(w) < 3 || stopWords[w] {
			continue
		}
		out = append(out, w)
	}
	return out
}

func termFreq(text string) map[string]float64 {
	m := map[string]float64{}
	for _, w := range Terms(text) {
		m[w]++
	}
	return m
}

// Cosine is the cosine similarity of two weighted term vectors.
func cosine(a, b map[string]float64) float64 {
	var dot, na, nb float64
	for t, x := range a {
		na += x * x
		if y, ok := b[t]; ok {
			dot += x * y
		}
	}
	for _, y := range b {
		nb += y * y
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the and for are but not you all any can had her was one our out has have him his how its may new now old see two who did she use way been from they this that with were will would there their what when which while into than then them these those also after about over said says more most some such only other could should being because between before under where just like very even back many much here off own same each both few upon against during without within again further once whom your yours ours hers theirs itself himself herself themselves`) {
		m[w] = true
	}
	return m
}()
