package eval

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"newsgraph/nlp/conllu"
	"newsgraph/nlp/lexicon"
	"newsgraph/nlp/sentences"
	"newsgraph/pipeline"
)

// gumDoc is one GUM document: its raw text rebuilt from the treebank,
// each word's byte span and Penn tag, and the gold mentions.
type gumDoc struct {
	id       string
	text     string
	words    []gumWord
	mentions []gumMention
}

type gumWord struct {
	start, end int
	form, xpos string
}

// gumMention is a gold mention over words [first, last].
type gumMention struct {
	first, last int
	entity, typ string
}

// readGUM reads the documents of one split: the text and tags from the
// UD treebank, the mentions from the CoNLL-2012 file of the same name in
// conllDir (both count the same words). Documents without text (reddit),
// without a coreference file or whose word counts differ are skipped and
// named in skipped.
func readGUM(udPath, conllDir string, limit int) (docs []gumDoc, skipped []string, err error) {
	sents, err := conllu.ReadFile(udPath)
	if err != nil {
		return nil, nil, fmt.Errorf("read gum: %w", err)
	}
	raws := sentences.Rebuild(sents)
	k := 0
	for di, raw := range raws {
		doc := gumDoc{id: sents[k].DocID, text: raw.Text}
		for si := range raw.Starts {
			s := &sents[k]
			k++
			cur := 0
			for _, t := range s.Tokens {
				w := gumWord{start: raw.Starts[si] + cur, end: raw.Starts[si] + cur, form: t.Form, xpos: t.XPOS}
				if i := strings.Index(s.Text[cur:], t.Form); i >= 0 && i <= 2 {
					w.start = raw.Starts[si] + cur + i
					w.end = w.start + len(t.Form)
					cur += i + len(t.Form)
				}
				doc.words = append(doc.words, w)
			}
		}
		if limit > 0 && di >= limit {
			break
		}
		if strings.Count(doc.text, "_") > len(doc.words)/2 {
			skipped = append(skipped, doc.id)
			continue
		}
		path := filepath.Join(conllDir, doc.id+".conll")
		if _, err := os.Stat(path); err != nil {
			skipped = append(skipped, doc.id)
			continue
		}
		ms, n, err := readCoNLLMentions(path)
		if err != nil {
			return nil, nil, err
		}
		if n != len(doc.words) {
			skipped = append(skipped, doc.id)
			continue
		}
		doc.mentions = ms
		docs = append(docs, doc)
	}
	return docs, skipped, nil
}

// corefBracket matches one piece of a CoNLL-2012 coreference column:
// "(person-1)", "(person-1" or "person-1)"; a label is TYPE-ID or
// TYPE-ID-WIKI.
var corefBracket = regexp.MustCompile(`\(([^()]+)\)|\(([^()]+)|([^()]+)\)`)

// readCoNLLMentions returns the mentions of a CoNLL-2012 file and its
// number of words.
func readCoNLLMentions(path string) ([]gumMention, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("read gum coref: %w", err)
	}
	defer f.Close()
	var ms []gumMention
	open := map[string][]int{} // entity -> start words of open mentions
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) < 3 {
			return nil, 0, fmt.Errorf("%s: line %q has no coreference column", path, line)
		}
		for _, m := range corefBracket.FindAllStringSubmatch(c[2], -1) {
			switch {
			case m[1] != "":
				ms = append(ms, newGumMention(m[1], n, n))
			case m[2] != "":
				id := entityOf(m[2])
				open[id] = append(open[id], n)
			case m[3] != "":
				id := entityOf(m[3])
				st := open[id]
				if len(st) == 0 {
					return nil, 0, fmt.Errorf("%s: %q closes no mention", path, m[3])
				}
				ms = append(ms, newGumMention(m[3], st[len(st)-1], n))
				open[id] = st[:len(st)-1]
			}
		}
		n++
	}
	if err := sc.Err(); err != nil {
		return nil, 0, fmt.Errorf("read gum coref %s: %w", path, err)
	}
	return ms, n, nil
}

