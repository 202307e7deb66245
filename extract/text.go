package extract

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/document"
)

// readPlain reads the input as the article body exactly as given.
func readPlain(raw []byte, in *source, opts Options) (*document.Document, error) {
	var text string
	if !in.utf16 && utf8.Valid(raw) {
		// Byte-identical, byte order mark included, so that offsets into
		// the document are offsets into the caller's input.
		text = string(raw)
	} else {
		var err error
		if text, err = in.decodeText(); err != nil {
			return nil, fmt.Errorf("read plain text: %w", err)
		}
	}
	doc := document.New()
	doc.Text = text
	doc.URL = cleanURL(opts.URL)
	return doc, nil
}

// readText reads scraped plain text: a title line, perhaps a byline, the
// story, and page furniture around and between its paragraphs.
func readText(in *source, opts Options) (*document.Document, error) {
	s, err := in.decodeText()
	if err != nil {
		return nil, fmt.Errorf("read text: %w", err)
	}
	units := splitUnits(s)
	a := analyse(units)
	if len(a.paras) == 0 {
		return nil, ErrNoArticle
	}
	doc := document.New()
	doc.Title = a.title
	doc.Text = strings.Join(a.paras, "\n\n")
	doc.Authors = a.authors
	doc.Published = a.published
	doc.Furniture = a.furniture
	doc.URL = cleanURL(opts.URL)
	return doc, nil
}

// unit is the smallest piece of text that is kept or dropped whole: one
// line, or the lines of one hard-wrapped paragraph.
type unit struct {
	lines   []string // trimmed, non-empty
	newPara bool     // a paragraph starts here, not just a line
	text    string   // lines joined by spaces, for testing
}

// splitUnits cuts text into units. Blank lines separate paragraphs. Inside
// a paragraph each line is a unit of its own (scraped pages put one item
// per line) unless the paragraph is hard-wrapped prose, whose lines end
// mid-sentence and cannot be judged alone. Text without any blank line is
// taken as one paragraph per line, unless it is hard-wrapped as a whole.
func splitUnits(s string) []unit {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var blocks [][]string
	var cur []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			if len(cur) > 0 {
				blocks = append(blocks, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, l)
	}
	if len(cur) > 0 {
		blocks = append(blocks, cur)
	}

	var units []unit
	for _, b := range blocks {
		if hardWrapped(b) {
			units = append(units, unit{lines: b, newPara: true, text: strings.Join(b, " ")})
			continue
		}
		// Without blank lines anywhere, each line is its own paragraph.
		lineParas := len(blocks) == 1
		for i, l := range b {
			units = append(units, unit{lines: []string{l}, newPara: i == 0 || lineParas, text: l})
		}
	}
	return units
}

// hardWrapped reports whether lines are one paragraph wrapped at a fixed
// width: long lines, most of which end mid-sentence.
func hardWrapped(lines []string) bool {
	if len(lines) < 2 {
		return false
	}
	ends, long := 0, 0
	for _, l := range lines[:len(lines)-1] {
		if endsSentence(l) {
			ends++
		}
		if utf8.RuneCountInString(l) >= 40 {
			long++
		}
	}
	n := len(lines) - 1
	return ends*10 < n*4 && long*10 >= n*6
}

// analysis is what analyse found in the units.
type analysis struct {
	title     string
	authors   []string
	published string
	paras     []string
	furniture []string
}

// Roles of units.
const (
	roleBody = iota
	roleTitle
	roleMeta // byline or dateline
	roleFurniture
)

// maxTitleWords bounds a title line; longer first lines are body text.
const maxTitleWords = 30

// analyse decides the role of every unit and assembles the result.
func analyse(units []unit) analysis {
	var a analysis
	role := make([]int, len(units))
	prose := make([]bool, len(units))
	for i, u := range units {
		prose[i] = isProse(u.text)
		if isCallToAction(u.text) {
			role[i] = roleFurniture
		}
	}

	// The title is the first line that is not furniture, when it is
	// shaped like one and the story follows it.
	i := 0
	for i < len(units) && role[i] == roleFurniture {
		i++
	}
	if i+1 < len(units) && isTitle(units[i]) && units[i+1].newPara {
		role[i] = roleTitle
		a.title = units[i].text
		i++
	}
	// Bylines and datelines sit between the title and the first paragraph.
	for ; i < len(units) && !prose[i]; i++ {
		if role[i] != roleBody {
			continue
		}
		if names, date, ok := parseByline(units[i].text); ok {
			role[i] = roleMeta
			a.authors = append(a.authors, names...)
			if a.published == "" {
				a.published = date
			}
		} else if date := parseDate(units[i].text); date != "" && len(strings.Fields(units[i].text)) <= 8 {
			role[i] = roleMeta
			if a.published == "" {
				a.published = date
			}
		}
	}

	markShortLines(units, role, prose)

	var para []string
	flush := func() {
		if len(para) > 0 {
			a.paras = append(a.paras, strings.Join(para, "\n"))
			para = nil
		}
	}
	for i, u := range units {
		switch role[i] {
		case roleBody:
			if u.newPara {
				flush()
			}
			para = append(para, u.lines...)
		case roleFurniture, roleMeta:
			a.furniture = append(a.furniture, u.lines...)
		}
	}
	flush()
	return a
}

// markShortLines marks as furniture the body units that are not prose,
// except subheadings and list items inside the story: those are followed
// by prose. Everything after the last prose unit is furniture. When there
// is no prose at all the text is kept as it is: it is not a story with
// furniture around it, and there is nothing to tell them apart by.
func markShortLines(units []unit, role []int, prose []bool) {
	last := -1
	for i := range units {
		if role[i] == roleBody && prose[i] {
			last = i
		}
	}
	if last < 0 {
		return
	}
	// Walk backwards so that "followed by kept text" can look ahead.
	keepNext := false // the next body unit is kept story text
	for i := len(units) - 1; i >= 0; i-- {
		if role[i] != roleBody {
			continue
		}
		switch {
		case prose[i]:
			keepNext = true
		case i > last:
			role[i] = roleFurniture
		case keepNext && isSubhead(units[i].text):
			// A subheading or a list item: keep, and let a run of list
			// items chain through to the prose after them.
			keepNext = isListItem(units[i].text)
		default:
			role[i] = roleFurniture
			keepNext = false
		}
	}
}

// navSeparator matches the separators of breadcrumbs and link bars.
var navSeparator = regexp.MustCompile(`\s[|>»›/•·]\s|^[|>»›•·]|[|>»›•·]$`)

// isSubhead reports whether a short non-sentence line can be a
// subheading or list item: at least two words and no link separators.
func isSubhead(s string) bool {
	return wordCount(s) >= 2 && !navSeparator.MatchString(s)
}

// listMarker matches the start of a list item.
var listMarker = regexp.MustCompile(`^(?:[-–*•‣◦▪]\s|\d{1,2}[.)]\s)`)

func isListItem(s string) bool { return listMarker.MatchString(s) }

// isTitle reports whether u is shaped like a headline: one line, a few
// words, no closing full stop or other mark that continues a sentence.
func isTitle(u unit) bool {
	if len(u.lines) != 1 || len(u.text) > 300 {
		return false
	}
	n := wordCount(u.text)
	if n < 2 || n > maxTitleWords {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(u.text)
	if strings.ContainsRune(".,;:", r) || isListItem(u.text) {
		return false
	}
	if _, _, ok := parseByline(u.text); ok {
		return false
	}
	first, _ := utf8.DecodeRuneInString(u.text)
	return !unicode.IsLower(first)
}
