package eval

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"newsgraph/document"
	"newsgraph/extract"
	"newsgraph/internal/textview"
	"newsgraph/pipeline"
)

func init() { Register("quotes", runQuotes) }

// baselineName names the rules-only baseline printed beside our figures:
// quotation marks, the nearest "said" and the nearest name.
const baselineName = "marks+said+name"

// runQuotes measures quotes and speakers on PolNeAR (brat standoff
// attribution relations: source, cue, content). Every article's text is
// run through the whole pipeline exactly as stored (plain mode), so that
// offsets point into it.
//
// Quotes are matched to gold attributions one to one, best overlap first,
// over words (runs of letters and digits; punctuation and quotation marks
// do not count): "exact" when both have the same words, "overlap" when
// they share at least half the words of each. A quote broken by its
// reporting clause is one gold attribution with two content pieces; our
// quotes with the same cue are joined into one before matching. Cues
// match when they share a word. A matched quote's source is right when
// the speaker's words, or a mention of the speaker's entity, overlap the
// gold source; gold without a source is left out of that figure.
//
// PolNeAR marks every attribution: speech, but also beliefs, intentions,
// documents and polls ("voters believe …", "the poll shows …"). The
// "speech_" figures are over the attributions whose cue is a verb of
// saying, "according to" or a colon, or whose content holds a quotation
// mark: what a quote extractor is for. There, a quote of ours that
// matches a gold attribution outside that set counts neither way. The
// "all_" figures count every attribution.
func runQuotes(ctx context.Context, dir string, opts Options) (*Report, error) {
	split := opts.Split
	if split == "" {
		split = "dev"
	}
	docs, err := readPolnear(dir, split, opts.Limit)
	if err != nil {
		return nil, err
	}
	p := pipeline.Default()
	results := make([]quoteArticle, len(docs))
	errs := make([]error, len(docs))
	secs, err := parallel(ctx, len(docs), func(i int) {
		results[i], errs[i] = scoreArticle(ctx, p, docs[i])
	})
	if err != nil {
		return nil, err
	}
	rep := &Report{Suite: "quotes", Data: dir, Metrics: map[string]float64{}, Baselines: map[string]map[string]float64{}}
	failed := 0
	for i, e := range errs {
		if e != nil {
			// One article the pipeline cannot read is reported and left
			// out, gold and all, rather than ending the run.
			failed++
			rep.Notes = append(rep.Notes, "left out: "+e.Error())
			results[i] = quoteArticle{}
		}
	}
	rep.Metrics["articles_failed"] = float64(failed)
	var ours, base, oursSpeech, baseSpeech quoteTally
	gold, speech := 0, 0
	for _, r := range results {
		ours.add(r.ours.all)
		base.add(r.base.all)
		oursSpeech.add(r.ours.speech)
		baseSpeech.add(r.base.speech)
		gold += r.gold
		speech += r.speechGold
	}
	ours.metrics(rep.Metrics, "all_")
	oursSpeech.metrics(rep.Metrics, "speech_")
	rep.Baselines[baselineName] = map[string]float64{}
	base.metrics(rep.Baselines[baselineName], "all_")
	baseSpeech.metrics(rep.Baselines[baselineName], "speech_")
	rep.Metrics["articles"] = float64(len(docs) - failed)
	rep.Metrics["gold_attributions"] = float64(gold)
	rep.Metrics["gold_speech"] = float64(speech)
	if len(docs) > 0 {
		rep.Metrics["ms_per_article"] = 1000 * secs / float64(len(docs))
	}
	rep.Notes = append(rep.Notes, fmt.Sprintf("split %s: %d articles, %d attributions, %d of them speech", split, len(docs), gold, speech))
	if opts.Out != "" {
		path, err := writeJSONLines(filepath.Join(opts.Out, "quotes-"+split+".jsonl"), articleReports(results))
		if err != nil {
			return nil, err
		}
		rep.Notes = append(rep.Notes, "per-article errors in "+path)
	}
	return rep, nil
}

