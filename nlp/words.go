package nlp

// Closed word classes that the name finder's rules use. They are English
// grammar, not data about any story.

var weekdays = set("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

var months = set("January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December")

// particles are the lower-case words inside names: "Ursula von der
// Leyen", "Mohammed bin Salman", "Luiz Inácio Lula da Silva".
var particles = set("de", "da", "di", "du", "del", "della", "der", "den", "van", "von",
	"bin", "ibn", "bint", "al", "el", "le", "la", "dos", "das", "ter", "ten", "y", "abu", "ul", "ud")

var determiners = set("The", "A", "An", "This", "That", "These", "Those", "Our", "His",
	"Her", "Their", "Its", "My", "Your", "Every", "Each", "Some", "Any", "No")

// speechVerbs after an unknown capitalised word that opens a sentence show
// that it is someone: "Sinwar said".
var speechVerbs = set("said", "says", "told", "added", "announced", "stated", "wrote",
	"tweeted", "posted", "insisted", "warned", "urged", "claimed", "noted", "explained",
	"argued", "replied", "asked", "confirmed", "denied", "declared", "vowed", "pledged",
	"called", "accused", "praised", "criticised", "criticized", "demanded", "rejected")

// nameSuffixes end a person's name.
var nameSuffixes = set("Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV")

// orgNouns before a name make it an organisation: "the militant group X".
var orgNouns = set("group", "party", "militia", "movement", "organisation", "organization",
	"company", "firm", "agency", "newspaper", "daily", "broadcaster", "network", "bank",
	"insurer", "carrier", "airline", "brand", "website", "outlet", "union", "faction",
	"bloc", "coalition", "alliance", "channel", "magazine", "startup", "charity", "club")

// placeNouns before a name (or before "of" and a name) make it a place:
// "the city of X", "the village X".
var placeNouns = set("city", "town", "village", "province", "governorate", "district",
	"region", "territory", "state", "county", "capital", "island", "country", "port",
	"neighbourhood", "neighborhood", "suburb", "enclave", "camp", "municipality")

// locativePreps before an unknown name suggest a place: "in X".
var locativePreps = set("in", "near", "outside", "across", "into", "towards", "toward",
	"around", "throughout", "inside")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
