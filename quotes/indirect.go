package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/document"
	"newsgraph/internal/textview"
)

// indirect reads reported speech without quote marks, sentence by
// sentence, in these forms:
//
//	X said (that) CLAUSE          a cue with its subject before it
//	CLAUSE, X said.               the reporting clause at the end
//	according to X, CLAUSE        and CLAUSE, according to X.
//	…, X said, adding (that) CLAUSE
//	X said … and warned that CLAUSE
//
// bySentence holds the attributions of the direct quotes, so that a
// participle after a quotation (“…,” she said, adding that …) finds its
// speaker.
func (r *reader) indirect(bySentence map[int][]attribution) []document.Quote {
	v := r.v
	var out []document.Quote
	for si, s := range v.Sents {
		atts := append([]attribution(nil), bySentence[si]...)
		for c := s.T0; c < s.T1; c++ {
			if r.inQuote[c] >= 0 {
				continue
			}
			if r.isAccording(c) {
				if q, ok := r.according(c, s); ok {
					q.Sentence = si
					out = append(out, q)
				}
				c++
				continue
			}
			if naming[v.Low(c)] {
				if q, ok := r.naming(c, s, atts); ok {
					q.Sentence = si
					out = append(out, q)
				}
				continue
			}
			cu, _, ok := r.cueAt(c)
			if !ok || !cu.indirect || cu.participle {
				q, ok := r.participle(c, s, atts)
				if !ok || !cu.participle {
					q, ok = r.complement(c, s, atts)
				}
				if ok {
					q.Sentence = si
					out = append(out, q)
				}
				continue
			}
			a := attribution{cueStart: c, cueEnd: c + 1, at: c}
			// Reporting clauses inside what was said give it in pieces.
			qs, who, ok := r.asClause(c, s)
			if !ok {
				qs, who, ok = r.interrupted(c, cu, s)
			}
			if ok {
				for _, q := range qs {
					q.Sentence = si
					out = append(out, q)
				}
				a.who, a.hasWho = who, true
				atts = append(atts, a)
				continue
			}
			q, who, ok := r.trailing(c, cu, s)
			if !ok {
				q, who, ok = r.forward(c, cu, s, atts)
			}
			if !ok {
				q, ok = r.complement(c, s, atts)
			}
			if ok {
				q.Sentence = si
				out = append(out, q)
			}
			if who, found := r.anySubject(c, s, who, ok); found {
				a.who, a.hasWho = who, true
			}
			atts = append(atts, a)
		}
	}
	return out
}

// anySubject returns the speaker of the cue at c for later participles:
// the one a rule found, else the subject before the cue.
func (r *reader) anySubject(c int, s textview.Sentence, who speakerRef, found bool) (speakerRef, bool) {
	if found {
		return who, true
	}
	return r.subjectBefore(c, s.T0)
}

// forward reads "X said (that) CLAUSE" and "X told Y (that) CLAUSE"; a cue
// after "and" has the speaker of the reporting clause before it ("X said
// … and warned that …").
func (r *reader) forward(c int, cu cue, s textview.Sentence, atts []attribution) (document.Quote, speakerRef, bool) {
	v := r.v
	if c > s.T0 && r.inQuote[c-1] >= 0 && r.opensSentence(c-1) ||
		c-2 >= s.T0 && r.inQuote[c-2] >= 0 && !v.IsWord(c-1) && r.opensSentence(c-2) {
		// “…,” said X: an inverted attribution, read by the direct rules.
		return document.Quote{}, speakerRef{}, false
	}
	if cu.question {
		return r.question(c, s)
	}
	who, ok := r.cueSubject(c, s, atts)
	if !ok {
		return document.Quote{}, speakerRef{}, false
	}
	k := c + 1
	for k < s.T1 && k < c+3 && clauseAdverbs[v.Low(k)] && !cu.needThat {
		k++ // "has said repeatedly …"
	}
	switch {
	case v.Low(k) == "that":
		k++
	case !cu.needThat && !cu.object && k < s.T1 && r.inQuote[k] >= 0 && r.opensQuote(k):
		// "said “local forces” must lead": a mixed quote, or a direct
		// one when the quotation is most of it.
	case !cu.needThat && r.inTime(k) && r.clauseAfterTime(k, s):
		// "says tonight he is …": the time belongs to the clause.
	case cu.object || cu.needThat || k >= s.T1 || !v.IsWord(k) || notClauseStart[v.Low(k)] || r.inTime(k):
		// An addressee, a time or a phrase like "in a statement" may
		// come before "that"; without "that" there is no clause.
		t := r.thatWithin(k, s, 14) // "said in an interview with The Associated Press last week that …"
		if t >= 0 {
			k = t + 1
			break
		}
		// "told a news conference they are …": a subject pronoun after
		// the addressee opens the clause.
		t = r.subjectPronounWithin(k, s, 10)
		if cu.object && t >= 0 {
			k = t
			break
		}
		// "suggested the US should send troops", "told reporters the
		// talks had failed": the parse shows a clause after the cue
		// without "that".
		t = r.clauseAfter(c, s)
		if t < 0 {
			return document.Quote{}, speakerRef{}, false
		}
		k = t
	}
	end, ok := r.clauseEnd(k, s)
	if !ok {
		return document.Quote{}, speakerRef{}, false
	}
	q, ok := r.quote(k, end, c, c+1, who, true)
	return q, who, ok
}