// entityOf returns TYPE-ID of a label.
func entityOf(label string) string {
	parts := strings.SplitN(label, "-", 3)
	if len(parts) < 2 {
		return label
	}
	return parts[0] + "-" + parts[1]
}

func newGumMention(label string, first, last int) gumMention {
	e := entityOf(label)
	return gumMention{first: first, last: last, entity: e, typ: strings.SplitN(e, "-", 2)[0]}
}

// keyMention is a scored gold mention.
type keyMention struct {
	start, end int
	entity     string
	pronoun    bool
}

// keyMentions returns doc's scored mentions: of people, organisations
// and places, proper names (the words after a leading "the", less a final
// possessive, begin and end with NNP/NNPS, and are a plain name) and
// he/she … pronouns.
func keyMentions(doc gumDoc) []keyMention {
	var out []keyMention
	for _, m := range doc.mentions {
		if m.typ != "person" && m.typ != "organization" && m.typ != "place" {
			continue
		}
		first, last := m.first, m.last
		if first == last {
			w := doc.words[first]
			if _, ok := gapPronouns[strings.ToLower(w.form)]; ok {
				out = append(out, keyMention{w.start, w.end, m.entity, true})
				continue
			}
		}
		if doc.words[first].xpos == "DT" && first < last {
			first++
		}
		if doc.words[last].xpos == "POS" && first < last {
			last--
		}
		if properTag(doc.words[first].xpos) && properTag(doc.words[last].xpos) && plainName(doc.words[first:last+1]) {
			out = append(out, keyMention{doc.words[first].start, doc.words[last].end, m.entity, false})
		}
	}
	return out
}

// goldTitles returns doc's mentions of people made by a title alone:
// "the" and up to four more words, the last one or two of which are a
// title ("the president", "the Italian leader", "the prime minister").
func goldTitles(doc gumDoc) []keyMention {
	lex := lexicon.Default()
	var out []keyMention
	for _, m := range doc.mentions {
		n := m.last - m.first + 1
		if m.typ != "person" || n < 2 || n > 5 || !strings.EqualFold(doc.words[m.first].form, "the") {
			continue
		}
		last := doc.words[m.last].form
		two := doc.words[m.last-1].form + " " + last
		if lex.LookupTitle(last) == nil && (n < 3 || lex.LookupTitle(two) == nil) {
			continue
		}
		out = append(out, keyMention{doc.words[m.first].start, doc.words[m.last].end, m.entity, false})
	}
	return out
}

// titleScores counts the title mentions whose person is named before
// them (eligible), those we put in an entity, and those we put in the
// entity of one of that person's names.
type titleScores struct{ eligible, resolved, correct int }

func (s *titleScores) add(titles, keys []keyMention, r resolution) {
	for _, t := range titles {
		var names []keyMention
		for _, k := range keys {
			if !k.pronoun && k.entity == t.entity && k.start < t.start {
				names = append(names, k)
			}
		}
		if len(names) == 0 {
			continue
		}
		s.eligible++
		e := r.at(t.start)
		if e < 0 {
			continue
		}
		s.resolved++
		for _, n := range names {
			if r.holds(e, n.start, n.end) {
				s.correct++
				break
			}
		}
	}
}

func properTag(t string) bool { return t == "NNP" || t == "NNPS" }

// plainName reports whether words are a name and no more: at most six
// words, none a comma or bracket ("Amsterdam, the Netherlands" and "Joshua
// Norton (c. 1818 – 1880), known as …" are left out).
func plainName(words []gumWord) bool {
	if len(words) > 6 {
		return false
	}
	for _, w := range words {
		switch w.form {
		case ",", "(", ")", "-LRB-", "-RRB-":
			return false
		}
	}
	return true
}

