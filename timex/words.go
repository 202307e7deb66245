package timex

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// numbers maps number words to values; -1 is "some unknown number".
var numbers = map[string]float64{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
	"twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100,
	"a dozen": 12, "a couple of": 2, "a couple": 2, "couple of": 2,
	"a few": -1, "several": -1, "dozens of": -1, "hundreds of": -1,
	"half a": 0.5, "half an": 0.5,
}

// numberRE is the regular expression for a number: digits or words.
const numberRE = `(?:\d+\s+1/2|\d+(?:\.\d+)?|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+and\s+a\s+half|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+few|several|dozens\s+of|hundreds\s+of|a\s+dozen|a\s+hundred|half\s+an?|` +
	`(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](?:one|two|three|four|five|six|seven|eight|nine)|` +
	`eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|` +
	`one|two|three|four|five|six|seven|eight|nine|ten|an|a)`

// number reads a number matched by numberRE; n is -1 for an unknown
// number ("several"), ok false for none.
func number(s string) (n float64, ok bool) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	for _, half := range []string{" 1/2", " and a half"} {
		// "5 1/2 hours", "two and a half years"
		if whole, found := strings.CutSuffix(s, half); found {
			if n, ok := number(whole); ok && n >= 0 {
				return n + 0.5, true
			}
			return 0, false
		}
	}
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		if v < 0 {
			return 0, false
		}
		return v, true
	}
	if v, ok := numbers[s]; ok {
		return v, true
	}
	if tens, unit, found := strings.Cut(strings.ReplaceAll(s, " ", "-"), "-"); found {
		t, ok1 := numbers[tens]
		u, ok2 := numbers[unit]
		if ok1 && ok2 && t >= 20 && u < 10 {
			return t + u, true
		}
	}
	return 0, false
}

// capital reports whether text has an upper-case letter at i.
func capital(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsUpper(r)
}

// prevWord returns the lower-cased word that ends just before i, skipping
// spaces, or "" when punctuation comes first.
func prevWord(text string, i int) string {
	w, _ := prevWordAt(text, i)
	return w
}

// prevWordAt is prevWord that also returns where the word starts.
func prevWordAt(text string, i int) (string, int) {
	j := i
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t' || text[j-1] == '\n') {
		j--
	}
	k := j
	for k > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:k])
		if !unicode.IsLetter(r) && r != '-' {
			break
		}
		k -= n
	}
	return strings.ToLower(text[k:j]), k
}

// nextRune returns the rune at i, or 0 at the end.
func nextRune(text string, i int) rune {
	if i >= len(text) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return r
}

// sentenceStart reports whether i begins a sentence: nothing but space
// and opening quotes (wire copy's “ among them) since the start of text
// or a full stop, question or exclamation mark or line break.
func sentenceStart(text string, i int) bool {
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case r == '\n' || r == '.' || r == '!' || r == '?' || r == ':':
			return true
		case unicode.IsSpace(r) || r == '"' || r == '“' || r == '‘' || r == '\'' || r == '`' || r == '(':
			i -= n
		default:
			return false
		}
	}
	return true
}

// Tense markers. Future: modals and words that announce a plan. Past:
// common irregular past forms; regular ones are found by their -ed.
// Reporting verbs ("said", "told") are left out: news reports the future
// in the past tense ("the vote will be in May, he said"). Words that
// belong to other time expressions ("next", "last",
// "tomorrow") are left out: they say when that expression is, not this
// one.
var (
	futureWords = set(`will 'll ’ll shall won't won’t would going due expected scheduled plans plan planned
		planning intends intend aims hopes likely upcoming soon`)
	pastWords = set(`was were had did earlier met held took gave went came
		made saw left spoke began won lost fell rose hit struck fought led sent sought brought found
		became ran wrote put cut thought knew got paid sold bought kept read heard felt`)
	notPast = set(`expected scheduled planned intended proposed needed`)
	// futureAfterPast are the words after "was", "were" or "had" that
	// make the clause about the future.
	futureAfterPast = set(`planning going expected due scheduled set about supposed hoping`)
)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// tenseWindow is how many words either side of an expression tense looks
// at: the verb an adverbial modifies is close to it in news prose.
// tenseReach bounds the bytes read for them.
const (
	tenseWindow = 5
	tenseReach  = 200
)

// tense guesses whether the clause around [start, end) speaks of the past
// (-1) or the future (+1), from the nearest tense marker within a few
// words in the same sentence; 0 when there is none. A deadline ("by Jan.
// 14") is future.
func tense(text string, start, end int) int {
	lo, hi := max(0, start-tenseReach), min(len(text), end+tenseReach)
	for i := start - 1; i >= lo; i-- {
		if sentenceEnd(text, i) {
			lo = i + 1
			break
		}
	}
	for i := end; i < hi; i++ {
		if sentenceEnd(text, i) {
			hi = i
			break
		}
	}
	before := strings.FieldsFunc(strings.ToLower(text[lo:start]), wordSep)
	after := strings.FieldsFunc(strings.ToLower(text[end:hi]), wordSep)
	t := markers(before, after)
	switch cue(before) {
	case 1:
		// A deadline ("by Tuesday", "until 9 a.m. Tuesday", "as early
		// as Monday") is ahead unless the verb is past ("had filed by
		// Wednesday").
		if t < 0 {
			return -1
		}
		return 1
	case -1:
		return -1
	}
	return t
}