// question reads "X asked (Y) whether CLAUSE" and "Asked about X, …",
// whose asker is not named.
func (r *reader) question(c int, s textview.Sentence) (document.Quote, speakerRef, bool) {
	v := r.v
	who, hasWho := r.subjectBefore(c, s.T0)
	if !hasWho {
		who, hasWho = r.parsedSubject(c)
	}
	k := -1
	for t := c + 1; t < s.T1 && t < c+6 && r.inQuote[t] < 0 && v.IsWord(t); t++ {
		if questionWords[v.Low(t)] {
			k = t
			break
		}
	}
	if k < 0 {
		return document.Quote{}, speakerRef{}, false
	}
	end, ok := r.clauseEnd(k, s)
	if !ok {
		return document.Quote{}, speakerRef{}, false
	}
	if c == s.T0 {
		// "Asked about X, he said …": the question ends at the comma.
		for t := k; t < end; t++ {
			if v.Low(t) == "," {
				end = t
				break
			}
		}
	}
	q, ok := r.quote(k, end, c, c+1, who, hasWho)
	return q, who, ok
}

// clauseAfter returns the token where a clausal complement of the cue at
// token c starts, when the parse gives it one (ccomp) that starts within
// eight tokens after the cue, outside quotations; else -1.
func (r *reader) clauseAfter(c int, s textview.Sentence) int {
	v := r.v
	start := r.parse.clauseStart(r.parse.at(v.Toks[c].Start))
	if start < 0 {
		return -1
	}
	k := v.TokenAt(start)
	if k <= c || k > c+8 || k >= s.T1 || r.inQuote[k] >= 0 || !v.IsWord(k) || notClauseStart[v.Low(k)] {
		return -1
	}
	return k
}

// clauseAfterTime reports whether the time expression at token k is
// followed by the subject of a clause: a pronoun, a determiner or a name.
func (r *reader) clauseAfterTime(k int, s textview.Sentence) bool {
	t := k
	for t < s.T1 && r.inTime(t) {
		t++
	}
	if t >= s.T1 || r.inQuote[t] >= 0 {
		return false
	}
	l := r.v.Low(t)
	if pronouns[l] || determiners[l] {
		return true
	}
	m, ok := r.ix.at(r.v.Toks[t].Start, r.v.Toks[t].End)
	return ok && m.start == r.v.Toks[t].Start
}

// subjectPronounWithin returns the token index of a subject pronoun among
// the next n words from k, or -1 when punctuation or a quotation comes
// first.
func (r *reader) subjectPronounWithin(k int, s textview.Sentence, n int) int {
	for t := k + 1; t < s.T1 && t < k+n; t++ {
		if r.inQuote[t] >= 0 || !r.v.IsWord(t) {
			return -1
		}
		if subjectPronouns[r.v.Low(t)] {
			return t
		}
	}
	return -1
}

// opensQuote reports whether token k is the opening mark of a quotation.
func (r *reader) opensQuote(k int) bool {
	return k == 0 || r.inQuote[k-1] != r.inQuote[k]
}

// thatWithin returns the token index of "that" among the next n words
// from k, or -1 when punctuation, a quotation or a finite verb (the
// start of another clause) comes first.
func (r *reader) thatWithin(k int, s textview.Sentence, n int) int {
	for t := k; t < s.T1 && t < k+n; t++ {
		if r.inQuote[t] >= 0 || (!r.v.IsWord(t) && r.v.Low(t) != "'s") {
			return -1
		}
		if r.v.Low(t) == "that" {
			return t
		}
		if t > k && r.parse.isFiniteVerb(r.v.Toks[t].Start) {
			return -1
		}
	}
	return -1
}

// trailing reads "CLAUSE, X said." and "CLAUSE, said X.": the reporting
// clause ends the sentence (or is followed by a participle), and the
// clause before its comma is what was said.
func (r *reader) trailing(c int, cu cue, s textview.Sentence) (document.Quote, speakerRef, bool) {
	v := r.v
	comma := -1
	var who speakerRef
	if w, ok := r.subjectBefore(c, s.T0); ok && !r.relative(w) {
		if k := r.commaBefore(v.TokenAt(w.start), s); k >= 0 && r.endsClause(c+1, cu, s) {
			comma, who = k, w
		}
	}
	if comma < 0 && c > s.T0 && v.Low(c-1) == "," && !r.parenthetical(c-1, s) {
		if w, ok := r.subjectAfter(c+1, s.T1); ok && r.endsClause(r.after1(w), cue{}, s) {
			comma, who = c-1, w
		}
	}
	if comma < 0 {
		return document.Quote{}, speakerRef{}, false
	}
	if k := c + 1; k+1 < s.T1 && (v.Low(k) == "," || v.Low(k) == ":") && r.inQuote[k+1] >= 0 {
		// "When asked why …, Tyler said, “…”": the reporting clause
		// introduces the quotation after it, not the clause before.
		return document.Quote{}, speakerRef{}, false
	}
	start, ok := r.clauseBefore(comma, s)
	if !ok {
		return document.Quote{}, speakerRef{}, false
	}
	q, ok := r.quote(start, comma, c, c+1, who, true)
	return q, who, ok
}

