// Package timex is the pipeline stage that finds time expressions in an
// article and gives each a TimeML TIMEX3 type and value, resolved against
// the publication date.
//
// Conventions, chosen for news:
//
//   - A bare weekday ("on Tuesday") is the most recent such day on or
//     before the publication date, unless the words around it say the
//     clause is about the future ("will", "next", "is due to"), when it is
//     the next one on or after it. "last Tuesday" is strictly before,
//     "next Tuesday" strictly after.
//   - "this week" is the publication date's ISO week (2024-W12); "next
//     week", "early next week" and "late next week" are the following ISO
//     week (2024-W13); "this weekend" is 2024-W12-WE.
//   - A month or day without a year ("in May", "March 19") is the nearest
//     one, looking backward in past-tense clauses and forward in future
//     ones; within two months of the publication date it stays in that
//     year whatever the tense.
//   - Business news: "the quarter" and "the latest quarter" are the last
//     quarter completed before the publication date; "year-earlier" and
//     "the year-ago quarter" the year before. "A year earlier", "a year
//     ago" and "year-earlier" after a quarter ("third-quarter profit rose
//     from a year earlier") are that quarter a year before.
//   - A bare year is a year wherever it stands ("the 1996 Olympics", "its
//     1990 invasion") unless the words around it make it a count ("about
//     2000 troops"); spelled-out years ("nineteen ninety-six") count too.
//   - Thanksgiving, Election Day and Easter are computed for their year.
//   - "in the coming days" is a DATE with value FUTURE_REF (it places an
//     event in time rather than measuring a length); "recently" and "in
//     recent weeks" are PAST_REF; "now" is PRESENT_REF.
//   - "three weeks" (P3W), "a couple of days" (P2D), "within hours" (PTXH,
//     X for an unknown number) are DURATIONs, with or without "after X"
//     following: the event anchor is not resolved. "three weeks ago" is a
//     DATE.
//   - Tense comes from the nearest marker within a few words: "will",
//     "plans", past forms; a word after a determiner is no verb ("the
//     plan", "a reduced dividend"); "said Monday" dates the saying; "by",
//     "until", "as early as" point ahead unless the verb is past, "since"
//     back; a plan in the pluperfect ("had been due to expire Friday") is
//     over.
//   - Business news: "the year", "the full year", "the current fiscal
//     year" are the publication year, "the latest fiscal year" the last
//     one completed, "the year ended Sept. 30" P1Y; "the latest period"
//     is the last quarter reported; a quarter not yet begun, in the past
//     or present tense, is last year's ("fourth-quarter profit rose",
//     said in January). A rate after an amount ("$2 million a year") is a
//     SET. Quarters are a unit (P2Q); a counted number of decades or
//     centuries is written in years (P20Y), as ISO 8601 has no unit for
//     them ("for decades" stays PXDE).
//   - Anaphora: "that year", "the following month", "earlier that day"
//     count from the date mentioned last, when it is precise enough.
//   - "current" before a noun is PRESENT_REF; "the future" (not "the
//     future of") and "the near term" FUTURE_REF.
//   - Without a publication date, relative expressions are left
//     unresolved: PRESENT_REF, PAST_REF or FUTURE_REF for "today",
//     "yesterday", "next week"; XXXX forms where the calendar part is known
//     ("XXXX-03-19", "XXXX-WXX-2" for Tuesday).
//
// Spans: a leading "on" is part of a weekday or date expression ("on
// Tuesday", "on March 19"), as in the project's gold files; other
// prepositions are not ("in 2023" is "2023"), except in fixed phrases
// ("within hours", "in the future"). Modifiers that change the value are
// always in the span ("last", "next", "early next week", "mid-March").
//
// The recogniser is a fixed set of regular expressions (RE2, linear in the
// text) with checks that keep out the common false hits: "may" the modal,
// "march" the verb and "Jan" the name need a capital, a day number or a
// year, or a preposition before them.
package timex

import (
	"context"
	"strconv"
	"strings"
	"time"

	"newsgraph/document"
)

// Stage finds time expressions. It holds no state and is safe for
// concurrent use.
type Stage struct{}

// New returns the stage.
func New() *Stage { return &Stage{} }

// Name returns "timex".
func (s *Stage) Name() string { return "timex" }

// Process writes doc.Times, resolved against doc.Published. An unreadable
// publication date is treated as unknown rather than as an error: the
// expressions are still found.
func (s *Stage) Process(ctx context.Context, doc *document.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	doc.Times = nil
	if !doc.English() {
		// The patterns are English; "Ende" or "mai" are not times.
		return nil
	}
	ref, _ := ParseRef(doc.Published)
	doc.Times = Find(doc.Text, ref)
	return nil
}

// ParseRef reads a publication date: an ISO 8601 date or date-time. The
// date is kept in the zone it was written in, because the day the article
// says "today" is the writer's day. ok is false, and the time zero, when s
// is empty or unreadable.
func ParseRef(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	// A date followed by anything else ("2024-03-20T10:00:00.000+0100").
	if len(s) > 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// Find returns the time expressions of text in text order, with ids T1…,
// resolved against ref; a zero ref leaves relative values unresolved.
func Find(text string, ref time.Time) []document.Time {
	ms := match(text, ref)
	out := make([]document.Time, 0, len(ms))
	for i, m := range ms {
		out = append(out, document.Time{
			ID: "T" + strconv.Itoa(i+1), Text: text[m.start:m.end],
			Start: m.start, End: m.end, Type: m.typ, Value: m.value,
		})
	}
	return out
}