// quoteArticle is one article's score, ours and the baseline's.
type quoteArticle struct {
	name             string
	gold, speechGold int
	ours, base       articleScore
}

type articleScore struct {
	all, speech quoteTally
	errors      []quoteError
}

// quoteTally counts matches; it adds up over articles.
type quoteTally struct {
	gold, pred              int // quotes in the gold and ours (those that count)
	exact, overlap          int // matched pairs
	goldCues, predCues      int
	cueMatch                int
	withSource, sourceRight int // matched pairs whose gold has a source; of those, right
}

func (t *quoteTally) add(o quoteTally) {
	t.gold += o.gold
	t.pred += o.pred
	t.exact += o.exact
	t.overlap += o.overlap
	t.goldCues += o.goldCues
	t.predCues += o.predCues
	t.cueMatch += o.cueMatch
	t.withSource += o.withSource
	t.sourceRight += o.sourceRight
}

func (t quoteTally) metrics(m map[string]float64, prefix string) {
	set := func(name string, tp, pred, gold int) {
		p, r, f := prf(tp, pred, gold)
		m[prefix+name+"_p"], m[prefix+name+"_r"], m[prefix+name+"_f1"] = p, r, f
	}
	set("content_exact", t.exact, t.pred, t.gold)
	set("content_overlap", t.overlap, t.pred, t.gold)
	set("cue", t.cueMatch, t.predCues, t.goldCues)
	if t.withSource > 0 {
		m[prefix+"source_acc"] = float64(t.sourceRight) / float64(t.withSource)
	}
	m[prefix+"matched_with_source"] = float64(t.withSource)
}

// quoteError is one line of the per-article error file.
type quoteError struct {
	Kind    string `json:"kind"` // missed, spurious, source, missed-cue, spurious-cue
	Speech  bool   `json:"speech"`
	Content string `json:"content"`
	Cue     string `json:"cue,omitempty"`
	Gold    string `json:"gold_source,omitempty"`
	Got     string `json:"got_source,omitempty"`
	// Near is, for a missed quote, our unmatched quote that shares the
	// most words with it (a span boundary error rather than a miss), and
	// NearScore their overlap.
	Near      string  `json:"near,omitempty"`
	NearScore float64 `json:"near_score,omitempty"`
	// Span is the content's first and last byte in the article (gold's
	// for missed and source errors, ours for spurious ones); NearSpan the
	// near quote's.
	Span     [2]int `json:"span"`
	NearSpan [2]int `json:"near_span,omitzero"`
}

type articleReport struct {
	Article  string       `json:"article"`
	Gold     int          `json:"gold"`
	Ours     quoteSummary `json:"ours"`
	Baseline quoteSummary `json:"baseline"`
	Errors   []quoteError `json:"errors"`
}

type quoteSummary struct {
	Pred    int `json:"pred"`
	Overlap int `json:"overlap"`
	Source  int `json:"source_right"`
}

func articleReports(rs []quoteArticle) []articleReport {
	out := make([]articleReport, 0, len(rs))
	for _, r := range rs {
		errs := r.ours.errors
		if errs == nil {
			errs = []quoteError{}
		}
		out = append(out, articleReport{
			Article:  r.name,
			Gold:     r.gold,
			Ours:     quoteSummary{r.ours.all.pred, r.ours.all.overlap, r.ours.all.sourceRight},
			Baseline: quoteSummary{r.base.all.pred, r.base.all.overlap, r.base.all.sourceRight},
			Errors:   errs,
		})
	}
	return out
}