// parenthetical reports whether the comma at token j closes words set off
// between commas after a speaker's name: "Will Rogers, for example,
// said …" and "Jeff Weaver, his campaign manager, says …" are not the
// inverted "CLAUSE, said X".
func (r *reader) parenthetical(j int, s textview.Sentence) bool {
	who, ok := r.appositive(j, s.T0)
	return ok && who.entity != ""
}

// asClause reads "As X noted, CLAUSE" and "CLAUSE, as X noted.": the
// reporting clause is an "as" clause set off by a comma, and what was
// said is the main clause.
func (r *reader) asClause(c int, s textview.Sentence) ([]document.Quote, speakerRef, bool) {
	v := r.v
	if c > s.T0 && v.Low(c-1) == "as" && c+1 < s.T1 && v.Low(c+1) == "by" {
		return r.asReportedBy(c, s)
	}
	who, ok := r.subjectBefore(c, s.T0)
	if !ok || r.relative(who) {
		return nil, speakerRef{}, false
	}
	as := v.TokenAt(who.start) - 1
	for k := as; k > s.T0 && k >= as-4 && v.Low(k) != "as" && (r.nameWord(k) || v.Low(k) == "'s" || v.Low(k) == "’s"); k-- {
		if v.Low(k-1) == "as" {
			as = k - 1 // "As Purple PAC's Crane said": the speaker's words run back to "as"
		}
	}
	if as < s.T0 || v.Low(as) != "as" {
		return nil, speakerRef{}, false
	}
	// Before "as": the sentence start, a conjunction, or the comma that
	// ends what was said.
	switch b := as - 1; {
	case b < s.T0 || v.Low(b) == "but" || v.Low(b) == "and" || v.Low(b) == "so":
		if c+2 >= s.T1 || v.Low(c+1) != "," {
			return nil, speakerRef{}, false
		}
		end, ok := r.clauseEnd(c+2, s)
		if !ok {
			return nil, speakerRef{}, false
		}
		q, ok := r.quote(c+2, end, c, c+1, who, true)
		return []document.Quote{q}, who, ok
	case v.Low(b) == "," && r.endsClause(c+1, cue{}, s):
		start, ok := r.clauseBefore(b, s)
		if !ok {
			return nil, speakerRef{}, false
		}
		if k := c + 2; k < s.T1 && v.Low(c+1) == "," && v.IsWord(k) && r.inQuote[k] < 0 && !cues[v.Low(k)].participle &&
			!contrastive[v.Low(k)] && !notClauseStart[v.Low(k)] && v.Low(k) != "and" {
			// "Just a few weeks ago, as the site reported, Thor and
			// Beck were discussing …": two pieces, as for a broken
			// clause.
			if end, ok := r.clauseEnd(k, s); ok {
				first, ok1 := r.quoteMin(start, b, c, c+1, who, true, 1)
				second, ok2 := r.quote(k, end, c, c+1, who, true)
				if ok1 && ok2 {
					return []document.Quote{first, second}, who, true
				}
			}
		}
		q, ok := r.quote(start, b, c, c+1, who, true)
		return []document.Quote{q}, who, ok
	}
	return nil, speakerRef{}, false
}

// interrupted reads a reported clause broken by its reporting clause:
// "Many days, former employees said, she would stay at the office …" and
// "The plan, an inside source said, is to …". It gives the two pieces as
// two quotes with the same cue and speaker, as for a broken quotation;
// the first piece may be a word or two. Between the cue and the second
// comma may stand an addressee or a phrase like "in an interview".
func (r *reader) interrupted(c int, cu cue, s textview.Sentence) ([]document.Quote, speakerRef, bool) {
	v := r.v
	who, ok := r.subjectBefore(c, s.T0)
	if !ok || r.relative(who) {
		return nil, speakerRef{}, false
	}
	comma1 := r.commaBefore(v.TokenAt(who.start), s)
	if comma1 < 0 {
		return nil, speakerRef{}, false
	}
	comma2 := -1
	for k := c + 1; k < s.T1 && k <= c+6 && r.inQuote[k] < 0; k++ {
		if v.Low(k) == "," {
			comma2 = k
			break
		}
		if !v.IsWord(k) && !r.inTime(k) {
			return nil, speakerRef{}, false
		}
	}
	if comma2 < 0 || comma2+1 >= s.T1 {
		return nil, speakerRef{}, false
	}
	if l := v.Low(c + 1); comma2 > c+1 && !cu.object && !prepositions[l] && !r.inTime(c+1) {
		// "has denied it happened, with …": the words after the cue
		// are what was said, not a phrase like "in an interview".
		return nil, speakerRef{}, false
	}
	k := comma2 + 1
	if l := v.Low(k); !v.IsWord(k) || r.inQuote[k] >= 0 || cues[l].participle || contrastive[l] || naming[l] ||
		l == "and" || l == "or" || notClauseStart[l] {
		return nil, speakerRef{}, false
	}
	start, ok := r.clauseBefore(comma1, s)
	if !ok {
		return nil, speakerRef{}, false
	}
	for t := start; t < comma1; t++ {
		if _, _, isCue := r.cueAt(t); isCue && r.inQuote[t] < 0 {
			// "According to a survey, 51 percent said …": the words
			// before the comma have a reporting clause of their own.
			return nil, speakerRef{}, false
		}
	}
	end, ok := r.clauseEnd(k, s)
	if !ok {
		return nil, speakerRef{}, false
	}
	second, ok := r.quote(k, end, c, c+1, who, true)
	if !ok {
		return nil, speakerRef{}, false
	}
	first, ok := r.quoteMin(start, comma1, c, c+1, who, true, 1)
	if !ok {
		return nil, speakerRef{}, false
	}
	return []document.Quote{first, second}, who, true
}