// corefScores accumulates the GUM measures over documents.
type corefScores struct {
	mucRN, mucRD, mucPN, mucPD  int
	b3P, b3R                    float64
	mentions                    int
	pairTP, pairPred, pairGold  int
	pronouns, correct, resolved int
}

// add scores one document: the gold entity and our entity of each key
// mention.
func (s *corefScores) add(keys []keyMention, r resolution) {
	key := make([]string, len(keys))
	resp := make([]string, len(keys))
	for i, k := range keys {
		key[i] = k.entity
		e := -1
		if k.pronoun {
			e = r.at(k.start)
		} else {
			e = r.overlapping(k.start, k.end)
		}
		if e >= 0 {
			resp[i] = fmt.Sprint(e)
		} else {
			resp[i] = fmt.Sprintf("alone%d", i)
		}
	}
	rn, rd := mucCounts(key, resp)
	pn, pd := mucCounts(resp, key)
	s.mucRN, s.mucRD, s.mucPN, s.mucPD = s.mucRN+rn, s.mucRD+rd, s.mucPN+pn, s.mucPD+pd
	for i := range keys {
		inter, nk, nr := 0, 0, 0
		for j := range keys {
			sk, sr := key[j] == key[i], resp[j] == resp[i]
			if sk {
				nk++
			}
			if sr {
				nr++
			}
			if sk && sr {
				inter++
			}
			if j > i && !keys[i].pronoun && !keys[j].pronoun {
				if sk && sr {
					s.pairTP++
				}
				if sr {
					s.pairPred++
				}
				if sk {
					s.pairGold++
				}
			}
		}
		s.b3P += float64(inter) / float64(nr)
		s.b3R += float64(inter) / float64(nk)
		s.mentions++
	}
	for i, k := range keys {
		if !k.pronoun {
			continue
		}
		eligible, right := false, false
		for j, n := range keys {
			if !n.pronoun && n.entity == k.entity && n.start < k.start {
				eligible = true
				right = right || resp[j] == resp[i]
			}
		}
		if !eligible {
			continue
		}
		s.pronouns++
		if !strings.HasPrefix(resp[i], "alone") {
			s.resolved++
			if right {
				s.correct++
			}
		}
	}
}

// mucCounts returns MUC's numerator and denominator of key against resp
// (recall; swap them for precision): for each key entity, its size less
// the number of resp entities it falls into, over its size less one.
func mucCounts(key, resp []string) (num, den int) {
	parts := map[string]map[string]bool{}
	size := map[string]int{}
	for i := range key {
		if parts[key[i]] == nil {
			parts[key[i]] = map[string]bool{}
		}
		parts[key[i]][resp[i]] = true
		size[key[i]]++
	}
	for k, n := range size {
		num += n - len(parts[k])
		den += n - 1
	}
	return num, den
}

func (s corefScores) put(m map[string]float64, prefix string) {
	rec, prec := ratio(s.mucRN, s.mucRD), ratio(s.mucPN, s.mucPD)
	m[prefix+"muc_f1"] = f1(prec, rec)
	if s.mentions > 0 {
		m[prefix+"b3_f1"] = f1(s.b3P/float64(s.mentions), s.b3R/float64(s.mentions))
	}
	_, _, m[prefix+"name_pair_f1"] = prf(s.pairTP, s.pairPred, s.pairGold)
	m[prefix+"pronoun_acc"] = ratio(s.correct, s.pronouns)
	m[prefix+"pronoun_p"] = ratio(s.correct, s.resolved)
}

