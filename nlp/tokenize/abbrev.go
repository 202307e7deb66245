package tokenize

import (
	"unicode"
	"unicode/utf8"
)

// Kinds of abbreviation, by what may follow them.
const (
	AbbrevTitle = 1 // stands before a name and never ends a sentence: "Mr."
	AbbrevOther = 2 // may end a sentence: "Inc.", "etc.", "Jan."
)

// abbreviations are the words that keep their period ("Mr." is one token).
// Initials ("J.") and letter-dot runs ("U.S.") are recognised by form.
var abbreviations = map[string]int{
	"Mr": AbbrevTitle, "Mrs": AbbrevTitle, "Ms": AbbrevTitle, "Mx": AbbrevTitle, "Dr": AbbrevTitle,
	"Prof": AbbrevTitle, "Gen": AbbrevTitle, "Lt": AbbrevTitle, "Col": AbbrevTitle, "Maj": AbbrevTitle,
	"Capt": AbbrevTitle, "Cmdr": AbbrevTitle, "Cdr": AbbrevTitle, "Adm": AbbrevTitle, "Sgt": AbbrevTitle,
	"Cpl": AbbrevTitle, "Pvt": AbbrevTitle, "Brig": AbbrevTitle, "Sen": AbbrevTitle, "Rep": AbbrevTitle,
	"Gov": AbbrevTitle, "Pres": AbbrevTitle, "Rev": AbbrevTitle, "Hon": AbbrevTitle, "Fr": AbbrevTitle,
	"Messrs": AbbrevTitle, "Mme": AbbrevTitle, "Mlle": AbbrevTitle, "Insp": AbbrevTitle,
	"Supt": AbbrevTitle, "Sec": AbbrevTitle, "Amb": AbbrevTitle, "Atty": AbbrevTitle,

	"Jr": AbbrevOther, "Sr": AbbrevOther, "St": AbbrevOther, "Mt": AbbrevOther, "Ft": AbbrevOther,
	"Inc": AbbrevOther, "Corp": AbbrevOther, "Ltd": AbbrevOther, "Co": AbbrevOther, "Bros": AbbrevOther,
	"Dept": AbbrevOther, "Univ": AbbrevOther, "Assn": AbbrevOther, "Ave": AbbrevOther, "Blvd": AbbrevOther,
	"Rd": AbbrevOther, "No": AbbrevOther, "Nos": AbbrevOther, "Vol": AbbrevOther, "vol": AbbrevOther,
	"vs": AbbrevOther, "etc": AbbrevOther, "al": AbbrevOther, "approx": AbbrevOther, "est": AbbrevOther,
	"Jan": AbbrevOther, "Feb": AbbrevOther, "Mar": AbbrevOther, "Apr": AbbrevOther, "Jun": AbbrevOther,
	"Jul": AbbrevOther, "Aug": AbbrevOther, "Sep": AbbrevOther, "Sept": AbbrevOther, "Oct": AbbrevOther,
	"Nov": AbbrevOther, "Dec": AbbrevOther, "Mon": AbbrevOther, "Tue": AbbrevOther, "Tues": AbbrevOther,
	"Wed": AbbrevOther, "Thu": AbbrevOther, "Thur": AbbrevOther, "Thurs": AbbrevOther, "Fri": AbbrevOther,
	"Ala": AbbrevOther, "Ariz": AbbrevOther, "Ark": AbbrevOther, "Calif": AbbrevOther, "Colo": AbbrevOther,
	"Conn": AbbrevOther, "Del": AbbrevOther, "Fla": AbbrevOther, "Ga": AbbrevOther, "Ill": AbbrevOther,
	"Ind": AbbrevOther, "Kan": AbbrevOther, "Ky": AbbrevOther, "La": AbbrevOther, "Md": AbbrevOther,
	"Mass": AbbrevOther, "Mich": AbbrevOther, "Minn": AbbrevOther, "Miss": AbbrevOther, "Mo": AbbrevOther,
	"Mont": AbbrevOther, "Neb": AbbrevOther, "Nev": AbbrevOther, "Okla": AbbrevOther, "Ore": AbbrevOther,
	"Pa": AbbrevOther, "Tenn": AbbrevOther, "Tex": AbbrevOther, "Va": AbbrevOther, "Vt": AbbrevOther,
	"Wash": AbbrevOther, "Wis": AbbrevOther, "Wyo": AbbrevOther,
}

// AbbrevKind returns the kind of an abbreviation token ("Mr.", "U.S.",
// "J."), or 0 when tok is not one.
func AbbrevKind(tok string) int {
	if len(tok) < 2 || tok[len(tok)-1] != '.' {
		return 0
	}
	word := tok[:len(tok)-1]
	if k := abbreviations[word]; k != 0 {
		return k
	}
	if r, w := utf8.DecodeRuneInString(word); w == len(word) && unicode.IsUpper(r) {
		return AbbrevTitle // an initial: "J. Smith"
	}
	if len(tok) >= 4 && tok[1] == '.' {
		return AbbrevOther // "U.S.", "e.g."
	}
	return 0
}
