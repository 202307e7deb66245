package events

// Word lists of the role and flag rules, by folded form.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// inflect returns the set of the regular forms of the verbs, and the
// irregular forms given as they are.
func inflect(verbs []string, irregular ...string) map[string]bool {
	m := set(irregular...)
	for _, v := range verbs {
		for _, f := range verbForms(v) {
			m[f] = true
		}
	}
	return m
}

// clauseWords start a new clause: a subject is not looked for past them,
// an object not beyond them.
var clauseWords = set("that", "which", "who", "whom", "whose", "while", "whereas", "but",
	"because", "although", "though", "when", "where", "if", "unless", "as", "since", "so",
	"whether", "after", "before", "until")

// reportWords end a clause too: what comes after "said" is what was said.
var reportWords = set("said", "says", "say", "saying", "told", "tells", "added", "adds",
	"adding", "according", "stated", "noted", "warned", "insisted", "announced", "claimed",
	"argued", "explained", "stressed", "declared", "wrote")

// boundaryMarks are punctuation that ends a clause. Commas are handled
// apart: they end a clause except in lists and appositives.
// Square brackets are editors' insertions ("these [Hamas] battalions") and
// do not count.
var boundaryMarks = set(";", ":", "(", ")", "“", "”", "\"", "«", "»", "‘", "—", "–", ".", "!", "?")

var determiners = set("the", "a", "an", "this", "these", "those", "that", "its", "his", "her",
	"their", "our", "my", "your", "any", "some", "no", "another", "each", "every")

var prepositions = set("in", "on", "at", "to", "for", "with", "of", "by", "from", "about",
	"near", "into", "inside", "outside", "across", "during", "under", "over", "against",
	"towards", "toward", "around", "through", "between", "among", "within", "without", "via")

// notModifiers cannot stand between a trigger noun and its possessor or
// light verb as adjectives do ("Israel’s planned ground offensive").
var notModifiers = set("and", "or", "but", "not", "n't", "to", "be", "is", "are", "was", "were",
	"been", "has", "have", "had", "will", "would", "could", "should", "may", "might", "must",
	"can", "did", "do", "does", "it", "they", "he", "she", "we", "i", "you", "there", "then")

// verbContext before an ambiguous word makes it a verb ("will attack").
var verbContext = set("to", "will", "would", "could", "may", "might", "must", "should", "can",
	"did", "do", "does", "not", "n't", "never", "also", "they", "we", "he", "she", "i", "you",
	"it", "who", "which", "that", "and", "'ll", "'d", "reportedly", "allegedly", "then")

// beForms before a participle make a trigger passive ("was attacked by").
var beForms = set("was", "were", "been", "being", "is", "are", "be", "get", "got", "gets")

// auxiliaries may stand between a subject and its verb.
var auxiliaries = set("has", "have", "had", "did", "does", "do", "'s", "'ve", "'d")

// adverbs may stand between an auxiliary and a verb.
var adverbs = set("also", "reportedly", "allegedly", "repeatedly", "already", "recently",
	"then", "later", "again", "not", "n't", "never", "still", "just", "now", "first", "further")

// lightVerbs take an event noun as object, and their subject is its agent:
// "Netanyahu announced a ground offensive", "Israel launched an attack".
var lightVerbs = inflect([]string{"announce", "launch", "begin", "start", "conduct", "hold",
	"stage", "mount", "order", "plan", "continue", "resume", "expand", "intensify", "escalate",
	"complete", "prepare", "undertake", "wage", "impose", "issue", "make", "deliver", "provide",
	"send", "give", "offer", "authorize", "authorise", "approve", "pledge", "promise", "step"},
	"began", "begun", "held", "undertook", "undertaken", "made", "sent", "gave", "given",
	"planned", "planning", "stepped", "stepping", "carry", "carried", "carries", "carrying")

// amountWords make up an amount before "of" or "in" ("$10 million in
// aid", "200 tonnes of food aid").
var amountWords = set("$", "€", "£", "million", "billion", "thousand", "hundred", "tonnes", "tons",
	"tonne", "ton", "metric", "us", "dollars", "euros", "pounds", "more", "additional", "a", "an",
	"some", "about", "nearly", "over", "around", "almost", "several", "worth", "truckloads",
	"trucks", "shipments", "packages", "package", "boxes")

// isNumber reports whether a token is a number ("10", "1,000", "3.5").
func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != ',' && r != '.' {
			return false
		}
	}
	return true
}

// addresseeVerbs take a request as object, and their subject is the one
// asked: "Netanyahu was responding to a call by the White House".
var addresseeVerbs = inflect([]string{"respond", "reply", "heed", "reject", "rebuff", "ignore",
	"dismiss", "answer", "resist", "comply", "refuse", "accept", "receive"}, "defy", "defied", "defies", "defying")

// negations before a trigger negate it; "refused to" is a rejection, not
// a negation, and is a trigger of its own.
var negations = set("not", "n't", "never", "no", "without", "neither", "nor")

// modals make what follows hypothetical.
var modals = set("could", "would", "might", "may", "should", "possibly", "potential", "potentially", "'d")

// conditionals make the rest of the sentence hypothetical.
var conditionals = set("if", "unless", "whether")

// futureWords before a trigger place it in the future.
var futureWords = set("will", "'ll", "shall", "likely", "expected", "plans", "plan", "planned",
	"planning", "scheduled", "due", "going", "upcoming", "determined", "intends", "intend",
	"aims", "vowed", "set", "willing", "ready", "prepared")

// quantities may stand before "of" between a verb and its object
// ("released dozens of activists").
var quantities = set("dozens", "hundreds", "thousands", "scores", "millions", "some", "all", "most", "many", "several", "two", "three", "four", "five")
