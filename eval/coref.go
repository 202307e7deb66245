package eval

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"newsgraph/document"
	"newsgraph/extract"
	"newsgraph/nlp/lexicon"
	"newsgraph/pipeline"
)

func init() { Register("coref", runCoref) }

// runCoref measures in-document coreference two ways, each over the
// whole pipeline run on the text as given (as `extract --plain` does):
//
//   - GAP (gap/): for the pronoun of each snippet, whether it refers to
//     candidate A, B or neither, read from the entity coref puts the
//     pronoun in (A counts when one of that entity's mentions overlaps
//     A's name). Scored as GAP is: F1 over the A and B decisions, overall
//     and for masculine and feminine pronouns, and the bias F/M.
//   - GUM (gum-coref/ with its text from ud-gum/): the gold mentions of
//     people, organisations and places that are proper names or
//     he/she/him/her/his/hers/himself/herself, grouped by the gold
//     entities and by ours (a gold mention takes the entity of our mention
//     that overlaps it most, a pronoun ours at its very offset; one we did
//     not find stands alone). MUC and B-cubed F1 over those mentions,
//     pairwise F1 over the name mentions, and pronoun accuracy: of the
//     pronouns whose gold entity has a name before them, the share we put
//     in the entity of one of those names.
//
// Our own mentions that no gold mention overlaps are not counted: the
// figures measure grouping, not mention detection. The baselines group
// names by their exact text and give a pronoun the nearest person name
// before it ("nearest"), or the nearest whose first name's gender agrees
// ("nearest_gender").
//
// --split dev (GAP development, GUM dev), test (GAP test, GUM test) or
// train (GAP validation, GUM train); both dev and test when empty. Tune on
// dev and train only.
func runCoref(ctx context.Context, dir string, opts Options) (*Report, error) {
	root := dataRoot(dir, "gap")
	rep := &Report{Suite: "coref", Data: dir, Metrics: map[string]float64{}, Baselines: map[string]map[string]float64{}}
	for _, b := range corefBaselines {
		rep.Baselines[b.name] = map[string]float64{}
	}
	splits := []string{"dev", "test"}
	if opts.Split != "" {
		splits = []string{opts.Split}
	}
	p := pipeline.Default()
	for _, split := range splits {
		gapFile, gumSplit, ok := corefSplits(split)
		if !ok {
			return nil, fmt.Errorf("unknown split %q (want dev, test or train)", split)
		}
		if path := filepath.Join(root, "gap", gapFile); present(rep, "gap "+split, path) {
			if err := gapPart(ctx, p, path, split, opts, rep); err != nil {
				return nil, err
			}
		}
		conll := filepath.Join(root, "gum-coref", "coref", "gum", "conll")
		ud := filepath.Join(root, "ud-gum", "en_gum-ud-"+gumSplit+".conllu")
		if present(rep, "gum "+split, ud) && present(rep, "gum "+split, conll) {
			if err := gumPart(ctx, p, ud, conll, split, opts, rep); err != nil {
				return nil, err
			}
		}
	}
	rep.Notes = append(rep.Notes,
		"gap: F1 over the A and B decisions of each pronoun (GAP's snippet-context scoring); bias = F1 feminine / F1 masculine",
		"gum: gold person/organisation/place mentions that are proper names (first and last word NNP/NNPS after \"the\", up to six words, no comma or bracket) or he/she/him/her/his/hers/himself/herself; our unmatched mentions not counted; reddit documents (no text) skipped")
	return rep, nil
}

// corefSplits returns the GAP file and GUM split of a split name.
func corefSplits(split string) (gap, gum string, ok bool) {
	switch split {
	case "dev":
		return "gap-development.tsv", "dev", true
	case "test":
		return "gap-test.tsv", "test", true
	case "train":
		return "gap-validation.tsv", "train", true
	}
	return "", "", false
}

// corefMention is one mention that a system put in an entity.
type corefMention struct{ start, end, entity int }

// resolution is one document's mentions grouped into entities.
type resolution []corefMention

// at returns the entity of the mention starting at start, or -1.
func (r resolution) at(start int) int {
	for _, m := range r {
		if m.start == start {
			return m.entity
		}
	}
	return -1
}

// overlapping returns the entity of the mention that overlaps [start, end)
// most, or -1.
func (r resolution) overlapping(start, end int) int {
	best, most := -1, 0
	for _, m := range r {
		if o := min(end, m.end) - max(start, m.start); o > most {
			best, most = m.entity, o
		}
	}
	return best
}

