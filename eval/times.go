package eval

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	dateparser "github.com/markusmobius/go-dateparser"
	"github.com/markusmobius/go-dateparser/date"

	"newsgraph/timex"
)

func init() { Register("times", runTimes) }

// The times suite scores time expressions on TimeBank and AQUAINT
// (TempEval-3's training data, TimeML): every TIMEX3 in each file's TEXT
// against ours, resolved against the file's document creation time (DCT)
// as the publication date. --data names the folder holding the .tml files
// (searched recursively, so the tbaq folder or its parent).
//
// Scoring follows TempEval-3: our expressions are matched one to one with
// gold ones, exactly (strict) or by overlap (relaxed); span precision,
// recall and F1 for each; type accuracy over relaxed matches; value
// precision, recall and F1, where a true positive is a relaxed match with
// the gold value (TempEval-3's value F1).
//
// Baseline in the same run: "go-dateparser", whose Search finds and
// resolves dates in running text (with the DCT as current time), run
// paragraph by paragraph, without its NoSpacesTime parser (see
// newBaselineParser); it gives days, months, years and clock times
// only, typed DATE or TIME. The DCT itself is not scored. "seconds" is
// each system's time on one goroutine.

// goldTimex is one TIMEX3 with a byte span into the document text.
type goldTimex struct {
	Start, End  int
	Type, Value string
}

// timeDoc is one TimeML file.
type timeDoc struct {
	Name   string
	DCT    string
	Text   string
	Timexs []goldTimex
}

// readTimeML reads a TimeML file: the DCT's value, the TEXT element's
// characters with tags dropped, and the TIMEX3 elements inside it.
func readTimeML(name string, r io.Reader) (*timeDoc, error) {
	d := &timeDoc{Name: name}
	dec := xml.NewDecoder(r)
	dec.Strict = false
	var text strings.Builder
	inText, inDCT := false, false
	var open *goldTimex
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "TEXT":
				inText = true
			case "DCT":
				inDCT = true
			case "TIMEX3":
				g := goldTimex{Start: text.Len()}
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "type":
						g.Type = a.Value
					case "value":
						g.Value = a.Value
					}
				}
				if inDCT && d.DCT == "" {
					d.DCT = g.Value
				}
				if inText {
					open = &g
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "TEXT":
				inText = false
			case "DCT":
				inDCT = false
			case "TIMEX3":
				if open != nil {
					open.End = text.Len()
					d.Timexs = append(d.Timexs, *open)
					open = nil
				}
			}
		case xml.CharData:
			if inText {
				text.Write(t)
			}
		}
	}
	d.Text = text.String()
	if d.DCT == "" {
		return nil, fmt.Errorf("%s: no document creation time (DCT)", name)
	}
	return d, nil
}

