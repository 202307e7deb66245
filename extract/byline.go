package extract

import (
	"regexp"
	"strings"
	"time"
	"unicode"
)

// bylineStart matches the opening of a byline: "By Jane Roe", "Written by
// Jane Roe", "Von Hans Muster".
var bylineStart = regexp.MustCompile(`^(?i:by|written by|posted by|reporting by|von)\s+\p{Lu}`)

// maxBylineWords bounds a byline line; a longer line starting "By" is a
// sentence ("By noon the crowd had grown …").
const maxBylineWords = 14

// bylineSep splits a byline into its parts: names, outlet, date.
var bylineSep = regexp.MustCompile(`\s*[|•·–—]\s*|\s+-\s+`)

// parseByline reads a byline such as "By Jane Roe and John Doe | March 20,
// 2024". It returns the names and the date (ISO 8601, or "") and whether
// line is a byline at all.
func parseByline(line string) (names []string, date string, ok bool) {
	// A line that ends like a sentence is one: "By Tuesday, the count had
	// risen."
	if !bylineStart.MatchString(line) || len(strings.Fields(line)) > maxBylineWords || endsSentence(line) {
		return nil, "", false
	}
	date, line = cutDate(line)
	for _, part := range bylineSep.Split(line, -1) {
		for _, n := range SplitAuthors(part) {
			// A name has no digits and only a few words; anything else
			// in a byline is an outlet's boilerplate or a time.
			if strings.IndexFunc(n, unicode.IsDigit) < 0 && len(strings.Fields(n)) <= 5 && capitalised(n) {
				names = append(names, n)
			}
		}
	}
	return names, date, len(names) > 0 || date != ""
}

// months maps English month names and abbreviations to their numbers.
var months = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// Date shapes found in datelines: ISO, "March 20, 2024", "20 March 2024".
var (
	isoDate   = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	mdyDate   = regexp.MustCompile(`(?i)\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	dmyDate   = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([a-z]{3,9})\.?,?\s+(\d{4})\b`)
	dateLabel = regexp.MustCompile(`(?i)^(?:published|updated|posted|last updated|first published|date)\b`)
)

// parseDate finds a calendar date in a short dateline and returns it as
// YYYY-MM-DD, or "" when there is none. A date inside a sentence is story
// text, not a dateline: the line must be mostly the date, with at most a
// label ("Published"), a weekday and a time beside it.
func parseDate(s string) string {
	if len(s) > 120 {
		return ""
	}
	date, rest := cutDate(s)
	rest = dateLabel.ReplaceAllString(strings.TrimSpace(rest), "")
	if date == "" || len(strings.Fields(rest)) > 5 {
		return ""
	}
	return date
}

// cutDate finds the first calendar date in s and returns it as YYYY-MM-DD
// with s less the date. Only unambiguous shapes are read: numeric
// day/month orders differ between countries.
func cutDate(s string) (date, rest string) {
	for _, shape := range []struct {
		re         *regexp.Regexp
		y, m, d    int // submatch indexes
		monthNames bool
	}{
		{isoDate, 1, 2, 3, false},
		{mdyDate, 3, 1, 2, true},
		{dmyDate, 3, 2, 1, true},
	} {
		loc := shape.re.FindStringSubmatchIndex(s)
		if loc == nil {
			continue
		}
		sub := func(i int) string { return s[loc[2*i]:loc[2*i+1]] }
		y, d := atoi(sub(shape.y)), atoi(sub(shape.d))
		var m time.Month
		if shape.monthNames {
			m = months[strings.ToLower(sub(shape.m))]
		} else {
			m = time.Month(atoi(sub(shape.m)))
		}
		t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if m == 0 || y < 1900 || y > 2100 || t.Month() != m || t.Day() != d {
			continue
		}
		return t.Format("2006-01-02"), s[:loc[0]] + s[loc[1]:]
	}
	return "", s
}

// atoi parses a string of at most a few ASCII digits.
func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// nameParticles are the lower-case words that names may contain.
var nameParticles = map[string]bool{
	"de": true, "da": true, "del": true, "della": true, "der": true, "den": true,
	"di": true, "du": true, "la": true, "le": true, "van": true, "von": true,
	"bin": true, "al": true, "el": true, "ibn": true, "y": true, "dos": true,
}

// capitalised reports whether every word of a name starts with a capital
// letter or is a known particle.
func capitalised(name string) bool {
	for _, w := range strings.Fields(name) {
		r := []rune(w)[0]
		if !unicode.IsUpper(r) && !nameParticles[strings.ToLower(w)] {
			return false
		}
	}
	return true
}
