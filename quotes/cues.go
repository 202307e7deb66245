package quotes

// cue describes a reporting word.
type cue struct {
	// indirect: the word also introduces reported speech without quote
	// marks ("said the talks failed").
	indirect bool
	// needThat: as an indirect cue, only with "that" ("warned that …",
	// not "warned Israel").
	needThat bool
	// object: an addressee comes between the cue and "that" ("told
	// lawmakers that …").
	object bool
	// participle: "adding …", "saying …": the speaker is that of the
	// reporting clause before it.
	participle bool
	// question: "asked (X) whether …": the reported question starts at
	// its question word.
	question bool
}

// cues are the reporting words, by folded form. "according to" is handled
// on its own, being two words with its speaker after it.
var cues = func() map[string]cue {
	m := map[string]cue{}
	add := func(c cue, forms ...string) {
		for _, f := range forms {
			m[f] = c
		}
	}
	bare := cue{indirect: true}
	that := cue{indirect: true, needThat: true}
	add(bare, "say", "says", "said", "add", "adds", "added")
	add(cue{indirect: true, needThat: true, object: true},
		"tell", "tells", "told", "assure", "assured", "assures", "inform", "informed", "informs",
		"remind", "reminded", "reminds")
	add(that, "stated", "noted", "insist", "insisted",
		"insists", "warn", "warned", "warns", "argue", "argued", "argues", "claimed",
		"explain", "explained", "explains", "declare", "declared", "declares",
		"announce", "announced", "announces", "stress", "stressed", "stresses",
		"emphasise", "emphasised", "emphasises", "emphasize", "emphasized", "emphasizes",
		"acknowledge", "acknowledged", "acknowledges", "admit", "admitted", "admits",
		"concede", "conceded", "concedes", "confirm", "confirmed", "confirms", "deny", "denied",
		"denies", "suggest", "suggested", "suggests", "predict", "predicted", "predicts",
		"promised", "pledged", "vowed",
		"reported", "reiterate", "reiterated", "reiterates",
		"assert", "asserted", "asserts", "write", "wrote", "writes", "caution", "cautioned",
		"cautions", "maintain", "maintained", "maintains", "contend", "contended", "contends",
		"agree", "agreed", "agrees", "complain", "complained", "complains", "boast", "boasted",
		"boasts", "lament", "lamented", "laments", "recount", "recounted", "recounts",
		"counter", "countered", "counters", "retort", "retorted", "retorts", "joke", "joked",
		"jokes", "scoff", "scoffed", "scoffs", "mused", "muses", "reason", "reasoned", "reasons",
		"hint", "hinted", "hints", "speculate", "speculated", "speculates", "estimate",
		"estimated", "estimates", "tweeted", "recalled", "recalls", "replied", "replies",
		"respond", "responded", "responds", "posted", "testified", "concluded",
		"notes", "concludes",
		"note", "claim", "claims", "state", "states", "promise", "promises", "pledge", "pledges",
		"vow", "vows", "report", "reports", "mention", "mentions", "mentioned",
		"remark", "remarks")
	// Words that attribute a quotation but do not introduce reported
	// speech without one: "asked" and "urged" report requests.
	add(cue{indirect: true, question: true}, "ask", "asked", "asks", "wondered", "wonders")
	add(cue{}, "urge", "urged", "urges", "replied", "replies",
		"respond", "responded", "responds", "continue", "continued", "continues", "recall",
		"recalled", "recalls", "conclude", "concluded", "concludes", "observe", "observed",
		"observes", "remarked", "commented", "comments",
		"tweeted", "posted", "quipped", "shouted",
		"exclaim", "exclaimed", "testify", "testified", "plead", "pleaded")
	add(cue{indirect: true, participle: true}, "saying", "adding")
	add(cue{indirect: true, participle: true, needThat: true, object: true}, "telling", "assuring", "informing", "reminding")
	// Other participles report speech only with "that": "noting that
	// …", but "emphasizing those words".
	add(cue{indirect: true, participle: true, needThat: true}, "noting", "warning",
		"insisting", "stressing", "arguing", "explaining", "claiming", "stating",
		"emphasising", "emphasizing", "acknowledging", "suggesting", "reiterating", "asserting",
		"announcing", "declaring", "predicting", "promising", "vowing", "pledging", "conceding",
		"admitting", "confirming", "denying", "recalling", "writing", "tweeting", "reporting",
		"complaining", "boasting", "cautioning", "maintaining", "contending", "mentioning")
	return m
}()

// nounToo are reporting words that are as often nouns ("the state", "a
// promise", "estimates show"): they are cues only where the tagger reads
// a verb.
var nounToo = map[string]bool{
	"note": true, "notes": true, "claim": true, "claims": true, "state": true, "states": true,
	"promise": true, "promises": true, "pledge": true, "pledges": true, "vow": true, "vows": true,
	"report": true, "reports": true, "remark": true, "remarks": true, "mention": true, "mentions": true,
	"estimate": true, "estimates": true, "reason": true, "reasons": true, "counter": true, "counters": true,
	"comments": true, "joke": true, "jokes": true, "boast": true, "boasts": true, "hint": true, "hints": true,
	"lament": true, "laments": true, "retort": true, "retorts": true, "plead": true, "respond": true,
}

