package eval

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"newsgraph/document"
	"newsgraph/events"
	"newsgraph/events/actors"
	"newsgraph/nlp/perceptron"
	"newsgraph/pipeline"
)

func init() { Register("events", runEvents) }

// The events suite's files under its data folder (../shared/data/events).
// All are eval-only (see ../shared/DATA.md): they are read here and
// nowhere else, and nothing is trained on them.
const (
	plvFile      = "plv_train.tsv"                              // sentences with marked source and target, PLOVER root type
	quadFile     = "cameo_class_train.tsv"                      // sentences with a 5-way quad label (0 neutral … 4 material conflict)
	spanFile     = "cameo_ner_train.txt"                        // words with BIO source (S) and target (T) labels
	petrGSRFile  = "petrarch2/petr2_gsr_validation_cases.jsonl" // PETRARCH2 validation sentences with expected codes
	petrUnitFile = "petrarch2/petrarch2_unittest_cases.jsonl"   // PETRARCH2 unit tests, against its test dictionaries
	petrActors   = "petrarch2/PETR.Validate.actors.txt"         // the unit tests' actor dictionary
	lexicalName  = "verbs_only"                                 // baseline: the trigger table alone, no roles
	majorityName = "majority"                                   // baseline: the most frequent gold label
)

// runEvents measures the events stage, run inside the whole default
// pipeline with each benchmark sentence as one document:
//
//   - plv_train.tsv: PLOVER type of the event between the marked source
//     and target (per-type P/R/F1 and macro-F1 over the gold types);
//   - cameo_class_train.tsv: quad class of the sentence's main event, in
//     the set's five classes (0 neutral: CAMEO 01-02; 1 verbal and 2
//     material cooperation; 3 verbal and 4 material conflict); a sentence
//     with no event counts as neutral;
//   - cameo_ner_train.txt: source and target spans of the main event, exact
//     span F1 and token-overlap F1;
//   - petr2_gsr_validation_cases.jsonl: PETRARCH2's validation records,
//     (source country, target country, CAMEO root) triples;
//   - petrarch2_unittest_cases.jsonl: PETRARCH2's unit tests, the same
//     triples, with the coder's actor knowledge base replaced by the
//     tests' own dictionary (PETR.Validate.actors.txt: Arnor, Gondor …);
//     their verb and agent dictionaries are not loaded, our own are used.
//
// A file that is missing is skipped with a note; the suite fails only when
// none is there.
func runEvents(ctx context.Context, dir string, opts Options) (*Report, error) {
	rep := &Report{
		Suite:     "events",
		Data:      dir,
		Metrics:   map[string]float64{},
		Baselines: map[string]map[string]float64{lexicalName: {}, majorityName: {}},
	}
	ev := &eventsRun{p: pipeline.Default(), stage: events.New(), opts: opts}
	parts := []struct {
		file string
		run  func(ctx context.Context, path string, rep *Report) error
	}{
		{plvFile, ev.plover},
		{quadFile, ev.quad},
		{spanFile, ev.spans},
		{petrGSRFile, ev.petrarchGSR},
		{petrUnitFile, ev.petrarchUnit},
	}
	found := 0
	for _, part := range parts {
		path := filepath.Join(dir, part.file)
		if _, err := os.Stat(path); err != nil {
			rep.Notes = append(rep.Notes, fmt.Sprintf("%s not found in %s: skipped", part.file, dir))
			continue
		}
		found++
		if err := part.run(ctx, path, rep); err != nil {
			return nil, fmt.Errorf("eval events %s: %w", part.file, err)
		}
	}
	if found == 0 {
		return nil, fmt.Errorf("eval events: none of %s, %s, %s in %s", plvFile, quadFile, spanFile, dir)
	}
	return rep, nil
}

// eventsRun is what the parts of the suite share.
type eventsRun struct {
	p     *pipeline.Pipeline
	stage *events.Stage
	opts  Options
}

// sentenceDoc is one benchmark sentence as a document, after the pipeline,
// with the lexical baseline's events beside the coder's.
type sentenceDoc struct {
	doc     *document.Document
	lexical []document.Event
	err     error
}

