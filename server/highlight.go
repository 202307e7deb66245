package server

import (
	"fmt"
	"html/template"
	"sort"
	"strings"
	"unicode/utf8"

	"newsgraph/document"
)

// mark is one annotation to draw over the article text: the half-open byte
// range [start, end) of the text, wrapped in open … close.
type mark struct {
	start, end int
	rank       int // outer marks first when two start together and end together
	open       string
	close      string
}

// Ranks: a quote can hold an event trigger or a mention; a trigger can hold
// a mention (a verb rarely is a name, but the offsets come from different
// stages and may overlap in any way).
const (
	rankQuote = iota
	rankTime
	rankEvent
	rankMention
)

// highlight renders text as HTML with the document's quotes, times, event
// triggers and entity and place mentions marked, from the contract's byte
// offsets. Text is escaped everywhere; only the mark elements built here
// are markup. Marks that cross are split so that the elements nest; marks
// with offsets outside the text or inside a UTF-8 sequence are dropped.
func highlight(doc *document.Document, entityURL func(e *document.Entity) string) template.HTML {
	text := doc.Text
	var marks []mark
	add := func(start, end, rank int, open, close string) {
		if start < 0 || end > len(text) || start >= end {
			return
		}
		if !runeStart(text, start) || !runeStart(text, end) {
			return
		}
		marks = append(marks, mark{start, end, rank, open, close})
	}
	for _, q := range doc.Quotes {
		speaker := q.SpeakerText
		if speaker == "" {
			speaker = "unknown speaker"
		}
		add(q.Start, q.End, rankQuote,
			fmt.Sprintf(`<span class="hl-quote" id="%s" title="%s">`, attr("quote-"+q.ID), attr(q.Kind+" quote — "+speaker)),
			`</span>`)
	}
	for _, t := range doc.Times {
		add(t.Start, t.End, rankTime,
			fmt.Sprintf(`<span class="hl-time" title="%s">`, attr(t.Type+" "+t.Value)),
			`</span>`)
	}
	for _, ev := range doc.Events {
		add(ev.Trigger.Start, ev.Trigger.End, rankEvent,
			fmt.Sprintf(`<a class="hl-event quad%d" href="#%s" title="%s">`, ev.Quad, attr("event-"+ev.ID), attr(eventLabel(&ev))),
			`</a>`)
	}
	for i := range doc.Entities {
		e := &doc.Entities[i]
		href := entityURL(e)
		for _, m := range e.Mentions {
			add(m.Start, m.End, rankMention,
				fmt.Sprintf(`<a class="hl-ent t-%s" href="%s" title="%s">`, attr(strings.ToLower(e.Type)), attr(href), attr(e.Name+" ("+e.Type+")")),
				`</a>`)
		}
	}
	for _, p := range doc.Places {
		if p.Entity != "" && doc.EntityByID(p.Entity) != nil {
			continue // drawn as the entity's mentions
		}
		for _, m := range p.Mentions {
			add(m.Start, m.End, rankMention,
				fmt.Sprintf(`<span class="hl-place" title="%s">`, attr(fmt.Sprintf("%s, %s (%.3f, %.3f)", p.Name, p.Country, p.Lat, p.Lon))),
				`</span>`)
		}
	}
	return template.HTML(renderMarks(text, marks))
}