// holds reports whether entity e has a mention overlapping [start, end).
func (r resolution) holds(e, start, end int) bool {
	for _, m := range r {
		if m.entity == e && m.start < end && start < m.end {
			return true
		}
	}
	return false
}

// ourResolution reads doc.Entities.
func ourResolution(doc *document.Document) resolution {
	var r resolution
	for k, e := range doc.Entities {
		for _, m := range e.Mentions {
			r = append(r, corefMention{m.Start, m.End, k})
		}
	}
	return r
}

// corefBaselines are the simple resolvers reported beside ours.
var corefBaselines = []struct {
	name     string
	gendered bool
}{{"nearest", false}, {"nearest_gender", true}}

// gapPronouns are the pronouns both benchmarks score, by gender.
var gapPronouns = map[string]lexicon.Gender{
	"he": lexicon.Male, "him": lexicon.Male, "his": lexicon.Male, "himself": lexicon.Male,
	"she": lexicon.Female, "her": lexicon.Female, "hers": lexicon.Female, "herself": lexicon.Female,
}

// nearestResolution is a baseline: names grouped by their folded text,
// and each he/she … joined to the nearest person name before it (whose
// first name's gender agrees or is unknown, when gendered).
func nearestResolution(doc *document.Document, gendered bool) resolution {
	lex := lexicon.Default()
	var r resolution
	key := map[string]int{}
	type person struct {
		start, entity int
		gender        lexicon.Gender
	}
	var people []person
	for _, n := range doc.Names {
		k := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(n.Text, "'s"), "’s"))
		e, ok := key[k]
		if !ok {
			e = len(key)
			key[k] = e
		}
		r = append(r, corefMention{n.Start, n.End, e})
		if n.Type == document.TypePerson {
			g := lexicon.Unknown
			if w := strings.Fields(n.Text); len(w) > 1 {
				g, _ = lex.FirstName(w[0])
			}
			people = append(people, person{n.Start, e, g})
		}
	}
	for _, t := range doc.Tokens {
		pg, ok := gapPronouns[strings.ToLower(t.Text)]
		if !ok {
			continue
		}
		best := -1
		for _, p := range people {
			if p.start < t.Start && (!gendered || p.gender == lexicon.Unknown || p.gender == pg) {
				best = p.entity
			}
		}
		if best >= 0 {
			r = append(r, corefMention{t.Start, t.End, best})
		}
	}
	return r
}

// analyse runs the pipeline over text taken as given.
func analyse(ctx context.Context, p *pipeline.Pipeline, text string) (*document.Document, error) {
	doc, err := extract.Read([]byte(text), extract.Options{Plain: true})
	if err != nil {
		return nil, fmt.Errorf("read text: %w", err)
	}
	if doc.Text != text {
		return nil, fmt.Errorf("plain text changed on reading")
	}
	if err := p.Process(ctx, doc); err != nil {
		return nil, fmt.Errorf("analyse: %w", err)
	}
	return doc, nil
}

// gapItem is one GAP row: a pronoun and two candidate names, with byte
// offsets into Text.
type gapItem struct {
	id, text, pronoun string
	pron, a, b        [2]int // byte spans
	aRef, bRef        bool
}

// readGAP reads a GAP tsv file. Its offsets count characters; they are
// turned into byte offsets.
func readGAP(path string, limit int) ([]gapItem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read gap: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var items []gapItem
	for line := 0; sc.Scan(); line++ {
		if line == 0 || sc.Text() == "" {
			continue
		}
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 10 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 11", path, line+1, len(c))
		}
		it := gapItem{id: c[0], text: c[1], pronoun: c[2], aRef: c[6] == "TRUE", bRef: c[9] == "TRUE"}
		var ok [3]bool
		it.pron, ok[0] = charSpan(c[1], c[3], c[2])
		it.a, ok[1] = charSpan(c[1], c[5], c[4])
		it.b, ok[2] = charSpan(c[1], c[8], c[7])
		if !ok[0] || !ok[1] || !ok[2] {
			return nil, fmt.Errorf("%s:%d: an offset does not point at its text", path, line+1)
		}
		items = append(items, it)
		if limit > 0 && len(items) >= limit {
			break
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read gap %s: %w", path, err)
	}
	return items, nil
}

// charSpan returns the byte span of want at character offset off in text.
func charSpan(text, off, want string) ([2]int, bool) {
	n, err := strconv.Atoi(off)
	if err != nil || n < 0 {
		return [2]int{}, false
	}
	b := 0
	for i := 0; i < n && b < len(text); i++ {
		_, w := utf8.DecodeRuneInString(text[b:])
		b += w
	}
	if !strings.HasPrefix(text[b:], want) {
		return [2]int{}, false
	}
	return [2]int{b, b + len(want)}, true
}