// code runs the pipeline over each text (with its publication date, "" for
// none) on a pool of workers.
func (r *eventsRun) code(ctx context.Context, texts, dates []string) ([]sentenceDoc, error) {
	out := make([]sentenceDoc, len(texts))
	var mu sync.Mutex
	var firstErr error
	_, err := parallel(ctx, len(texts), func(i int) {
		doc := document.New()
		doc.Text = texts[i]
		if dates != nil {
			doc.Published = dates[i]
		}
		err := r.p.Process(ctx, doc)
		var lex []document.Event
		if err == nil {
			lex, err = r.stage.Lexical(doc)
		}
		out[i] = sentenceDoc{doc: doc, lexical: lex, err: err}
		if err != nil {
			mu.Lock()
			if firstErr == nil {
				firstErr = fmt.Errorf("sentence %d: %w", i+1, err)
			}
			mu.Unlock()
		}
	})
	if err != nil {
		return nil, err
	}
	return out, firstErr
}

// span is a byte range of a sentence.
type span struct{ start, end int }

func (s span) overlaps(o span) bool { return s.start < o.end && o.start < s.end }

// plvItem is one sentence of plv_train.tsv.
type plvItem struct {
	text     string
	src, tgt span
	gold     string
}

// readPLV reads plv_train.tsv: it takes the sentence and the source and
// target from marked_sentence ("<s>…</s> has condemned <t>…</t>") and the
// type from gold_root.
func readPLV(path string, limit int) ([]plvItem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.Comma = '\t'
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read header: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	mi, ok1 := col["marked_sentence"]
	gi, ok2 := col["gold_root"]
	if !ok1 || !ok2 {
		return nil, errors.New("header lacks marked_sentence or gold_root")
	}
	var out []plvItem
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if len(rec) <= max(mi, gi) {
			return nil, fmt.Errorf("line %d: %d fields", line, len(rec))
		}
		text, src, tgt, ok := unmark(rec[mi])
		if !ok || strings.TrimSpace(rec[gi]) == "" {
			continue // no marked pair: nothing to score
		}
		out = append(out, plvItem{text: text, src: src, tgt: tgt, gold: strings.TrimSpace(rec[gi])})
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out, nil
}

// unmark strips the <s>…</s> and <t>…</t> marks from a marked sentence and
// returns the text with the source and target spans.
func unmark(m string) (string, span, span, bool) {
	var b strings.Builder
	src, tgt := span{-1, -1}, span{-1, -1}
	for i := 0; i < len(m); {
		switch {
		case strings.HasPrefix(m[i:], "<s>"):
			src.start = b.Len()
			i += 3
		case strings.HasPrefix(m[i:], "</s>"):
			src.end = b.Len()
			i += 4
		case strings.HasPrefix(m[i:], "<t>"):
			tgt.start = b.Len()
			i += 3
		case strings.HasPrefix(m[i:], "</t>"):
			tgt.end = b.Len()
			i += 4
		default:
			b.WriteByte(m[i])
			i++
		}
	}
	ok := src.start >= 0 && src.end > src.start && tgt.start >= 0 && tgt.end > tgt.start
	return b.String(), src, tgt, ok
}

// actorsOverlap reports whether an actor of as overlaps sp.
func actorsOverlap(as []document.Actor, sp span) bool {
	for _, a := range as {
		if (span{a.Start, a.End}).overlaps(sp) {
			return true
		}
	}
	return false
}

// pairEvent returns the event that best links the marked source and target
// (both matched, then either, then the trigger between them), the most
// confident first; nil when there is no event.
func pairEvent(evs []document.Event, src, tgt span) *document.Event {
	var best *document.Event
	bestScore := -1.0
	lo, hi := min(src.start, tgt.start), max(src.end, tgt.end)
	for i := range evs {
		e := &evs[i]
		s := e.Confidence
		if actorsOverlap(e.Source, src) {
			s += 4
		}
		if actorsOverlap(e.Target, tgt) {
			s += 2
		}
		if e.Trigger.Start >= lo && e.Trigger.End <= hi {
			s++
		}
		if s > bestScore {
			best, bestScore = e, s
		}
	}
	return best
}