// commaBefore returns the comma that opens a reporting clause whose
// speaker starts at token first, past at most five words of title or
// determiner (", the White House announced", ", White House spokesperson
// Karine Jean-Pierre said"), or -1.
func (r *reader) commaBefore(first int, s textview.Sentence) int {
	v := r.v
	for k := first - 1; k >= s.T0 && k >= first-6; k-- {
		l := v.Low(k)
		if l == "," {
			return k
		}
		if !r.nameWord(k) || notInPhrase[l] || prepositions[l] || l == "and" || l == "or" || r.inQuote[k] >= 0 {
			return -1
		}
		if _, _, isCue := r.cueAt(k); isCue {
			return -1
		}
	}
	return -1
}

// endsClause reports whether the reporting clause is over at token k: at
// the end of the sentence, at punctuation, or at a participle cue. For a
// cue with an addressee, up to four words of it may come first ("he told
// reporters.").
func (r *reader) endsClause(k int, cu cue, s textview.Sentence) bool {
	v := r.v
	if cu.object {
		for n := 0; n < 4 && k < s.T1 && v.IsWord(k) && !cues[v.Low(k)].participle && !prepositions[v.Low(k)]; n++ {
			k++
		}
	}
	// A time or a phrase like "in a statement" may close the reporting
	// clause: ", the ministry said on Sunday.", ", she said in a video
	// message to the convention.", ", the Times reported late
	// Thursday." A finite verb in it starts a clause of its own.
	for n := 0; n < 2 && k+1 < s.T1 && (timeModifiers[v.Low(k)] || isAdverb(v.Toks[k].Text)) && (r.inTime(k+1) || prepositions[v.Low(k+1)] || timeModifiers[v.Low(k+1)]); n++ {
		k++
	}
	if k < s.T1 && (prepositions[v.Low(k)] || r.inTime(k)) {
		n := 0
		for k < s.T1 && n < 12 && (v.IsWord(k) || r.inTime(k)) && !cues[v.Low(k)].participle {
			if n > 0 && r.parse.isFiniteVerb(v.Toks[k].Start) {
				return false
			}
			k++
			n++
		}
	}
	if k >= s.T1 {
		return true
	}
	switch v.Low(k) {
	case ".", ",", ";", "!", "?", "—", "–":
		return true
	}
	return cues[v.Low(k)].participle
}

// asReportedBy reads the passive "As reported by X, CLAUSE" and
// "CLAUSE, as reported by X.", the cue at token c.
func (r *reader) asReportedBy(c int, s textview.Sentence) ([]document.Quote, speakerRef, bool) {
	v := r.v
	who, ok := r.subjectAfter(c+2, s.T1)
	if !ok {
		return nil, speakerRef{}, false
	}
	after := r.after1(who)
	var start, end int
	switch b := c - 2; {
	case b < s.T0 && after < s.T1 && v.Low(after) == ",":
		start = after + 1
		end, ok = r.clauseEnd(start, s)
	case b >= s.T0 && v.Low(b) == "," && r.endsClause(after, cue{}, s):
		start, ok = r.clauseBefore(b, s)
		end = b
	default:
		ok = false
	}
	if !ok {
		return nil, speakerRef{}, false
	}
	q, ok := r.quote(start, end, c, c+1, who, true)
	if !ok {
		return nil, speakerRef{}, false
	}
	return []document.Quote{q}, who, true
}

// timeModifiers may come before a time or a phrase that closes a
// reporting clause ("reported late Thursday", "said earlier on Monday").
var timeModifiers = map[string]bool{
	"late": true, "early": true, "earlier": true, "later": true, "again": true, "also": true,
}

// clauseBefore returns where the clause that ends at the comma starts: the
// sentence start, within the window. A quotation right before the comma
// means the reporting clause belongs to a direct quote; quotations inside
// the clause make a mixed quote.
func (r *reader) clauseBefore(comma int, s textview.Sentence) (int, bool) {
	start := from(s.T0, comma)
	if comma > start && r.inQuote[comma-1] >= 0 {
		return 0, false
	}
	for start < comma && !r.v.IsWord(start) {
		start++
	}
	return start, start < comma
}