// scoreArticle runs the pipeline on one article and scores it and the
// baseline.
func scoreArticle(ctx context.Context, p *pipeline.Pipeline, d polnearDoc) (qa quoteArticle, err error) {
	defer func() {
		// A stage that panics on one article is a bug to report, not a
		// reason to lose the whole run: the article counts as failed.
		if v := recover(); v != nil {
			err = fmt.Errorf("%s: pipeline panicked: %v", d.Name, v)
		}
	}()
	doc, err := extract.Read([]byte(d.Text), extract.Options{Plain: true})
	if err != nil {
		return quoteArticle{}, fmt.Errorf("%s: %w", d.Name, err)
	}
	if doc.Text != d.Text {
		return quoteArticle{}, fmt.Errorf("%s: plain extraction changed the text", d.Name)
	}
	if err := p.Process(ctx, doc); err != nil {
		return quoteArticle{}, fmt.Errorf("%s: %w", d.Name, err)
	}
	w := newWordIndex(d.Text)
	gold := goldItems(w, d)
	a := quoteArticle{name: d.Name, gold: len(gold)}
	for _, g := range gold {
		if g.speech {
			a.speechGold++
		}
	}
	a.ours = scoreQuotes(w, gold, ourItems(w, doc))
	a.base = scoreQuotes(w, gold, baselineQuotes(w))
	return a, nil
}

// quoteItem is a gold attribution or a quote of ours, read as word sets.
type quoteItem struct {
	content []int // word indices, sorted
	cue     []int
	source  []byteSpan // gold: the source; ours: the speaker's words and its entity's mentions
	speech  bool       // gold only
	text    string     // for the error file
	cueText string
	srcText string
	span    byteSpan // first to last byte of the content, for the error file
}

func goldItems(w *wordIndex, d polnearDoc) []quoteItem {
	out := make([]quoteItem, 0, len(d.Attrs))
	for _, a := range d.Attrs {
		it := quoteItem{content: w.words(a.Content...), cue: w.words(a.Cue...), source: a.Source}
		it.text = w.excerpt(a.Content)
		it.cueText = w.excerpt(a.Cue)
		it.srcText = w.excerpt(a.Source)
		it.span = outerSpan(a.Content)
		it.speech = isSpeech(w.text, a)
		if len(it.content) > 0 {
			out = append(out, it)
		}
	}
	return out
}

// ourItems turns doc.Quotes into items, joining the quotes that share a
// cue (“…,” she said, “…”) into one.
func ourItems(w *wordIndex, doc *document.Document) []quoteItem {
	var out []quoteItem
	byCue := map[[2]int]int{}
	for _, q := range doc.Quotes {
		var src []byteSpan
		if q.SpeakerEnd > q.SpeakerStart {
			src = append(src, byteSpan{q.SpeakerStart, q.SpeakerEnd})
		}
		if q.Speaker != nil {
			if e := doc.EntityByID(*q.Speaker); e != nil {
				for _, m := range e.Mentions {
					src = append(src, byteSpan{m.Start, m.End})
				}
			}
		}
		content := w.words(byteSpan{q.Start, q.End})
		if q.CueEnd > q.CueStart {
			key := [2]int{q.CueStart, q.CueEnd}
			if i, ok := byCue[key]; ok {
				out[i].content = union(out[i].content, content)
				out[i].text += " … " + clip(q.Text)
				continue
			}
			byCue[key] = len(out)
		}
		var cue []int
		if q.CueEnd > q.CueStart {
			cue = w.words(byteSpan{q.CueStart, q.CueEnd})
		}
		out = append(out, quoteItem{content: content, cue: cue, source: src, text: clip(q.Text), cueText: q.Cue, srcText: q.SpeakerText, span: byteSpan{q.Start, q.End}})
	}
	return out
}