// lexicalPair returns the baseline's type for a marked pair: the first
// trigger between source and target, else the first in the sentence.
func lexicalPair(evs []document.Event, src, tgt span) string {
	lo, hi := min(src.start, tgt.start), max(src.end, tgt.end)
	for _, e := range evs {
		if e.Trigger.Start >= lo && e.Trigger.End <= hi {
			return e.Type
		}
	}
	if len(evs) > 0 {
		return evs[0].Type
	}
	return noEvent
}

// plvType is a PLOVER type in the set's labels: the set keeps CAMEO's
// YIELD (08), which PLOVER 2.0, and so our crosswalk, splits into CONCEDE
// (081-083) and RETREAT (084-087).
func plvType(t string) string {
	if t == "CONCEDE" || t == "RETREAT" {
		return "YIELD"
	}
	return t
}

// noEvent is the prediction for a sentence where no event was found.
const noEvent = "NONE"

// labelScore counts, per label, true positives and predictions and gold
// items, for per-label P/R/F1 and their macro average.
type labelScore struct {
	tp, pred, gold map[string]int
	n, correct     int
}

func newLabelScore() *labelScore {
	return &labelScore{tp: map[string]int{}, pred: map[string]int{}, gold: map[string]int{}}
}

func (s *labelScore) add(gold, pred string) {
	s.n++
	s.gold[gold]++
	s.pred[pred]++
	if gold == pred {
		s.tp[gold]++
		s.correct++
	}
}