// gapScore counts GAP's A/B decisions for one gender.
type gapScore struct{ tp, fp, fn int }

func (s *gapScore) add(pred, gold bool) {
	switch {
	case pred && gold:
		s.tp++
	case pred:
		s.fp++
	case gold:
		s.fn++
	}
}

func (s gapScore) f1() float64 {
	_, _, f := prf(s.tp, s.tp+s.fp, s.tp+s.fn)
	return f
}

// gapScores are one system's counts: masculine and feminine.
type gapScores [2]gapScore

func (g *gapScores) add(it gapItem, r resolution) (predA, predB bool) {
	k := 0
	if gapPronouns[strings.ToLower(it.pronoun)] == lexicon.Female {
		k = 1
	}
	if e := r.at(it.pron[0]); e >= 0 {
		predA = r.holds(e, it.a[0], it.a[1])
		predB = r.holds(e, it.b[0], it.b[1])
	}
	g[k].add(predA, it.aRef)
	g[k].add(predB, it.bRef)
	return predA, predB
}

func (g gapScores) put(m map[string]float64, prefix string) {
	all := gapScore{g[0].tp + g[1].tp, g[0].fp + g[1].fp, g[0].fn + g[1].fn}
	p, r, f := prf(all.tp, all.tp+all.fp, all.tp+all.fn)
	m[prefix+"p"], m[prefix+"r"], m[prefix+"f1"] = p, r, f
	m[prefix+"f1_masc"], m[prefix+"f1_fem"] = g[0].f1(), g[1].f1()
	if g[0].f1() > 0 {
		m[prefix+"bias"] = g[1].f1() / g[0].f1()
	}
}

// gapPart scores one GAP file.
func gapPart(ctx context.Context, p *pipeline.Pipeline, path, split string, opts Options, rep *Report) error {
	items, err := readGAP(path, opts.Limit)
	if err != nil {
		return err
	}
	var ours gapScores
	base := make([]gapScores, len(corefBaselines))
	found, referring := 0, 0
	var out strings.Builder
	out.WriteString("id\tpronoun\tgold_a\tgold_b\tpred_a\tpred_b\ttext\n")
	for _, it := range items {
		doc, err := analyse(ctx, p, it.text)
		if err != nil {
			return fmt.Errorf("gap %s: %w", it.id, err)
		}
		res := ourResolution(doc)
		if it.aRef && res.overlapping(it.a[0], it.a[1]) >= 0 || it.bRef && res.overlapping(it.b[0], it.b[1]) >= 0 {
			found++
		}
		if it.aRef || it.bRef {
			referring++
		}
		pa, pb := ours.add(it, res)
		for k, b := range corefBaselines {
			base[k].add(it, nearestResolution(doc, b.gendered))
		}
		if pa != it.aRef || pb != it.bRef {
			fmt.Fprintf(&out, "%s\t%s\t%v\t%v\t%v\t%v\t%s\n", it.id, it.pronoun, it.aRef, it.bRef, pa, pb,
				markGAP(it))
		}
	}
	prefix := "gap_" + split + "_"
	ours.put(rep.Metrics, prefix)
	for k, b := range corefBaselines {
		base[k].put(rep.Baselines[b.name], prefix)
	}
	rep.Metrics[prefix+"pronouns"] = float64(len(items))
	// How often the right candidate is among our mentions at all: the
	// ceiling that the name finder sets.
	rep.Metrics[prefix+"antecedent_found"] = ratio(found, referring)
	return writeItems(opts, "gap-"+split+"-errors.tsv", out.String())
}

// markGAP returns the snippet with the candidates and pronoun bracketed,
// for reading errors.
func markGAP(it gapItem) string {
	type mark struct {
		at  int
		txt string
	}
	marks := []mark{{it.a[0], "[A "}, {it.a[1], "]"}, {it.b[0], "[B "}, {it.b[1], "]"}, {it.pron[0], "<<"}, {it.pron[1], ">>"}}
	var b strings.Builder
	for i := 0; i <= len(it.text); i++ {
		for _, m := range marks {
			if m.at == i {
				b.WriteString(m.txt)
			}
		}
		if i < len(it.text) {
			b.WriteByte(it.text[i])
		}
	}
	return strings.NewReplacer("\t", " ", "\n", " ").Replace(b.String())
}

// writeItems writes per-item results into opts.Out, when set.
func writeItems(opts Options, name, text string) error {
	if opts.Out == "" {
		return nil
	}
	if err := os.WriteFile(filepath.Join(opts.Out, name), []byte(text), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}
