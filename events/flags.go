package events

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"newsgraph/document"
	"newsgraph/internal/textview"
)

// placeMention is a mention of doc.Places[place].
type placeMention struct {
	t0, t1 int
	place  int
	span   document.Span
}

// placeFor returns the place of an event: the first place mentioned in the
// fifteen tokens after the trigger in the same clause ("meet … in
// Washington"), else the nearest before it in the sentence. A place that
// is one of the event's actors ("urged Israel") is not its place.
func (a *analysis) placeFor(tr trigger, s textview.Sentence, src, tgt []document.Actor) (placeMention, bool) {
	taken := map[int]bool{}
	for _, x := range append(append([]document.Actor{}, src...), tgt...) {
		taken[x.Start] = true
	}
	pms := a.places[a.v.Toks[tr.t0].Sent]
	first := sort.Search(len(pms), func(i int) bool { return pms[i].t0 >= tr.t1 })
	for _, pm := range pms[first:] {
		if taken[pm.span.Start] {
			continue
		}
		if pm.t0 < tr.t1+15 && a.noMarkBetween(tr.t1, pm.t0) {
			return pm, true
		}
		break
	}
	for i := first - 1; i >= 0 && tr.t0-pms[i].t1 <= window; i-- {
		if pm := pms[i]; !taken[pm.span.Start] && pm.t1 <= tr.t0 {
			return pm, true
		}
	}
	return placeMention{}, false
}

// noMarkBetween reports whether no clause-ending punctuation stands
// between tokens i and j.
func (a *analysis) noMarkBetween(i, j int) bool {
	for k := i; k < j; k++ {
		if boundaryMarks[a.v.Low(k)] {
			return false
		}
	}
	return true
}

// placeMentions returns the place mentions of the document by sentence,
// in text order.
func (a *analysis) placeMentions() map[int][]placeMention {
	out := map[int][]placeMention{}
	for pi, p := range a.doc.Places {
		for _, m := range p.Mentions {
			if m.Start < 0 || m.End > len(a.v.Text) || m.Start >= m.End {
				continue
			}
			t0 := a.v.FirstTokenFrom(m.Start)
			t1 := t0
			for t1 < len(a.v.Toks) && a.v.Toks[t1].End <= m.End {
				t1++
			}
			if t0 >= t1 || a.v.Toks[t0].Sent != a.v.Toks[t1-1].Sent {
				continue
			}
			si := a.v.Toks[t0].Sent
			out[si] = append(out[si], placeMention{t0: t0, t1: t1, place: pi,
				span: document.Span{Start: m.Start, End: m.End, Text: a.v.Text[m.Start:m.End]}})
		}
	}
	for _, pms := range out {
		sort.SliceStable(pms, func(i, j int) bool { return pms[i].t0 < pms[j].t0 })
	}
	return out
}

// timeFor returns the time of an event: the date or time expression of
// its clause nearest to the trigger.
func (a *analysis) timeFor(tr trigger, s textview.Sentence) (*document.Time, bool) {
	var best *document.Time
	bestDist := 0
	for _, i := range a.times[a.v.Toks[tr.t0].Sent] {
		tm := &a.doc.Times[i]
		t := a.v.FirstTokenFrom(tm.Start)
		if abs(t-tr.t0) > window {
			continue
		}
		if t < tr.t0 && !a.sameClause(t, tr.t0) || t >= tr.t1 && !a.sameClause(tr.t1-1, t) {
			continue
		}
		d := min(abs(t-tr.t0), abs(t-tr.t1))
		if best == nil || d < bestDist {
			best, bestDist = tm, d
		}
	}
	return best, best != nil
}

// negated reports a negation just before the trigger in its clause: "did
// not meet", "no talks".
func (a *analysis) negated(tr trigger, s textview.Sentence) bool {
	for j := tr.t0 - 1; j >= s.T0 && j >= tr.t0-4; j-- {
		l := a.v.Low(j)
		if negations[l] {
			return true
		}
		if a.boundary(j) || l == "," {
			return false
		}
	}
	return false
}

// hypothetical reports a modal before the trigger in its clause ("could
// attack"), or a conditional earlier in the sentence ("if talks fail").
func (a *analysis) hypothetical(tr trigger, s textview.Sentence) bool {
	clause := true
	for j := tr.t0 - 1; j >= from(s.T0, tr.t0); j-- {
		l := a.v.Low(j)
		if conditionals[l] || (clause && modals[l]) {
			return true
		}
		if a.boundary(j) || l == "," {
			clause = false
		}
	}
	return false
}

// future reports a word of the future before the trigger in its clause:
// "will", "likely to", "plans to", "is going to".
func (a *analysis) future(tr trigger, s textview.Sentence) bool {
	for j := tr.t0 - 1; j >= from(s.T0, tr.t0); j-- {
		l := a.v.Low(j)
		if futureWords[l] && (l != "going" && l != "due" || a.v.Low(j+1) == "to") {
			return true
		}
		if a.boundary(j) || l == "," {
			return false
		}
	}
	return false
}

// afterPublication reports whether the time with the given id has a value
// after the publication date: a day, an ISO week or a month.
func (a *analysis) afterPublication(id *string) bool {
	pub, err := time.Parse("2006-01-02", prefix(a.doc.Published, 10))
	if err != nil {
		return false
	}
	for _, tm := range a.doc.Times {
		if tm.ID != *id {
			continue
		}
		v := tm.Value
		switch {
		case len(v) == 10:
			d, err := time.Parse("2006-01-02", v)
			return err == nil && d.After(pub)
		case len(v) == 8 && v[4:6] == "-W":
			y, err1 := strconv.Atoi(v[:4])
			w, err2 := strconv.Atoi(v[6:])
			py, pw := pub.ISOWeek()
			return err1 == nil && err2 == nil && (y > py || y == py && w > pw)
		case len(v) == 7 && v[4] == '-':
			return v > pub.Format("2006-01")
		}
		return false
	}
	return false
}

func prefix(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return strings.TrimSpace(s)
}