// put adds the macro-F1 (over the gold labels) and accuracy under prefix,
// and per-label P/R/F1 when detail is set.
func (s *labelScore) put(m map[string]float64, prefix string, detail bool) {
	labels := make([]string, 0, len(s.gold))
	for l := range s.gold {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	macro := 0.0
	for _, l := range labels {
		p, r, f := prf(s.tp[l], s.pred[l], s.gold[l])
		macro += f
		if detail {
			m[prefix+"_"+strings.ToLower(l)+"_p"] = round4(p)
			m[prefix+"_"+strings.ToLower(l)+"_r"] = round4(r)
			m[prefix+"_"+strings.ToLower(l)+"_f1"] = round4(f)
		}
	}
	if len(labels) > 0 {
		m[prefix+"_macro_f1"] = round4(macro / float64(len(labels)))
	}
	if s.n > 0 {
		m[prefix+"_accuracy"] = round4(float64(s.correct) / float64(s.n))
	}
}

func round4(x float64) float64 { return float64(int64(x*10000+0.5)) / 10000 }

// majority returns the most frequent gold label (ties: the first by name).
func (s *labelScore) majority() string {
	best, n := "", -1
	for l, c := range s.gold {
		if c > n || c == n && l < best {
			best, n = l, c
		}
	}
	return best
}

// plover scores PLOVER types on plv_train.tsv.
func (r *eventsRun) plover(ctx context.Context, path string, rep *Report) error {
	items, err := readPLV(path, r.opts.Limit)
	if err != nil {
		return err
	}
	texts := make([]string, len(items))
	for i, it := range items {
		texts[i] = it.text
	}
	docs, err := r.code(ctx, texts, nil)
	if err != nil {
		return err
	}
	ours, lex := newLabelScore(), newLabelScore()
	type result struct {
		Text  string `json:"text"`
		Gold  string `json:"gold"`
		Ours  string `json:"ours"`
		CAMEO string `json:"cameo,omitempty"`
		Lex   string `json:"verbs_only"`
	}
	var results []result
	feats := make([][]perceptron.Feature, len(items))
	for i, it := range items {
		pred, cameo := noEvent, ""
		e := pairEvent(docs[i].doc.Events, it.src, it.tgt)
		if e != nil {
			pred, cameo = plvType(e.Type), e.CAMEO
		}
		feats[i] = typeFeatures(docs[i].doc, it, e, docs[i].lexical)
		l := plvType(lexicalPair(docs[i].lexical, it.src, it.tgt))
		ours.add(it.gold, pred)
		lex.add(it.gold, l)
		results = append(results, result{Text: it.text, Gold: it.gold, Ours: pred, CAMEO: cameo, Lex: l})
	}
	ours.put(rep.Metrics, "plover", true)
	lex.put(rep.Baselines[lexicalName], "plover", true)
	maj := newLabelScore()
	m := ours.majority()
	for _, it := range items {
		maj.add(it.gold, m)
	}
	maj.put(rep.Baselines[majorityName], "plover", false)
	if len(items) >= 10*kfolds {
		gold := make([]string, len(items))
		for i, it := range items {
			gold[i] = it.gold
		}
		kf := newLabelScore()
		for i, p := range kfold(gold, feats) {
			kf.add(gold[i], p)
		}
		kf.put(r.kfoldBaseline(rep), "plover", true)
	}
	rep.Metrics["plover_sentences"] = float64(len(items))
	rep.Metrics["plover_no_event"] = float64(ours.pred[noEvent])
	return writeResults(r, "events_plover.jsonl", results, rep)
}

// kfoldBaseline returns the report's column for the k-fold classifiers,
// adding it, with a note on what it is, the first time.
func (r *eventsRun) kfoldBaseline(rep *Report) map[string]float64 {
	if rep.Baselines[kfoldName] == nil {
		rep.Baselines[kfoldName] = map[string]float64{}
		rep.Notes = append(rep.Notes, kfoldName+": classifiers over the coder's output and the parse (event type, quad class), each trained and tested on its eval-only set in 5 folds; nothing of them is kept or shipped")
	}
	return rep.Baselines[kfoldName]
}

// writeResults writes per-sentence results when an output folder is set.
func writeResults[T any](r *eventsRun, name string, items []T, rep *Report) error {
	if r.opts.Out == "" {
		return nil
	}
	p, err := writeJSONLines(filepath.Join(r.opts.Out, name), items)
	if err != nil {
		return err
	}
	rep.Notes = append(rep.Notes, "per-sentence results in "+p)
	return nil
}

// quad5 is the set's five-way class of a CAMEO code: CAMEO 01 and 02
// (public statements, appeals) are neutral, 0; the rest is the quad class.
func quad5(cameo string, quad int) int {
	if strings.HasPrefix(cameo, "01") || strings.HasPrefix(cameo, "02") {
		return 0
	}
	return quad
}

// mainEvent is a sentence's most confident event, the first on ties.
func mainEvent(evs []document.Event) *document.Event {
	var best *document.Event
	for i := range evs {
		if best == nil || evs[i].Confidence > best.Confidence {
			best = &evs[i]
		}
	}
	return best
}

// quad scores the quad class on cameo_class_train.tsv.
func (r *eventsRun) quad(ctx context.Context, path string, rep *Report) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var texts []string
	var gold []int
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		i := strings.LastIndexByte(line, '\t')
		if i < 0 {
			return fmt.Errorf("line %d: no tab", n)
		}
		q, err := strconv.Atoi(strings.TrimSpace(line[i+1:]))
		if err != nil || q < 0 || q > 4 {
			return fmt.Errorf("line %d: label %q: want 0 to 4", n, line[i+1:])
		}
		texts, gold = append(texts, line[:i]), append(gold, q)
		if r.opts.Limit > 0 && len(texts) == r.opts.Limit {
			break
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	docs, err := r.code(ctx, texts, nil)
	if err != nil {
		return err
	}
	ours, lex, maj := newLabelScore(), newLabelScore(), newLabelScore()
	type result struct {
		Text  string `json:"text"`
		Gold  int    `json:"gold"`
		Ours  int    `json:"ours"`
		CAMEO string `json:"cameo,omitempty"`
		Lex   int    `json:"verbs_only"`
	}
	var results []result
	for i := range texts {
		pred, cameo := 0, ""
		if e := mainEvent(docs[i].doc.Events); e != nil {
			pred, cameo = quad5(e.CAMEO, e.Quad), e.CAMEO
		}
		l := 0
		if len(docs[i].lexical) > 0 {
			l = quad5(docs[i].lexical[0].CAMEO, docs[i].lexical[0].Quad)
		}
		ours.add(strconv.Itoa(gold[i]), strconv.Itoa(pred))
		lex.add(strconv.Itoa(gold[i]), strconv.Itoa(l))
		results = append(results, result{Text: texts[i], Gold: gold[i], Ours: pred, CAMEO: cameo, Lex: l})
	}
	m := ours.majority()
	golds := make([]string, len(texts))
	feats := make([][]perceptron.Feature, len(texts))
	for i := range texts {
		maj.add(strconv.Itoa(gold[i]), m)
		golds[i] = strconv.Itoa(gold[i])
		feats[i] = sentenceFeatures(docs[i].doc, mainEvent(docs[i].doc.Events))
	}
	if len(texts) >= 10*kfolds {
		kf := newLabelScore()
		for i, p := range kfold(golds, feats) {
			kf.add(golds[i], p)
		}
		dst := r.kfoldBaseline(rep)
		dst["quad_accuracy"] = round4(float64(kf.correct) / float64(kf.n))
		tmp := map[string]float64{}
		kf.put(tmp, "quad", false)
		dst["quad_macro_f1"] = tmp["quad_macro_f1"]
	}
	for name, s := range map[string]*labelScore{"": ours, lexicalName: lex, majorityName: maj} {
		dst := rep.Metrics
		if name != "" {
			dst = rep.Baselines[name]
		}
		dst["quad_accuracy"] = round4(float64(s.correct) / float64(max(1, s.n)))
		tmp := map[string]float64{}
		s.put(tmp, "quad", false)
		dst["quad_macro_f1"] = tmp["quad_macro_f1"]
	}
	rep.Metrics["quad_sentences"] = float64(len(texts))
	return writeResults(r, "events_quad.jsonl", results, rep)
}

// spanSentence is one sentence of cameo_ner_train.txt: its text, rebuilt
// from the words, and the gold source and target spans.
type spanSentence struct {
	text     string
	src, tgt []span
	words    []span
}

// readSpans reads cameo_ner_train.txt ("word LABEL" lines, a blank line
// between sentences; labels B-S/I-S source, B-T/I-T target, B-R/I-R the
// relation, O). Words are joined with spaces, except before closing
// punctuation and clitics.
func readSpans(path string, limit int) ([]spanSentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []spanSentence
	var cur spanSentence
	var b strings.Builder
	open := map[byte]*span{}
	closeAll := func() {
		for k, sp := range open {
			if k == 'S' {
				cur.src = append(cur.src, *sp)
			} else {
				cur.tgt = append(cur.tgt, *sp)
			}
			delete(open, k)
		}
	}
	flush := func() {
		closeAll()
		if b.Len() > 0 {
			cur.text = b.String()
			out = append(out, cur)
		}
		cur = spanSentence{}
		b.Reset()
	}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			flush()
			if limit > 0 && len(out) == limit {
				return out, nil
			}
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if i <= 0 {
			return nil, fmt.Errorf("line %d: want WORD LABEL", n)
		}
		word, label := line[:i], line[i+1:]
		if b.Len() > 0 && !attaches(word) {
			b.WriteByte(' ')
		}
		ws := span{b.Len(), b.Len() + len(word)}
		b.WriteString(word)
		cur.words = append(cur.words, ws)
		kind := byte(0)
		if len(label) == 3 && (label[2] == 'S' || label[2] == 'T') {
			kind = label[2]
		}
		for k, sp := range open {
			if k != kind || label[0] == 'B' {
				if k == 'S' {
					cur.src = append(cur.src, *sp)
				} else {
					cur.tgt = append(cur.tgt, *sp)
				}
				delete(open, k)
			}
		}
		if kind != 0 {
			if sp, ok := open[kind]; ok {
				sp.end = ws.end
			} else {
				open[kind] = &span{ws.start, ws.end}
			}
		}
	}
	flush()
	return out, sc.Err()
}

