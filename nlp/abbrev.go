package nlp

import (
	"unicode"
	"unicode/utf8"
)

// Kinds of abbreviation, by what may follow them.
const (
	abbrTitle = 1 // stands before a name and never ends a sentence: "Mr."
	abbrOther = 2 // may end a sentence: "Inc.", "etc.", "Jan."
)

// abbreviations are the words that keep their period ("Mr." is one token).
// Initials ("J.") and letter-dot runs ("U.S.") are recognised by form.
var abbreviations = map[string]int{
	"Mr": abbrTitle, "Mrs": abbrTitle, "Ms": abbrTitle, "Mx": abbrTitle, "Dr": abbrTitle,
	"Prof": abbrTitle, "Gen": abbrTitle, "Lt": abbrTitle, "Col": abbrTitle, "Maj": abbrTitle,
	"Capt": abbrTitle, "Cmdr": abbrTitle, "Cdr": abbrTitle, "Adm": abbrTitle, "Sgt": abbrTitle,
	"Cpl": abbrTitle, "Pvt": abbrTitle, "Brig": abbrTitle, "Sen": abbrTitle, "Rep": abbrTitle,
	"Gov": abbrTitle, "Pres": abbrTitle, "Rev": abbrTitle, "Hon": abbrTitle, "Fr": abbrTitle,
	"Messrs": abbrTitle, "Mme": abbrTitle, "Mlle": abbrTitle, "Insp": abbrTitle,
	"Supt": abbrTitle, "Sec": abbrTitle, "Amb": abbrTitle, "Atty": abbrTitle,

	"Jr": abbrOther, "Sr": abbrOther, "St": abbrOther, "Mt": abbrOther, "Ft": abbrOther,
	"Inc": abbrOther, "Corp": abbrOther, "Ltd": abbrOther, "Co": abbrOther, "Bros": abbrOther,
	"Dept": abbrOther, "Univ": abbrOther, "Assn": abbrOther, "Ave": abbrOther, "Blvd": abbrOther,
	"Rd": abbrOther, "No": abbrOther, "Nos": abbrOther, "Vol": abbrOther, "vol": abbrOther,
	"vs": abbrOther, "etc": abbrOther, "al": abbrOther, "approx": abbrOther, "est": abbrOther,
	"Jan": abbrOther, "Feb": abbrOther, "Mar": abbrOther, "Apr": abbrOther, "Jun": abbrOther,
	"Jul": abbrOther, "Aug": abbrOther, "Sep": abbrOther, "Sept": abbrOther, "Oct": abbrOther,
	"Nov": abbrOther, "Dec": abbrOther, "Mon": abbrOther, "Tue": abbrOther, "Tues": abbrOther,
	"Wed": abbrOther, "Thu": abbrOther, "Thur": abbrOther, "Thurs": abbrOther, "Fri": abbrOther,
	"Ala": abbrOther, "Ariz": abbrOther, "Ark": abbrOther, "Calif": abbrOther, "Colo": abbrOther,
	"Conn": abbrOther, "Del": abbrOther, "Fla": abbrOther, "Ga": abbrOther, "Ill": abbrOther,
	"Ind": abbrOther, "Kan": abbrOther, "Ky": abbrOther, "La": abbrOther, "Md": abbrOther,
	"Mass": abbrOther, "Mich": abbrOther, "Minn": abbrOther, "Miss": abbrOther, "Mo": abbrOther,
	"Mont": abbrOther, "Neb": abbrOther, "Nev": abbrOther, "Okla": abbrOther, "Ore": abbrOther,
	"Pa": abbrOther, "Tenn": abbrOther, "Tex": abbrOther, "Va": abbrOther, "Vt": abbrOther,
	"Wash": abbrOther, "Wis": abbrOther, "Wyo": abbrOther,
}

// abbrKind returns the kind of an abbreviation token ("Mr.", "U.S.",
// "J."), or 0 when tok is not one.
func abbrKind(tok string) int {
	if len(tok) < 2 || tok[len(tok)-1] != '.' {
		return 0
	}
	word := tok[:len(tok)-1]
	if k := abbreviations[word]; k != 0 {
		return k
	}
	if r, w := utf8.DecodeRuneInString(word); w == len(word) && unicode.IsUpper(r) {
		return abbrTitle // an initial: "J. Smith"
	}
	if len(tok) >= 4 && tok[1] == '.' {
		return abbrOther // "U.S.", "e.g."
	}
	return 0
}
