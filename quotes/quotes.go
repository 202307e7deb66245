// Package quotes finds who said what: direct quotes between quotation
// marks and indirect (reported) speech, each with its reporting word (the
// cue) and its speaker.
//
// This is the rule-based first version, meant to be replaced by one that
// reads a dependency parse. It works on the sentences, the entity mentions
// (names, titles and pronouns grouped by coref) and the time expressions
// that earlier stages wrote; without them it still finds quotations, but
// leaves every speaker unknown. A speaker is always read from the reporting
// clause of the quote itself, or from a quotation it continues in the
// sentence before; it is never guessed from elsewhere in the article, so a
// quote with no clear speaker has a null one.
//
// Direct quotes: all common quotation marks (" “” „“ ‘’ « »); a quotation
// broken by its reporting clause (“…,” she said, “…”) gives two quotes with
// the same speaker; one that runs over several paragraphs, each reopening
// with a quotation mark, gives one quote whose span takes in the paragraph
// breaks and the reopening marks. A quoted fragment inside a reported
// clause ("Netanyahu said he had made “supremely clear” …") is a direct
// quote of its own, listed beside the mixed quote of the whole clause;
// fragments under three words are taken for scare quotes and dropped,
// unless their reporting clause follows them (“They sue,” he said).
//
// Indirect quotes: "X said (that) CLAUSE", "CLAUSE, X said.", "according to
// X, CLAUSE", "CLAUSE, according to X.", the participle "…, X said,
// adding (that) CLAUSE", a clause broken by its reporting clause
// ("CLAUSE, X said, CLAUSE"), a clause the parse gives a reporting word
// without "that", other complements ("vowed to …", "urged X to …",
// "announced X"), characterisations with a quotation ("called X “…”")
// and a speaker's label before a colon ("Sanders: …"); the quote's span
// is what was reported. A reporting word inside what another quote
// reports gives no quote of its own. doc/quotes.md has the error analysis
// these rules came from.
package quotes

import (
	"context"
	"fmt"
	"sort"

	"newsgraph/document"
	"newsgraph/internal/textview"
)

// Stage is the quotes stage. It holds no state and is safe for concurrent
// use.
type Stage struct{}

// New returns the quotes stage.
func New() *Stage { return &Stage{} }

// Name returns "quotes".
func (*Stage) Name() string { return "quotes" }

// Process replaces doc.Quotes with the quotes found in doc.Text, numbered
// Q1, Q2, … in text order.
func (*Stage) Process(ctx context.Context, doc *document.Document) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("quotes: %w", err)
	}
	doc.Quotes = find(doc)
	return nil
}

// find returns the quotes of doc without changing it.
func find(doc *document.Document) []document.Quote {
	v := textview.New(doc)
	qs := findQuoted(v.Text)
	r := &reader{v: v, ix: newMentionIndex(doc), inQuote: make([]int, len(v.Toks)), parse: newParse(doc)}
	for i := range r.inQuote {
		r.inQuote[i] = -1
	}
	for qi, q := range qs {
		for i := v.FirstTokenFrom(q.open); i < len(v.Toks) && v.Toks[i].End <= q.close; i++ {
			r.inQuote[i] = qi
		}
	}
	r.timeTok = make([]bool, len(v.Toks))
	for _, t := range doc.Times {
		for i := v.FirstTokenFrom(t.Start); i < len(v.Toks) && v.Toks[i].End <= t.End; i++ {
			r.timeTok[i] = true
		}
	}

	direct, bySentence := r.direct(qs)
	indirect := r.indirect(bySentence)
	indirect = append(indirect, r.labelled()...)
	var out []document.Quote
	for _, q := range direct {
		// A quotation inside a mixed quote is listed too when it has the
		// same cue: the exact words, beside the clause that reports
		// them. One that reads another cue misread its attribution.
		if !insideMixed(q, indirect) {
			out = append(out, q)
		}
	}
	for _, q := range indirect {
		if (q.Kind == document.QuoteMixed || !overlapsAny(q, direct)) && !reportedWithin(q, indirect) {
			out = append(out, q)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	for i := range out {
		out[i].ID = fmt.Sprintf("Q%d", i+1)
	}
	if out == nil {
		out = []document.Quote{}
	}
	return out
}

func insideMixed(q document.Quote, list []document.Quote) bool {
	for _, o := range list {
		if o.Kind == document.QuoteMixed && o.Start <= q.Start && q.End <= o.End && (o.CueStart != q.CueStart || o.CueEnd != q.CueEnd) {
			return true
		}
	}
	return false
}

// reportedWithin reports whether q's cue lies inside what another quote
// reports: in "Biden has asked Netanyahu to send a team, Jean-Pierre
// said" only Jean-Pierre is quoted; what Biden asked is her account.
// When each holds the other's cue ("He said he was tickled that, when he
// speaks, he is often asked …" read both ways), the first cue in the
// text stands: a reader meets it first, and it opens the sentence.
func reportedWithin(q document.Quote, list []document.Quote) bool {
	for _, o := range list {
		if o.Start <= q.CueStart && q.CueEnd <= o.End && o.CueStart != q.CueStart {
			if q.Start <= o.CueStart && o.CueEnd <= q.End && q.CueStart < o.CueStart {
				continue
			}
			return true
		}
	}
	return false
}

func overlapsAny(q document.Quote, list []document.Quote) bool {
	for _, o := range list {
		if q.Start < o.End && o.Start < q.End {
			return true
		}
	}
	return false
}