// attaches reports whether a word is written against the one before it.
func attaches(w string) bool {
	switch w {
	case ",", ".", ":", ";", "!", "?", ")", "'s", "’s", "n't", "%", "'":
		return true
	}
	return false
}

// spanScore counts exact-span and token-overlap matches.
type spanScore struct {
	tp, pred, gold          int
	tokTP, tokPred, tokGold int
}

func (s *spanScore) add(gold, pred []span, words []span) {
	s.pred += len(pred)
	s.gold += len(gold)
	used := map[int]bool{}
	for _, p := range pred {
		for gi, g := range gold {
			if !used[gi] && g == p {
				used[gi] = true
				s.tp++
				break
			}
		}
	}
	in := func(w span, sps []span) bool {
		for _, sp := range sps {
			if w.overlaps(sp) {
				return true
			}
		}
		return false
	}
	for _, w := range words {
		g, p := in(w, gold), in(w, pred)
		if g {
			s.tokGold++
		}
		if p {
			s.tokPred++
		}
		if g && p {
			s.tokTP++
		}
	}
}

func (s *spanScore) put(m map[string]float64, prefix string) {
	p, r, f := prf(s.tp, s.pred, s.gold)
	m[prefix+"_span_p"], m[prefix+"_span_r"], m[prefix+"_span_f1"] = round4(p), round4(r), round4(f)
	_, _, tf := prf(s.tokTP, s.tokPred, s.tokGold)
	m[prefix+"_token_f1"] = round4(tf)
}