// loadTimeML reads every .tml file under dir, sorted by path.
func loadTimeML(dir string, limit int) ([]*timeDoc, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() && strings.HasSuffix(p, ".tml") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list TimeML files in %s: %w", dir, err)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no .tml files in %s", dir)
	}
	sort.Strings(paths)
	if limit > 0 && limit < len(paths) {
		paths = paths[:limit]
	}
	docs := make([]*timeDoc, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("read TimeML: %w", err)
		}
		rel, _ := filepath.Rel(dir, p)
		d, err := readTimeML(rel, bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// sysTimex is one expression a system found.
type sysTimex struct {
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Text        string `json:"text"`
	Type        string `json:"type"`
	Value       string `json:"value"`
	Match       int    `json:"-"` // index of the relaxed gold match, -1 for none
	strictMatch bool
}

// timeTally is one system's counts.
type timeTally struct {
	gold, found           int
	strict, relaxed       int
	typeOK, valueOK       int
	seconds               float64
	valueOKByType, byType map[string]int
}

// score matches found to gold one to one, first by exact span, then by
// overlap, and counts.
func (t *timeTally) score(gold []goldTimex, found []sysTimex) {
	if t.byType == nil {
		t.byType, t.valueOKByType = map[string]int{}, map[string]int{}
	}
	t.gold += len(gold)
	t.found += len(found)
	used := make([]bool, len(gold))
	for i := range found {
		found[i].Match = -1
		for j, g := range gold {
			if !used[j] && g.Start == found[i].Start && g.End == found[i].End {
				used[j], found[i].Match, found[i].strictMatch = true, j, true
				t.strict++
				break
			}
		}
	}
	for i := range found {
		if found[i].Match >= 0 {
			continue
		}
		for j, g := range gold {
			if !used[j] && g.Start < found[i].End && found[i].Start < g.End {
				used[j], found[i].Match = true, j
				break
			}
		}
	}
	for _, f := range found {
		if f.Match < 0 {
			continue
		}
		g := gold[f.Match]
		t.relaxed++
		t.byType[g.Type]++
		if f.Type == g.Type {
			t.typeOK++
		}
		if f.Value == g.Value {
			t.valueOK++
			t.valueOKByType[g.Type]++
		}
	}
}

func (t *timeTally) metrics() map[string]float64 {
	m := map[string]float64{
		"gold": float64(t.gold), "found": float64(t.found), "seconds": t.seconds,
		"type_accuracy":  ratio(t.typeOK, t.relaxed),
		"value_accuracy": ratio(t.valueOK, t.relaxed),
	}
	prf := func(name string, tp int) {
		p, r := ratio(tp, t.found), ratio(tp, t.gold)
		m[name+"_precision"], m[name+"_recall"] = p, r
		m[name+"_f1"] = f1(p, r)
	}
	prf("strict", t.strict)
	prf("relaxed", t.relaxed)
	prf("value", t.valueOK)
	for typ, n := range t.byType {
		m["value_accuracy_"+strings.ToLower(typ)] = ratio(t.valueOKByType[typ], n)
	}
	return m
}

// ours runs the timex stage's finder.
func oursTimes(d *timeDoc, ref time.Time) []sysTimex {
	var out []sysTimex
	for _, x := range timex.Find(d.Text, ref) {
		out = append(out, sysTimex{Start: x.Start, End: x.End, Text: x.Text, Type: x.Type, Value: x.Value})
	}
	return out
}

// newBaselineParser returns go-dateparser with every parser but
// NoSpacesTime, which reads undelimited digit runs ("20211011") and in
// running prose only turns numbers into dates ("35527" as 2052-03-05). It
// is tried on every substring Search fails to parse otherwise and took
// four fifths of the baseline's time (on a sample of 32 TimeBank files,
// the two settings differ by that one false date).
func newBaselineParser() *dateparser.Parser {
	return &dateparser.Parser{ParserTypes: []dateparser.ParserType{
		dateparser.Timestamp, dateparser.NegativeTimestamp, dateparser.RelativeTime,
		dateparser.CustomFormat, dateparser.AbsoluteTime,
	}}
}

// dateparserTimes runs go-dateparser's Search and finds each result's span
// in the text, in order.
func dateparserTimes(p *dateparser.Parser, d *timeDoc, ref time.Time) []sysTimex {
	cfg := &dateparser.Configuration{CurrentTime: ref, Languages: []string{"en"}, ReturnTimeAsPeriod: true}
	var out []sysTimex
	// Paragraph by paragraph: Search's cost grows faster than the text.
	for off, para := range paragraphs(d.Text) {
		res, err := p.SearchWithLanguage(cfg, "en", para)
		if err != nil {
			continue
		}
		out = append(out, dateparserResults(res, para, off)...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// paragraphs returns the blank-line-separated paragraphs of text by their
// byte offset.
func paragraphs(text string) map[int]string {
	out := map[int]string{}
	at := 0
	for _, p := range strings.SplitAfter(text, "\n\n") {
		if strings.TrimSpace(p) != "" {
			out[at] = p
		}
		at += len(p)
	}
	return out
}

// dateparserResults turns Search results into expressions with spans in
// text, offset by off.
func dateparserResults(res []dateparser.SearchResult, text string, off int) []sysTimex {
	var out []sysTimex
	at := 0
	for _, r := range res {
		i := strings.Index(text[at:], r.Text)
		if i < 0 || r.Text == "" {
			continue
		}
		start := at + i
		at = start + len(r.Text)
		typ, val := "DATE", ""
		tm := r.Date.Time
		switch r.Date.Period {
		case date.Year:
			val = tm.Format("2006")
		case date.Month:
			val = tm.Format("2006-01")
		case date.Day:
			val = tm.Format("2006-01-02")
		case date.Hour, date.Minute, date.Second:
			typ, val = "TIME", tm.Format("2006-01-02T15:04")
		default:
			continue
		}
		out = append(out, sysTimex{Start: off + start, End: off + at, Text: r.Text, Type: typ, Value: val})
	}
	return out
}

// timeItem is one document's result in times-items.jsonl.
type timeItem struct {
	Doc      string     `json:"doc"`
	DCT      string     `json:"dct"`
	Gold     []timeGold `json:"gold"`
	Spurious []sysTimex `json:"spurious"` // ours, matching no gold expression
}

type timeGold struct {
	Text     string    `json:"text"`
	Type     string    `json:"type"`
	Value    string    `json:"value"`
	Ours     *sysTimex `json:"ours,omitempty"`
	Baseline *sysTimex `json:"go_dateparser,omitempty"`
}

func runTimes(ctx context.Context, dir string, opts Options) (*Report, error) {
	docs, err := loadTimeML(dir, opts.Limit)
	if err != nil {
		return nil, err
	}
	var ours, base timeTally
	var items []timeItem
	refs := make([]time.Time, len(docs))
	for i, d := range docs {
		ref, ok := timex.ParseRef(d.DCT)
		if !ok {
			return nil, fmt.Errorf("%s: unreadable DCT %q", d.Name, d.DCT)
		}
		refs[i] = ref
	}
	// Only one goroutine may use go-dateparser at a time: its Unicode
	// normalisers are package variables (transform.Chain, which keeps
	// state), shared by every Parser, so even one Parser per goroutine
	// would race. See newBaselineParser for how it is kept fast.
	baseline := make([][]sysTimex, len(docs))
	dp := newBaselineParser()
	t0 := time.Now()
	for i := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		baseline[i] = dateparserTimes(dp, docs[i], refs[i])
	}
	base.seconds = time.Since(t0).Seconds()
	for i, d := range docs {
		ref := refs[i]
		t0 := time.Now()
		o := oursTimes(d, ref)
		ours.seconds += time.Since(t0).Seconds()
		b := baseline[i]
		ours.score(d.Timexs, o)
		base.score(d.Timexs, b)
		if opts.Out != "" {
			it := timeItem{Doc: d.Name, DCT: d.DCT, Spurious: []sysTimex{}}
			for _, g := range d.Timexs {
				it.Gold = append(it.Gold, timeGold{Text: d.Text[g.Start:g.End], Type: g.Type, Value: g.Value})
			}
			for i := range o {
				if o[i].Match >= 0 {
					it.Gold[o[i].Match].Ours = &o[i]
				} else {
					it.Spurious = append(it.Spurious, o[i])
				}
			}
			for i := range b {
				if b[i].Match >= 0 {
					it.Gold[b[i].Match].Baseline = &b[i]
				}
			}
			items = append(items, it)
		}
	}
	rep := &Report{Suite: "times", Data: dir, Metrics: ours.metrics(),
		Baselines: map[string]map[string]float64{"go-dateparser": base.metrics()}}
	rep.Metrics["documents"] = float64(len(docs))
	if opts.Out != "" {
		p, err := writeJSONLines(filepath.Join(opts.Out, "times-items.jsonl"), items)
		if err != nil {
			return nil, err
		}
		rep.Notes = append(rep.Notes, "per-document results: "+p)
	}
	return rep, nil
}