// scoreQuotes matches pred to gold one to one, best overlap first, and
// counts for all gold and for the speech subset.
func scoreQuotes(w *wordIndex, gold, pred []quoteItem) articleScore {
	type pair struct {
		g, p  int
		score float64
	}
	var pairs []pair
	for gi, g := range gold {
		for pi, p := range pred {
			if s := overlapScore(g.content, p.content); s >= 0.5 {
				pairs = append(pairs, pair{gi, pi, s})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].score > pairs[j].score })
	gm, pm := make([]int, len(gold)), make([]int, len(pred))
	for i := range gm {
		gm[i] = -1
	}
	for i := range pm {
		pm[i] = -1
	}
	for _, pr := range pairs {
		if gm[pr.g] < 0 && pm[pr.p] < 0 {
			gm[pr.g], pm[pr.p] = pr.p, pr.g
		}
	}
	var sc articleScore
	for gi, g := range gold {
		for _, t := range sc.tallies(g.speech) {
			t.gold++
			if len(g.cue) > 0 {
				t.goldCues++
			}
		}
		pi := gm[gi]
		if pi < 0 {
			e := quoteError{Kind: "missed", Speech: g.speech, Content: g.text, Cue: g.cueText, Gold: g.srcText, Span: g.span.pair()}
			for qi, q := range pred {
				if s := overlapScore(g.content, q.content); pm[qi] < 0 && s > e.NearScore {
					e.Near, e.NearScore, e.NearSpan = q.text, s, q.span.pair()
				}
			}
			sc.errors = append(sc.errors, e)
			continue
		}
		p := pred[pi]
		right := len(g.source) > 0 && anyOverlap(g.source, p.source)
		for _, t := range sc.tallies(g.speech) {
			t.pred++
			t.overlap++
			if equalInts(g.content, p.content) {
				t.exact++
			}
			if len(g.source) > 0 {
				t.withSource++
				if right {
					t.sourceRight++
				}
			}
		}
		if len(g.source) > 0 && !right {
			sc.errors = append(sc.errors, quoteError{Kind: "source", Speech: g.speech, Content: g.text, Cue: p.cueText, Gold: g.srcText, Got: p.srcText, Span: g.span.pair()})
		}
	}
	for pi, p := range pred {
		if pm[pi] >= 0 {
			continue
		}
		sc.all.pred++
		sc.speech.pred++
		sc.errors = append(sc.errors, quoteError{Kind: "spurious", Content: p.text, Cue: p.cueText, Got: p.srcText, Span: p.span.pair()})
	}
	// Cues: matched one to one when they share a word; a cue of ours on a
	// gold cue outside the speech subset counts neither way there.
	cm := make([]int, len(gold))
	for i := range cm {
		cm[i] = -1
	}
	for pi, p := range pred {
		if len(p.cue) == 0 {
			continue
		}
		hit := -1
		for gi, g := range gold {
			if cm[gi] < 0 && intersect(g.cue, p.cue) > 0 {
				hit = gi
				break
			}
		}
		if hit < 0 {
			sc.all.predCues++
			sc.speech.predCues++
			sc.errors = append(sc.errors, quoteError{Kind: "spurious-cue", Content: p.text, Cue: p.cueText, Got: p.srcText, Span: p.span.pair()})
			continue
		}
		cm[hit] = pi
		for _, t := range sc.tallies(gold[hit].speech) {
			t.predCues++
			t.cueMatch++
		}
	}
	for gi, g := range gold {
		if len(g.cue) > 0 && cm[gi] < 0 {
			sc.errors = append(sc.errors, quoteError{Kind: "missed-cue", Speech: g.speech, Content: g.text, Cue: g.cueText, Gold: g.srcText, Span: g.span.pair()})
		}
	}
	return sc
}

// tallies returns the tallies a gold item counts in.
func (sc *articleScore) tallies(speech bool) []*quoteTally {
	if speech {
		return []*quoteTally{&sc.all, &sc.speech}
	}
	return []*quoteTally{&sc.all}
}

// overlapScore is the share of words two word sets have in common, of the
// larger one.
func overlapScore(a, b []int) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	return float64(intersect(a, b)) / float64(max(len(a), len(b)))
}

func intersect(a, b []int) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

func union(a, b []int) []int {
	out := append(append([]int(nil), a...), b...)
	sort.Ints(out)
	k := 0
	for i, x := range out {
		if i == 0 || x != out[k-1] {
			out[k] = x
			k++
		}
	}
	return out[:k]
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (s byteSpan) pair() [2]int { return [2]int{s.Start, s.End} }

// outerSpan returns the stretch from the first span's start to the last
// one's end.
func outerSpan(spans []byteSpan) byteSpan {
	if len(spans) == 0 {
		return byteSpan{}
	}
	out := spans[0]
	for _, s := range spans[1:] {
		out.Start, out.End = min(out.Start, s.Start), max(out.End, s.End)
	}
	return out
}

func anyOverlap(a, b []byteSpan) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Start < y.End && y.Start < x.End {
				return true
			}
		}
	}
	return false
}