// gumPart scores one GUM split.
func gumPart(ctx context.Context, p *pipeline.Pipeline, udPath, conllDir, split string, opts Options, rep *Report) error {
	docs, skipped, err := readGUM(udPath, conllDir, opts.Limit)
	if err != nil {
		return err
	}
	var ours corefScores
	base := make([]corefScores, len(corefBaselines))
	mentions := 0
	var titles titleScores
	var out, names strings.Builder
	out.WriteString("doc\toffset\tpronoun\tgold names\tour entity\tcontext\n")
	for _, d := range docs {
		doc, err := analyse(ctx, p, d.text)
		if err != nil {
			return fmt.Errorf("gum %s: %w", d.id, err)
		}
		keys := keyMentions(d)
		mentions += len(keys)
		res := ourResolution(doc)
		ours.add(keys, res)
		titles.add(goldTitles(d), keys, res)
		gumErrors(&out, d, keys, res)
		nameErrors(&names, d, keys, res)
		for k, b := range corefBaselines {
			base[k].add(keys, nearestResolution(doc, b.gendered))
		}
	}
	prefix := "gum_" + split + "_"
	ours.put(rep.Metrics, prefix)
	for k, b := range corefBaselines {
		base[k].put(rep.Baselines[b.name], prefix)
	}
	rep.Metrics[prefix+"docs"] = float64(len(docs))
	rep.Metrics[prefix+"mentions"] = float64(mentions)
	rep.Metrics[prefix+"pronouns"] = float64(ours.pronouns)
	// Titles alone ("the president"); the baselines make no such mentions.
	rep.Metrics[prefix+"titles"] = float64(titles.eligible)
	rep.Metrics[prefix+"title_acc"] = ratio(titles.correct, titles.eligible)
	rep.Metrics[prefix+"title_p"] = ratio(titles.correct, titles.resolved)
	if err := writeItems(opts, "gum-"+split+"-pronouns.tsv", out.String()); err != nil {
		return err
	}
	if err := writeItems(opts, "gum-"+split+"-names.tsv", names.String()); err != nil {
		return err
	}
	if len(skipped) > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("gum %s: skipped %s", split, strings.Join(skipped, ", ")))
	}
	return nil
}

// nameErrors writes the pairs of name mentions (each pair of texts once
// a document) that gold groups and we split ("split") or that we group
// and gold splits ("merged").
func nameErrors(out *strings.Builder, d gumDoc, keys []keyMention, r resolution) {
	seen := map[string]bool{}
	for i, a := range keys {
		for _, b := range keys[i+1:] {
			if a.pronoun || b.pronoun {
				continue
			}
			ea, eb := r.overlapping(a.start, a.end), r.overlapping(b.start, b.end)
			same := ea >= 0 && ea == eb
			kind := ""
			switch {
			case a.entity == b.entity && !same:
				kind = "split"
			case a.entity != b.entity && same:
				kind = "merged"
			default:
				continue
			}
			line := fmt.Sprintf("%s\t%s\t%s\t%s\n", d.id, kind, d.text[a.start:a.end], d.text[b.start:b.end])
			if !seen[line] {
				seen[line] = true
				out.WriteString(line)
			}
		}
	}
}

// gumErrors writes the pronouns whose gold entity has a name before them
// and that we put elsewhere or nowhere: the gold entity's names, our
// entity's mentions and the words before the pronoun.
func gumErrors(out *strings.Builder, d gumDoc, keys []keyMention, r resolution) {
	for _, k := range keys {
		if !k.pronoun {
			continue
		}
		var gold []string
		right := false
		e := r.at(k.start)
		for _, n := range keys {
			if !n.pronoun && n.entity == k.entity && n.start < k.start {
				gold = append(gold, d.text[n.start:n.end])
				right = right || e >= 0 && r.holds(e, n.start, n.end)
			}
		}
		if len(gold) == 0 || right {
			continue
		}
		var ours []string
		for _, m := range r {
			if e >= 0 && m.entity == e && m.start < k.start {
				ours = append(ours, d.text[m.start:m.end])
			}
		}
		ctx := strings.NewReplacer("\n", " ", "\t", " ").Replace(d.text[max(0, k.start-300):k.end])
		fmt.Fprintf(out, "%s\t%d\t%s\t%s\t%s\t%s\n", d.id, k.start, d.text[k.start:k.end],
			strings.Join(gold, "|"), strings.Join(ours, "|"), ctx)
	}
}