// pronouns that can be a speaker; coref links them to entities.
var pronouns = map[string]bool{
	"he": true, "she": true, "they": true, "it": true, "we": true, "i": true, "you": true,
}

// skipBeforeCue are words that may stand between a subject and its cue:
// auxiliaries and adverbs ("Biden has also said").
var skipBeforeCue = map[string]bool{
	"has": true, "have": true, "had": true, "was": true, "were": true, "is": true, "are": true,
	"also": true, "later": true, "then": true, "again": true, "earlier": true, "previously": true,
	"further": true, "reportedly": true, "repeatedly": true, "once": true, "recently": true,
	"separately": true, "publicly": true, "privately": true, "only": true, "just": true,
	"already": true, "often": true, "subsequently": true, "initially": true,
	"would": true, "will": true, "could": true, "may": true, "might": true, "'d": true,
	"'ve": true, "'s": true, "'ll": true, "not": true, "n't": true, "never": true, "did": true,
	"does": true, "do": true,
}

// timePrepositions go with a time expression skipped before a cue ("Meloni
// on Tuesday said").
var timePrepositions = map[string]bool{
	"on": true, "in": true, "at": true, "during": true, "last": true, "this": true, "late": true,
	"early": true, "by": true,
}

// notInPhrase are words that end a speaker's noun phrase when read
// backwards: clause words, relatives and the like.
var notInPhrase = map[string]bool{
	"that": true, "which": true, "who": true, "whom": true, "whose": true, "when": true,
	"while": true, "after": true, "before": true, "because": true, "as": true, "if": true,
	"but": true, "although": true, "though": true, "since": true, "where": true, "so": true,
	"there": true, "to": true, "not": true, "n't": true, "it": true, "he": true, "she": true,
	"they": true, "we": true, "i": true, "you": true, "what": true, "how": true, "why": true,
	"than": true, "then": true, "also": true,
}

// notClauseStart are words that cannot start a reported clause right after
// a bare cue ("said on Tuesday", "said nothing").
var notClauseStart = map[string]bool{
	"on": true, "in": true, "at": true, "to": true, "for": true, "with": true, "of": true,
	"by": true, "from": true, "about": true, "during": true, "after": true, "before": true,
	"into": true, "through": true, "over": true, "under": true, "against": true, "via": true,
	"late": true, "earlier": true, "later": true, "last": true, "yesterday": true,
	"today": true, "publicly": true, "privately": true, "repeatedly": true, "again": true,
	"also": true, "previously": true, "recently": true, "so": true, "nothing": true,
	"something": true, "anything": true, "goodbye": true, "yes": true, "no": true,
}

// abbreviations are titles written with a dot before a name.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "sen": true, "rep": true, "gov": true,
	"gen": true, "lt": true, "col": true, "sgt": true, "prof": true, "rev": true, "st": true,
	"jr": true, "sr": true, "pres": true, "capt": true, "adm": true, "maj": true, "cmdr": true,
}

// subjectPronouns can open a reported clause after an addressee.
var subjectPronouns = map[string]bool{"he": true, "she": true, "they": true, "we": true, "i": true}

// clauseAdverbs may stand between a bare cue and its clause.
var clauseAdverbs = map[string]bool{
	"repeatedly": true, "again": true, "also": true, "publicly": true, "privately": true,
	"recently": true, "previously": true, "often": true, "later": true, "simply": true,
}

// questionWords open a reported question.
var questionWords = map[string]bool{
	"if": true, "whether": true, "why": true, "how": true, "what": true, "when": true,
	"where": true, "who": true, "about": true,
}

// relatives are subjects that stand for a phrase elsewhere ("who said").
var relatives = map[string]bool{"who": true, "which": true, "that": true}

// determiners open a noun phrase; one cannot be its head.
var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "these": true, "those": true, "its": true,
	"his": true, "her": true, "their": true, "our": true, "my": true, "your": true,
}

// prepositions do not start a speaker's noun phrase.
var prepositions = map[string]bool{
	"in": true, "on": true, "at": true, "to": true, "for": true, "with": true, "of": true,
	"by": true, "from": true, "about": true, "near": true, "into": true, "inside": true,
	"outside": true, "across": true, "during": true, "under": true, "over": true,
}

// conjunctions join clauses or phrases; none is a speaker's last word.
var conjunctions = map[string]bool{"and": true, "or": true, "but": true, "nor": true}

// verbish words show that words after a cue are a clause, not its
// inverted speaker ("said the decision was final").
var verbish = map[string]bool{
	"is": true, "was": true, "are": true, "were": true, "be": true, "been": true, "will": true,
	"would": true, "could": true, "should": true, "can": true, "may": true, "might": true,
	"must": true, "has": true, "have": true, "had": true, "did": true, "does": true, "do": true,
	"'s": true, "'re": true, "'ll": true, "n't": true, "not": true,
}