// speechWords are the cue words that make an attribution a statement:
// verbs of saying in their common forms, "according (to)", and a colon.
var speechWords = func() map[string]bool {
	m := map[string]bool{":": true, "according": true}
	for _, stem := range []string{
		"say", "add", "tell", "write", "ask", "announce", "state", "note", "declare", "claim",
		"argue", "explain", "insist", "warn", "reply", "respond", "tweet", "comment", "remark",
		"report", "testify", "acknowledge", "admit", "deny", "confirm", "reiterate", "stress",
		"emphasize", "emphasise", "recall", "conclude", "promise", "pledge", "vow", "predict",
		"assert", "caution", "contend", "maintain", "concede", "quip", "shout", "exclaim",
		"observe", "mention", "repeat", "complain", "boast", "joke", "urge", "suggest",
		"continue", "answer", "describe", "post", "tout", "question", "retort", "declare",
	} {
		for _, f := range verbForms(stem) {
			m[f] = true
		}
	}
	for _, f := range []string{"said", "told", "wrote", "written", "denied", "denies", "replied", "replies", "says", "tells"} {
		m[f] = true
	}
	return m
}()

// verbForms returns the regular forms of a verb: base, -s, -ed, -ing.
func verbForms(v string) []string {
	base := strings.TrimSuffix(v, "e")
	if strings.HasSuffix(v, "y") && !strings.HasSuffix(v, "ay") && !strings.HasSuffix(v, "ey") {
		y := strings.TrimSuffix(v, "y")
		return []string{v, y + "ies", y + "ied", v + "ing"}
	}
	return []string{v, v + "s", base + "ed", base + "ing"}
}

// isSpeech reports whether a gold attribution is a statement: its cue has
// a verb of saying, or its content a quotation mark.
func isSpeech(text string, a goldAttribution) bool {
	for _, c := range a.Cue {
		for _, f := range strings.FieldsFunc(strings.ToLower(text[c.Start:c.End]), func(r rune) bool {
			return !textview.IsWordRune(r) && r != ':'
		}) {
			if speechWords[strings.Trim(f, ":")] || strings.Contains(f, ":") {
				return true
			}
		}
	}
	for _, c := range a.Content {
		if strings.ContainsAny(text[c.Start:c.End], "“”\"") {
			return true
		}
	}
	return false
}

// wordIndex lists the words of a text (runs of letters and digits) so
// that spans can be compared word by word.
type wordIndex struct {
	text  string
	spans []byteSpan
}

func newWordIndex(text string) *wordIndex {
	w := &wordIndex{text: text}
	in := false
	for i, r := range text {
		word := textview.IsWordRune(r)
		switch {
		case word && !in:
			w.spans = append(w.spans, byteSpan{i, i + utf8.RuneLen(r)})
		case word:
			w.spans[len(w.spans)-1].End = i + utf8.RuneLen(r)
		}
		in = word
	}
	return w
}

// words returns the indices of the words that overlap any of spans,
// sorted and each once.
func (w *wordIndex) words(spans ...byteSpan) []int {
	var out []int
	for _, s := range spans {
		i := sort.Search(len(w.spans), func(i int) bool { return w.spans[i].End > s.Start })
		for ; i < len(w.spans) && w.spans[i].Start < s.End; i++ {
			out = append(out, i)
		}
	}
	if len(spans) > 1 {
		out = union(out, nil)
	}
	return out
}

// excerpt returns the words of spans, joined and clipped, for people.
func (w *wordIndex) excerpt(spans []byteSpan) string {
	parts := make([]string, 0, len(spans))
	for _, s := range spans {
		parts = append(parts, w.text[s.Start:s.End])
	}
	return clip(strings.Join(parts, " … "))
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= 100 {
		return s
	}
	r := []rune(s)
	return string(r[:97]) + "…"
}