// clockWords are the words of a clock time between a preposition and the
// day it belongs to ("until 9 a.m. EST Tuesday").
var clockWords = set(`a m p noon midnight gmt utc bst cet cest eet eest est edt cst cdt mst mdt pst pdt et pt`)

// cue returns the direction that the preposition before an expression
// gives it: +1 for "by", "until", "as early as", "as soon as"; -1 for
// "since"; 0 for none. The words of a clock time before the expression
// are skipped.
func cue(before []string) int {
	n := len(before)
	for n > 0 && clockWords[before[n-1]] {
		n--
	}
	if n == 0 {
		return 0
	}
	switch before[n-1] {
	case "by", "until", "till":
		return 1
	case "since": // "since March" reaches back from now
		return -1
	case "as":
		if n >= 3 && before[n-3] == "as" && (before[n-2] == "early" || before[n-2] == "soon") {
			return 1
		}
	}
	return 0
}

// markers returns the tense of the nearest tense marker to an
// expression, within tenseWindow words either side; 0 when there is none.
func markers(before, after []string) int {
	if len(before) > 0 && reporting[before[len(before)-1]] {
		return -1 // "Paribas said Monday": the day of the saying
	}
	for d := 0; d < tenseWindow && (d < len(before) || d < len(after)); d++ {
		// Words before the expression usually carry the verb in news
		// ("will meet on Tuesday", "met on Tuesday"), so look there
		// first at each distance.
		if d < len(before) {
			if t := marker(before, len(before)-1-d); t != 0 {
				return t
			}
		}
		if d < len(after) {
			if t := marker(after, d); t != 0 {
				return t
			}
		}
	}
	return 0
}

// delayVerbs are the verbs that move a plan to a later date.
var delayVerbs = set(`postponed delayed extended adjourned deferred`)

// reporting are past reporting verbs: right before an expression they say
// when something was said ("said Monday"), whatever the tense of what was
// said.
var reporting = set(`said told announced added reported`)

// abbreviations are the words that a full stop follows without ending a
// sentence ("9 a.m. Tuesday", "Mr. Smith", "Jan. 5").
var abbreviations = set(`a.m p.m mr mrs ms dr gen sen rep gov lt col sgt capt st jan feb mar apr aug sep sept oct nov dec`)

// sentenceEnd reports whether text[i] ends a sentence: a stop followed by
// a space and a capital or an opening quote, after a word that is not an
// abbreviation; or a line break.
func sentenceEnd(text string, i int) bool {
	switch text[i] {
	case '\n':
		return true
	case '.', '!', '?':
	default:
		return false
	}
	if i+2 >= len(text) || text[i+1] != ' ' || !(capital(text, i+2) || strings.ContainsRune("\"“‘'", nextRune(text, i+2))) {
		return i+1 >= len(text)
	}
	if text[i] != '.' {
		return true
	}
	j := i
	for j > 0 && (text[j-1] == '.' || unicode.IsLetter(rune(text[j-1]))) {
		j--
	}
	return !abbreviations[strings.ToLower(text[j:i])]
}

// passiveAux are the words before a participle that make it passive or
// perfect rather than past ("must be returned", "has been delayed").
var passiveAux = set(`be been being is are am get gets`)

func wordSep(r rune) bool {
	return !unicode.IsLetter(r) && r != '\'' && r != '’'
}

// futureNouns are the future markers that are nouns after a determiner.
var futureNouns = set(`plan plans aims hopes will`)

// determiners are the words before a noun or adjective: a word after one,
// or after one and an adverb, is not a verb, so "the plan" and "a still
// unspecified date" mark no tense.
var determiners = set(`a an the this that these those its his her their our my your`)

// afterDeterminer reports whether word i of ws follows a determiner,
// directly or across an adverb ("the newly elected", "a still unknown").
func afterDeterminer(ws []string, i int) bool {
	if i > 0 && determiners[ws[i-1]] {
		return true
	}
	if i > 1 && determiners[ws[i-2]] {
		adv := ws[i-1]
		return strings.HasSuffix(adv, "ly") || adv == "still" || adv == "yet" || adv == "not"
	}
	return false
}

// marker returns the tense that word i of ws marks.
func marker(ws []string, i int) int {
	w := ws[i]
	if afterDeterminer(ws, i) && (!futureWords[w] || futureNouns[w]) {
		// "the plan", "a reduced dividend": a noun or an adjective.
		// A future adjective keeps its sense: "the planned talks on
		// Friday" are ahead.
		return 0
	}
	switch {
	case futureWords[w] && i > 1 && ws[i-1] == "been" && ws[i-2] == "had":
		// "had been due to expire Friday": a plan seen from a past
		// that is over, so the day has passed.
		return -1
	case futureWords[w] || strings.HasSuffix(w, "'ll") || strings.HasSuffix(w, "’ll"):
		return 1
	case pastWords[w]:
		if i+1 < len(ws) && futureAfterPast[ws[i+1]] {
			// The future seen from the past: "were planning to drive
			// on Monday", "was due to resume on Tuesday".
			return 1
		}
		return -1
	case (w == "set" || w == "is" || w == "are") && i+1 < len(ws) && ws[i+1] == "to":
		// "set to resume Monday", "is to resume trading Tuesday"
		return 1
	case delayVerbs[w] && i+1 < len(ws) && (ws[i+1] == "until" || ws[i+1] == "till"):
		// "postponed until Tuesday": the new date is ahead.
		return 1
	case len(w) > 4 && strings.HasSuffix(w, "ed") && !notPast[w] && (i == 0 || !passiveAux[ws[i-1]]):
		return -1
	}
	return 0
}