func actorSpans(as []document.Actor) []span {
	out := make([]span, 0, len(as))
	for _, a := range as {
		out = append(out, span{a.Start, a.End})
	}
	return out
}

// spans scores source and target spans on cameo_ner_train.txt.
func (r *eventsRun) spans(ctx context.Context, path string, rep *Report) error {
	sents, err := readSpans(path, r.opts.Limit)
	if err != nil {
		return err
	}
	texts := make([]string, len(sents))
	for i, s := range sents {
		texts[i] = s.text
	}
	docs, err := r.code(ctx, texts, nil)
	if err != nil {
		return err
	}
	var src, tgt spanScore
	type result struct {
		Text       string           `json:"text"`
		GoldSource [][2]int         `json:"gold_source"`
		GoldTarget [][2]int         `json:"gold_target"`
		Source     []document.Actor `json:"source"`
		Target     []document.Actor `json:"target"`
	}
	pairs := func(sps []span) [][2]int {
		out := make([][2]int, 0, len(sps))
		for _, s := range sps {
			out = append(out, [2]int{s.start, s.end})
		}
		return out
	}
	var results []result
	for i, s := range sents {
		var ps, pt []document.Actor
		if e := mainEvent(docs[i].doc.Events); e != nil {
			ps, pt = e.Source, e.Target
		}
		src.add(s.src, actorSpans(ps), s.words)
		tgt.add(s.tgt, actorSpans(pt), s.words)
		results = append(results, result{Text: s.text, GoldSource: pairs(s.src), GoldTarget: pairs(s.tgt), Source: ps, Target: pt})
	}
	src.put(rep.Metrics, "source")
	tgt.put(rep.Metrics, "target")
	rep.Metrics["span_sentences"] = float64(len(sents))
	return writeResults(r, "events_spans.jsonl", results, rep)
}

// petrCase is one PETRARCH2 record: a sentence, its date and the events
// PETRARCH2 is expected to code.
type petrCase struct {
	ID       string `json:"id"`
	Date     string `json:"date"`
	Text     string `json:"text"`
	Expected []struct {
		Source string `json:"sourcecode"`
		Target string `json:"targetcode"`
		Event  string `json:"eventcode"`
	} `json:"expected"`
}