// clauseEnd returns where a reported clause that starts at k ends: at the
// end of the sentence or before ", adding …" or ";", less closing
// punctuation. It may hold quotations (a mixed quote).
func (r *reader) clauseEnd(k int, s textview.Sentence) (int, bool) {
	v := r.v
	end := s.T1
	for t := k; t < s.T1; t++ {
		if t-k > 2*window {
			return 0, false
		}
		if t > k && (v.Low(t) == "." || v.Low(t) == "?" || v.Low(t) == "!") && r.inQuote[t] < 0 && t+1 < s.T1 && r.inQuote[t+1] >= 0 {
			// A full stop before a quotation that the sentence
			// splitter ran on into: "… regulation. ''I have …''".
			end = t
			break
		}
		if t > k+1 && t+1 < s.T1 && r.inQuote[t] >= 0 && r.inQuote[t+1] < 0 && r.inQuote[t-1] == r.inQuote[t] && endsSentence(v.Low(t-1)) && isCapitalised(v.Toks[t+1].Text) {
			// “… now.” Sen. Ted Cruz …: a quotation that ends its
			// sentence inside its marks, run on into the next.
			end = t + 1
			break
		}
		if v.Low(t) == ";" || (v.Low(t) == "," && (cues[v.Low(t+1)].participle || contrastive[v.Low(t+1)] || naming[v.Low(t+1)] && strings.HasSuffix(v.Low(t+1), "ing") || r.reportingClauseAt(t+1, s))) ||
			((v.Low(t) == "and" || v.Low(t) == "but" || v.Low(t) == "while" || v.Low(t) == "by") && cues[v.Low(t+1)].indirect) {
			// "… and warned that …" reports a clause of its own.
			end = t
			break
		}
	}
	for end > k && !r.v.IsWord(end-1) && v.Low(end-1) != ")" && v.Low(end-1) != "]" && r.inQuote[end-1] < 0 {
		end--
	}
	return end, end > k
}

func endsSentence(l string) bool { return l == "." || l == "?" || l == "!" }

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// contrastive words after a comma open a clause of the reporter's own
// ("…, but polls show …", "…, compared with …"), not more of what was
// said.
var contrastive = map[string]bool{
	"but": true, "while": true, "though": true, "although": true, "whereas": true,
	"compared": true, "despite": true, "even": true,
}

// naming are the verbs that report a characterisation: "called Trump a
// “pathological liar”", "describing it as “meritless”". They report
// speech only with a quotation, which ends what was said.
var naming = map[string]bool{
	"call": true, "calls": true, "called": true, "calling": true,
	"describe": true, "describes": true, "described": true, "describing": true,
	"dub": true, "dubs": true, "dubbed": true, "dubbing": true,
	"label": true, "labels": true, "labeled": true, "labelled": true, "labeling": true, "labelling": true,
	"brand": true, "brands": true, "branded": true, "branding": true,
}

// naming reads "X called Y “…”" and ", calling Y “…”": what was said is
// the object and the quotation, ending at the quotation's close (or the
// close of a second one joined by "and": “meritless” and “improper”).
// The speaker is the subject before the cue, else for a participle that
// of the reporting clause before it, else the one the parse names.
func (r *reader) naming(c int, s textview.Sentence, atts []attribution) (document.Quote, bool) {
	v := r.v
	if c+1 < s.T1 && (prepositions[v.Low(c+1)] || v.Low(c+1) == "off" || v.Low(c+1) == "up") ||
		c > s.T0 && (v.Low(c-1) == "what" || v.Low(c-1) == "so") {
		// "called for …" asks for something; "what she calls “…”" and
		// "so-called" name a thing in passing.
		return document.Quote{}, false
	}
	open := -1
	for t := c + 1; t < s.T1 && t <= c+12; t++ {
		if r.inQuote[t] >= 0 {
			open = t
			break
		}
		if !v.IsWord(t) && v.Low(t) != "'s" && v.Low(t) != "’s" {
			break
		}
	}
	if open < 0 && strings.HasPrefix(v.Low(c), "describ") {
		// "described his outburst as the emotions of a worried
		// spouse": a description needs no quotation, only "as"; without
		// "as" what was described is the object ("described a day at
		// home").
		if q, ok := r.described(c, s, atts); ok {
			return q, true
		}
		return r.complement(c, s, atts)
	}
	if open < 0 || !r.opensQuote(open) {
		return document.Quote{}, false
	}
	end := open
	for end < s.T1 && r.inQuote[end] == r.inQuote[open] {
		end++
	}
	if end+1 < s.T1 && (v.Low(end) == "and" || v.Low(end) == "or") && r.inQuote[end+1] >= 0 {
		for q := r.inQuote[end+1]; end+1 < s.T1 && r.inQuote[end+1] == q; end++ {
		}
		end++
	}
	who, hasWho := r.verbSpeaker(c, s, atts)
	start, stop := v.Toks[c+1].Start, v.Toks[end-1].End
	if countWords(v.Text[start:stop]) < 2 {
		return document.Quote{}, false
	}
	kind := document.QuoteIndirect
	if _, longest := r.quotedWords(c+1, end); longest >= minQuoteWords {
		kind = document.QuoteMixed
	}
	q := document.Quote{Kind: kind, Text: v.Text[start:stop], Start: start, End: stop}
	r.setCue(&q, attribution{cueStart: c, cueEnd: c + 1})
	setSpeaker(v, &q, attribution{who: who, hasWho: hasWho})
	return q, true
}