// renderMarks writes text with marks nested as elements. Links never nest
// inside links in HTML, so an <a> that would open inside another <a> is
// drawn as the inner one only (the outer link resumes after it).
func renderMarks(text string, marks []mark) string {
	sort.SliceStable(marks, func(i, j int) bool {
		a, b := marks[i], marks[j]
		if a.start != b.start {
			return a.start < b.start
		}
		if a.end != b.end {
			return a.end > b.end
		}
		return a.rank < b.rank
	})
	var b strings.Builder
	b.Grow(len(text) * 2)
	pos := 0
	writeTo := func(to int) {
		if to > pos {
			template.HTMLEscape(&b, []byte(text[pos:to]))
			pos = to
		}
	}
	var stack []mark
	pop := func() {
		top := stack[len(stack)-1]
		writeTo(top.end)
		b.WriteString(top.close)
		stack = stack[:len(stack)-1]
	}
	queue := marks
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		for len(stack) > 0 && stack[len(stack)-1].end <= m.start {
			pop()
		}
		if m.start < pos {
			// An earlier split left this mark starting behind the cursor;
			// it can only begin where the text now stands.
			m.start = pos
			if m.start >= m.end {
				continue
			}
		}
		writeTo(m.start)
		if len(stack) > 0 {
			top := stack[len(stack)-1]
			if m.end > top.end {
				// Crossing marks: draw the part inside the outer one now and
				// queue the rest to start where the outer one ends.
				rest := m
				rest.start = top.end
				m.end = top.end
				queue = insertMark(queue, rest)
			}
		}
		if strings.HasPrefix(m.open, "<a ") && insideLink(stack) {
			// no nested links: keep the outer link for this stretch
			continue
		}
		b.WriteString(m.open)
		stack = append(stack, m)
	}
	for len(stack) > 0 {
		pop()
	}
	writeTo(len(text))
	return b.String()
}

func insideLink(stack []mark) bool {
	for _, s := range stack {
		if strings.HasPrefix(s.open, "<a ") {
			return true
		}
	}
	return false
}

// insertMark puts m into the sorted queue at its place.
func insertMark(queue []mark, m mark) []mark {
	i := sort.Search(len(queue), func(i int) bool {
		q := queue[i]
		if q.start != m.start {
			return q.start > m.start
		}
		if q.end != m.end {
			return q.end < m.end
		}
		return q.rank > m.rank
	})
	queue = append(queue, mark{})
	copy(queue[i+1:], queue[i:])
	queue[i] = m
	return queue
}

func runeStart(s string, i int) bool {
	return i == len(s) || utf8.RuneStart(s[i])
}

// attr escapes s for a double-quoted HTML attribute.
func attr(s string) string {
	return template.HTMLEscapeString(s)
}

// eventLabel is a one-line reading of an event: "Biden REQUEST (meet) → Netanyahu".
func eventLabel(ev *document.Event) string {
	var b strings.Builder
	b.WriteString(actorsText(ev.Source))
	b.WriteString(" ")
	b.WriteString(ev.Type)
	if ev.Mode != "" {
		b.WriteString(" (" + ev.Mode + ")")
	}
	if len(ev.Target) > 0 {
		b.WriteString(" → ")
		b.WriteString(actorsText(ev.Target))
	}
	if ev.CAMEO != "" {
		b.WriteString(" · CAMEO " + ev.CAMEO)
	}
	if ev.Negated {
		b.WriteString(" · negated")
	}
	if ev.Hypothetical {
		b.WriteString(" · hypothetical")
	}
	if ev.Future {
		b.WriteString(" · future")
	}
	return strings.TrimSpace(b.String())
}

func actorsText(as []document.Actor) string {
	if len(as) == 0 {
		return "?"
	}
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = a.Text
	}
	return strings.Join(parts, ", ")
}

// sentenceHTML renders sentence i of doc with the span [hlStart, hlEnd)
// (an event trigger) marked, for the event list.
func sentenceHTML(doc *document.Document, i, hlStart, hlEnd int) template.HTML {
	if i < 0 || i >= len(doc.Sentences) {
		return ""
	}
	s := doc.Sentences[i]
	if s.Start < 0 || s.End > len(doc.Text) || s.Start >= s.End || !runeStart(doc.Text, s.Start) || !runeStart(doc.Text, s.End) {
		return ""
	}
	var marks []mark
	if hlStart >= s.Start && hlEnd <= s.End && hlStart < hlEnd && runeStart(doc.Text, hlStart) && runeStart(doc.Text, hlEnd) {
		marks = append(marks, mark{hlStart - s.Start, hlEnd - s.Start, 0, `<mark>`, `</mark>`})
	}
	return template.HTML(renderMarks(doc.Text[s.Start:s.End], marks))
}
