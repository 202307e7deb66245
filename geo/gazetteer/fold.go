package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Key returns the form under which names are looked up: accents folded to
// their base letters, lower case, dots dropped ("U.S." is "us"), hyphens
// and runs of spaces made one space, curly apostrophes made straight, and
// a leading "the " dropped ("the Netherlands", "the Gaza Strip").
func Key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is pending
	for _, r := range s {
		switch {
		case r == '.' || (r >= 0x2BB && r <= 0x2BF):
			// Dots in abbreviations, and the modifier letters
			// transliterations use for ayin and hamza, carry no
			// meaning for matching.
			continue
		case r == '-' || r == '‐' || r == '–' || unicode.IsSpace(r) || r == '_':
			space = b.Len() > 0
			continue
		case r == '’' || r == '‘' || r == '`' || r == '´':
			r = '\''
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if r < utf8.RuneSelf {
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		if c, ok := foldSingle[r]; ok {
			b.WriteByte(c)
			continue
		}
		if m, ok := foldMulti[r]; ok {
			b.WriteString(m)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	k := b.String()
	if rest, ok := strings.CutPrefix(k, "the "); ok && rest != "" {
		k = rest
	}
	return k
}

// foldFrom and foldTo pair each accented Latin letter (U+00C0–U+024F,
// U+1E00–U+1EFF) with its lower-case base letter, taken from the Unicode
// canonical decompositions: the standard library has no normaliser, and
// this small table is all the matching needs.
const (
	foldFrom = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëì" +
		"íîïðñòóôõöøùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖ" +
		"ėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĴĵĶķĹĺĻļĽľŁłŃ" +
		"ńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰ" +
		"űŲųŴŵŶŷŸŹźŻżŽžƒƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦ" +
		"ǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘș" +
		"ȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕ" +
		"ḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽ" +
		"ḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥ" +
		"ṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍ" +
		"ẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻ" +
		"ẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợ" +
		"ỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
	foldTo = "aaaaaaceeeeiiiidnoooooouuuuyaaaaaaceeeei" +
		"iiidnoooooouuuuyyaaaaaaccccccccddddeeeee" +
		"eeeeegggggggghhhhiiiiiiiiiijjkklllllllln" +
		"nnnnnoooooorrrrrrssssssssttttttuuuuuuuuu" +
		"uuuwwyyyzzzzzzfoouuaaiioouuuuuuuuuuaaaag" +
		"gkkoooojggnnaaaaaaeeeeiiiioooorrrruuuuss" +
		"tthhaaeeooooooooyyaabbbbbbccddddddddddee" +
		"eeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllll" +
		"mmmmmmnnnnnnnnoooooooopppprrrrrrrrssssss" +
		"ssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxx" +
		"yyzzzzzzhtwyaaaaaaaaaaaaaaaaaaaaaaaaeeee" +
		"eeeeeeeeeeeeiiiioooooooooooooooooooooooo" +
		"uuuuuuuuuuuuuuyyyyyyyy"
)

// foldMulti holds the letters that fold to more than one letter.
var foldMulti = map[rune]string{
	'Æ': "ae",
	'Þ': "th",
	'ß': "ss",
	'æ': "ae",
	'þ': "th",
	'Œ': "oe",
	'œ': "oe",
	'ẞ': "ss",
}

// foldSingle maps each rune of foldFrom to its byte of foldTo.
var foldSingle = func() map[rune]byte {
	m := make(map[rune]byte, len(foldTo))
	i := 0
	for _, r := range foldFrom {
		m[r] = foldTo[i]
		i++
	}
	return m
}()