// relative reports whether the speaker's words are "who": the clause
// before its comma is the main clause, not what was said ("Sanders lost
// Ohio to Clinton, who added to her lead").
func (r *reader) relative(w speakerRef) bool {
	return r.v.Text[w.start:w.end] == "who"
}

// reportingClauseAt reports whether a reporting clause of its own starts
// at token k: up to six words of a speaker, then a reporting word (",
// Smith said", ", the ministry has said").
func (r *reader) reportingClauseAt(k int, s textview.Sentence) bool {
	for t := k; t < s.T1 && t < k+7 && r.inQuote[t] < 0; t++ {
		if _, _, ok := r.cueAt(t); ok {
			return true
		}
		if !r.nameWord(t) || notInPhrase[r.v.Low(t)] && !skipBeforeCue[r.v.Low(t)] {
			return false
		}
	}
	return false
}

// cueSubject finds the speaker of the reporting verb at token c: the
// subject before it; for a verb after "and", the speaker of the reporting
// clause before it ("X said … and warned that …"); else the one the
// parse names.
func (r *reader) cueSubject(c int, s textview.Sentence, atts []attribution) (speakerRef, bool) {
	if who, ok := r.subjectBefore(c, s.T0); ok {
		return who, true
	}
	if c > s.T0 && r.v.Low(c-1) == "and" {
		if prev := latest(atts, c); prev != nil && prev.hasWho {
			return prev.who, true
		}
	}
	return r.parsedSubject(c)
}

// verbSpeaker is cueSubject for any reporting verb, participles
// included: ", calling him “…”" and ", vowing to …" are said by the
// speaker of the reporting clause they hang from, else by the one the
// parse names.
func (r *reader) verbSpeaker(c int, s textview.Sentence, atts []attribution) (speakerRef, bool) {
	if strings.HasSuffix(r.v.Low(c), "ing") {
		if c > s.T0 && r.v.Low(c-1) == "," {
			if prev := latest(atts, c); prev != nil && prev.hasWho {
				return prev.who, true
			}
		}
		return r.parsedSubject(c)
	}
	return r.cueSubject(c, s, atts)
}

// described reads "X described Y as Z" without a quotation: what was said
// runs from Y to the end of the clause. It needs a speaker.
func (r *reader) described(c int, s textview.Sentence, atts []attribution) (document.Quote, bool) {
	v := r.v
	as := -1
	for t := c + 2; t < s.T1 && t <= c+10 && v.IsWord(t); t++ {
		if v.Low(t) == "as" {
			as = t
			break
		}
	}
	if as < 0 || !r.parse.isVerb(v.Toks[c].Start) {
		return document.Quote{}, false
	}
	who, ok := r.verbSpeaker(c, s, atts)
	if !ok {
		return document.Quote{}, false
	}
	end, ok := r.clauseEnd(c+1, s)
	if !ok || end <= as+1 {
		return document.Quote{}, false
	}
	return r.quote(c+1, end, c, c+1, who, true)
}

// according reads "according to X, CLAUSE" and "CLAUSE, according to X."
func (r *reader) according(c int, s textview.Sentence) (document.Quote, bool) {
	v := r.v
	who, ok := r.subjectAfter(c+2, s.T1)
	if !ok {
		return document.Quote{}, false
	}
	after := r.after1(who)
	if c == s.T0 || v.Low(c-1) == "," && c-1 == s.T0 {
		// "According to X, CLAUSE": the clause starts after the first
		// comma past the source, which may be long ("according to a
		// report released by the governor's office, …").
		for k := after; k < s.T1 && k < after+20 && r.inQuote[k] < 0; k++ {
			if v.Low(k) == "," {
				end, ok := r.clauseEnd(k+1, s)
				if !ok {
					return document.Quote{}, false
				}
				return r.quote(k+1, end, c, c+2, who, true)
			}
		}
		return document.Quote{}, false
	}
	if c > s.T0 && v.Low(c-1) == "," {
		start, ok := r.clauseBefore(c-1, s)
		if !ok {
			return document.Quote{}, false
		}
		return r.quote(start, c-1, c, c+2, who, true)
	}
	return document.Quote{}, false
}