// petrarchGSR scores PETRARCH2's validation records with the embedded
// actor knowledge base.
func (r *eventsRun) petrarchGSR(ctx context.Context, path string, rep *Report) error {
	return r.petrarch(ctx, path, "petrarch", rep)
}

// petrarchUnit scores PETRARCH2's unit tests with their own actor
// dictionary in place of ours.
func (r *eventsRun) petrarchUnit(ctx context.Context, path string, rep *Report) error {
	dict := filepath.Join(filepath.Dir(filepath.Dir(path)), petrActors)
	f, err := os.Open(dict)
	if err != nil {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%s not found: PETRARCH2 unit tests skipped", petrActors))
		return nil
	}
	entries, err := actors.ParsePhoenix(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", dict, err)
	}
	var stages []pipeline.Stage
	for _, st := range pipeline.Default().Stages() {
		if st.Name() == "events" {
			st = events.NewWithActors(actors.New(entries))
		}
		stages = append(stages, st)
	}
	unit := &eventsRun{p: pipeline.New(stages...), stage: r.stage, opts: r.opts}
	return unit.petrarch(ctx, path, "petrarch_unit", rep)
}

// petrarch scores (source country, target country, CAMEO root) triples on
// PETRARCH2 records, and the CAMEO root alone, under prefix.
func (r *eventsRun) petrarch(ctx context.Context, path, prefix string, rep *Report) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var cases []petrCase
	dec := json.NewDecoder(f)
	for {
		var c petrCase
		if err := dec.Decode(&c); err == io.EOF {
			break
		} else if err != nil {
			return fmt.Errorf("record %d: %w", len(cases)+1, err)
		}
		cases = append(cases, c)
		if r.opts.Limit > 0 && len(cases) == r.opts.Limit {
			break
		}
	}
	texts, dates := make([]string, len(cases)), make([]string, len(cases))
	for i, c := range cases {
		texts[i] = c.Text
		if len(c.Date) == 8 {
			dates[i] = c.Date[:4] + "-" + c.Date[4:6] + "-" + c.Date[6:]
		}
	}
	docs, err := r.code(ctx, texts, dates)
	if err != nil {
		return err
	}
	type triple struct{ src, tgt, root string }
	root := func(code string) string { return code[:min(2, len(code))] }
	country := func(code string) string { return code[:min(3, len(code))] }
	var tp, pred, gold, rootTP, rootGold, lexRootTP int
	for i, c := range cases {
		want := map[triple]bool{}
		wantRoot := map[string]bool{}
		for _, e := range c.Expected {
			want[triple{country(e.Source), country(e.Target), root(e.Event)}] = true
			wantRoot[root(e.Event)] = true
		}
		got := map[triple]bool{}
		gotRoot := map[string]bool{}
		for _, e := range docs[i].doc.Events {
			gotRoot[root(e.CAMEO)] = true
			for _, s := range e.Source {
				for _, t := range e.Target {
					got[triple{s.Country, t.Country, root(e.CAMEO)}] = true
				}
			}
		}
		lexRoot := map[string]bool{}
		for _, e := range docs[i].lexical {
			lexRoot[root(e.CAMEO)] = true
		}
		gold += len(want)
		pred += len(got)
		for t := range got {
			if want[t] {
				tp++
			}
		}
		rootGold += len(wantRoot)
		for rt := range wantRoot {
			if gotRoot[rt] {
				rootTP++
			}
			if lexRoot[rt] {
				lexRootTP++
			}
		}
	}
	p, rc, f1 := prf(tp, pred, gold)
	rep.Metrics[prefix+"_triple_p"], rep.Metrics[prefix+"_triple_r"], rep.Metrics[prefix+"_triple_f1"] = round4(p), round4(rc), round4(f1)
	rep.Metrics[prefix+"_root_recall"] = round4(float64(rootTP) / float64(max(1, rootGold)))
	rep.Baselines[lexicalName][prefix+"_root_recall"] = round4(float64(lexRootTP) / float64(max(1, rootGold)))
	rep.Metrics[prefix+"_records"] = float64(len(cases))
	return nil
}