// participle reads ", adding (that) CLAUSE" after a reporting clause of the
// same sentence, whose speaker it takes.
func (r *reader) participle(c int, s textview.Sentence, atts []attribution) (document.Quote, bool) {
	v := r.v
	if c == s.T0 {
		return document.Quote{}, false
	}
	var prev *attribution
	switch l := v.Low(c - 1); {
	case l == ",":
		prev = latest(atts, c)
	case participleLinks[l] || strings.HasSuffix(l, "ly"):
		// "by saying that …", "and telling reporters that …", "falsely
		// suggesting …": the subject of the clause it hangs from, which
		// the parse names, unless a reporting clause before it does.
		prev = latest(atts, c)
	default:
		// "with 50 percent saying she is prepared": the phrase before
		// the participle is its subject, where nothing comes before
		// the phrase but "with" or a comma; otherwise ("making a pitch
		// to voters saying …") the parse names it.
		who, ok := r.phraseEndingAt(c-1, from(s.T0, c))
		if !ok || r.inTime(c-1) || verbish[l] {
			return document.Quote{}, false
		}
		if b := v.TokenAt(who.start) - 1; b < s.T0 || v.Low(b) == "with" || v.Low(b) == "," {
			prev = &attribution{who: who, hasWho: true}
		}
	}
	if prev == nil {
		// A participle after a verb that reports nothing ("Clinton
		// responded, saying …"): the parse names the subject.
		who, ok := r.parsedSubject(c)
		if !ok {
			return document.Quote{}, false
		}
		prev = &attribution{who: who, hasWho: true}
	}
	k := c + 1
	cu := cues[v.Low(c)]
	if v.Low(k) == "that" {
		k++
	} else if t := r.thatWithin(k, s, 8); cu.object && t >= 0 {
		k = t + 1 // "telling reporters in May that …"
	} else if cu.needThat {
		return document.Quote{}, false
	}
	if k >= s.T1 || !v.IsWord(k) || notClauseStart[v.Low(k)] {
		return document.Quote{}, false
	}
	end, ok := r.clauseEnd(k, s)
	if !ok {
		return document.Quote{}, false
	}
	return r.quote(k, end, c, c+1, prev.who, prev.hasWho)
}

// complementKind is what a reporting verb takes besides a that-clause.
type complementKind int

const (
	// toClause: "vowed to carry on", "promising to defend …".
	toClause complementKind = iota + 1
	// objectTo: "urged Democrats to vote …", "asked Norton to
	// republish …".
	objectTo
	// object: "announced his candidacy", "denied the reports".
	object
	// clausal: a clause the parse found after the cue.
	clausal
)

// complements are the reporting verbs whose complement, other than a
// that-clause, is what was said, by folded form.
var complements = func() map[string]complementKind {
	m := map[string]complementKind{}
	for k, forms := range map[complementKind][]string{
		toClause: {"vow", "vows", "vowed", "vowing", "promise", "promises", "promised", "promising",
			"pledge", "pledges", "pledged", "pledging", "threaten", "threatens", "threatened", "threatening"},
		objectTo: {"urge", "urges", "urged", "urging", "ask", "asks", "asked", "asking",
			"implore", "implored", "imploring", "encourage", "encouraged", "encouraging"},
		object: {"announce", "announces", "announced", "announcing", "report", "reports", "reported",
			"deny", "denies", "denied", "denying", "confirm", "confirms", "confirmed", "confirming",
			"note", "notes", "noted", "noting", "recall", "recalls", "recalled", "recalling",
			"acknowledge", "acknowledges", "acknowledged", "acknowledging", "mention", "mentions",
			"mentioned", "mentioning", "propose", "proposes", "proposed", "proposing",
			"reiterate", "reiterates", "reiterated", "reiterating", "cite", "cites", "cited", "citing",
			"describe", "describes", "described", "describing", "explain", "explains", "explained", "explaining",
			"question", "questions", "questioned", "questioning"},
	} {
		for _, f := range forms {
			m[f] = k
		}
	}
	return m
}()

// complement reads what a reporting verb reports other than by a
// that-clause: "X vowed to …", "X urged Y to …", "X announced Y". The
// speaker is the subject before the verb, or for a participle after a
// comma the speaker of the reporting clause before it, else the one the
// parse names; without one there is no quote, as "announced" and
// "reported" in a passive or a noun phrase report nobody.
func (r *reader) complement(c int, s textview.Sentence, atts []attribution) (document.Quote, bool) {
	v := r.v
	kind := complements[v.Low(c)]
	k := c + 1
	if _, isCue := cues[v.Low(c)]; kind == 0 && isCue {
		// "replied the talks had failed": a reporting word that takes
		// no clause by the rules may still have one by the parse.
		if k = r.clauseAfter(c, s); k < 0 {
			return document.Quote{}, false
		}
		kind = clausal
	}
	if kind == 0 || k >= s.T1 || r.inQuote[k] >= 0 || !v.IsWord(k) || !r.parse.isVerb(v.Toks[c].Start) {
		// "media reports", "a news report": a noun reports nothing.
		return document.Quote{}, false
	}
	if c > s.T0 && passiveAux[v.Low(c-1)] {
		// "was reported", "rights that had been denied": no speaker.
		return document.Quote{}, false
	}
	switch kind {
	case toClause:
		if v.Low(k) != "to" {
			return document.Quote{}, false
		}
	case objectTo:
		if q, ok := r.askedTo(c, s); ok {
			return q, true
		}
		t := k
		for t < s.T1 && t < k+6 && v.IsWord(t) && r.inQuote[t] < 0 && v.Low(t) != "to" {
			t++
		}
		if t == k || t >= s.T1 || v.Low(t) != "to" || prepositions[v.Low(k)] || questionWords[v.Low(k)] {
			return document.Quote{}, false
		}
	case object:
		if l := v.Low(k); notClauseStart[l] || prepositions[l] || l == "that" || l == "it" || verbish[l] || r.inTime(k) {
			return document.Quote{}, false
		}
	}
	who, ok := r.verbSpeaker(c, s, atts)
	if !ok {
		return document.Quote{}, false
	}
	end, ok := r.clauseEnd(k, s)
	if !ok {
		return document.Quote{}, false
	}
	return r.quote(k, end, c, c+1, who, true)
}

// askedTo reads a request put to the subject of the sentence: "Asked by
// Stephanopoulos to respond to Trump's criticism, Carson said …" and
// "When asked to confirm …, the source did so". What was asked runs from
// "to" to the comma that ends the opening clause; the asker is the one
// after "by", or unknown.
func (r *reader) askedTo(c int, s textview.Sentence) (document.Quote, bool) {
	v := r.v
	if c > s.T0 && !requestOpeners[v.Low(c-1)] {
		return document.Quote{}, false
	}
	t := c + 1
	var who speakerRef
	hasWho := false
	if t < s.T1 && v.Low(t) == "by" {
		if who, hasWho = r.subjectAfter(t+1, s.T1); !hasWho {
			return document.Quote{}, false
		}
		t = r.after1(who)
	}
	if t+1 >= s.T1 || v.Low(t) != "to" || r.inQuote[t] >= 0 {
		return document.Quote{}, false
	}
	end := t + 1
	for end < s.T1 && end < t+window && v.Low(end) != "," {
		end++
	}
	if end >= s.T1 {
		return document.Quote{}, false
	}
	return r.quote(t, end, c, c+1, who, hasWho)
}

// requestOpeners may stand before a request that opens its sentence:
// "When asked to …".
var requestOpeners = map[string]bool{"when": true, "if": true, "after": true, "once": true, "before": true}

// passiveAux before a participle make it passive.
var passiveAux = map[string]bool{
	"be": true, "been": true, "being": true, "was": true, "were": true, "is": true, "are": true, "'s": true,
}

// participleLinks may stand right before a participle cue that has no
// comma before it.
var participleLinks = map[string]bool{
	"by": true, "and": true, "while": true, "after": true, "before": true, "when": true,
	"also": true, "repeatedly": true, "publicly": true, "even": true,
}

// quote builds an indirect quote of tokens [k, end) with the cue tokens
// [c, ce), when the clause has enough words to be a statement.
func (r *reader) quote(k, end, c, ce int, who speakerRef, hasWho bool) (document.Quote, bool) {
	return r.quoteMin(k, end, c, ce, who, hasWho, minQuoteWords)
}

// quoteMin is quote for a clause of at least minWords words.
func (r *reader) quoteMin(k, end, c, ce int, who speakerRef, hasWho bool, minWords int) (document.Quote, bool) {
	v := r.v
	if k >= end || end > len(v.Toks) {
		return document.Quote{}, false
	}
	start, stop := v.Toks[k].Start, v.Toks[end-1].End
	words := countWords(v.Text[start:stop])
	if words < minWords {
		return document.Quote{}, false
	}
	kind := document.QuoteIndirect
	if quoted, longest := r.quotedWords(k, end); quoted == words {
		// All verbatim: the direct quote stands for it.
		return document.Quote{}, false
	} else if longest >= minQuoteWords {
		// Words of the reporter's around a quotation ("said that
		// Sanders is “a fraud …”"): a mixed quote holds both, and the
		// quotation is a direct quote of its own as well.
		kind = document.QuoteMixed
	}
	q := document.Quote{Kind: kind, Text: v.Text[start:stop], Start: start, End: stop}
	r.setCue(&q, attribution{cueStart: c, cueEnd: ce})
	setSpeaker(v, &q, attribution{who: who, hasWho: hasWho})
	return q, true
}

// quotedWords counts the words of tokens [k, end) inside quotations, and
// the words of the longest such quotation.
func (r *reader) quotedWords(k, end int) (quoted, longest int) {
	run, last := 0, -1
	for t := k; t < end; t++ {
		qi := r.inQuote[t]
		if qi != last {
			run = 0
		}
		last = qi
		if qi >= 0 && r.v.IsWord(t) {
			quoted++
			run++
			longest = max(longest, run)
		}
	}
	return quoted, longest
}

// after1 returns the index of the token after the speaker's words.
func (r *reader) after1(w speakerRef) int {
	i := r.v.TokenAt(w.end - 1)
	if i < 0 {
		return len(r.v.Toks)
	}
	return i + 1
}

// latest returns the attribution nearest before token c, preferring one
// with a speaker; nil when there is none within the window. The ones
// before c are among the last added: only a few are looked at, so that a
// sentence of endless "said, adding" stays linear.
func latest(atts []attribution, c int) *attribution {
	var prev *attribution
	for i, n := len(atts)-1, 0; i >= 0 && n < 32; i, n = i-1, n+1 {
		a := &atts[i]
		if a.at >= c || c-a.at > window {
			continue
		}
		if prev == nil || a.at > prev.at || a.at == prev.at && a.hasWho && !prev.hasWho {
			prev = a
		}
	}
	return prev
}
