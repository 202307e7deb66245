// Package document is the data model at the centre of newsgraph: the
// newsgraph/v1 contract (../shared/CONTRACT.md, doc/schema.md) plus the
// working annotations that stages hand to each other while a document moves
// through the pipeline. Every stage reads a *Document and enriches it.
package document

// Schema is the contract version written into every document.
const Schema = "newsgraph/v1"

// Document is one article and everything read from it.
//
// Offsets everywhere are byte offsets into Text, half-open [start, end).
// Fields tagged json:"-" are working annotations shared between stages; they
// are not part of the contract output.
type Document struct {
	Schema    string   `json:"schema"`
	ID        string   `json:"id"`
	URL       string   `json:"url"`
	Site      string   `json:"site"`
	Title     string   `json:"title"`
	Published string   `json:"published"` // ISO 8601 date or date-time; "" when unknown
	Authors   []string `json:"authors"`
	Language  string   `json:"language"`
	Text      string   `json:"text"`

	Sentences []Sentence `json:"sentences"`
	Entities  []Entity   `json:"entities"`
	Places    []Place    `json:"places"`
	Times     []Time     `json:"times"`
	Quotes    []Quote    `json:"quotes"`
	Events    []Event    `json:"events"`

	// Fingerprint is a 64-bit SimHash of the text (hex), written by the
	// cluster stage so that copies of one story can be found across outlets.
	Fingerprint string `json:"fingerprint,omitempty"`

	// Tokens are the text's tokens in order, written by the nlp stage.
	Tokens []Token `json:"-"`
	// Names are the name mentions found by the nlp stage, before they are
	// grouped into entities; coref sets Entity on each.
	Names []Name `json:"-"`
	// Furniture lists the input lines that extraction dropped as page
	// furniture, kept so that callers can explain what was removed.
	Furniture []string `json:"-"`
}

// Span is a mention of something in the text.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Sentence is one sentence of Text. TokenStart and TokenEnd index
// Document.Tokens, half-open.
type Sentence struct {
	Start      int `json:"start"`
	End        int `json:"end"`
	TokenStart int `json:"-"`
	TokenEnd   int `json:"-"`
}

// Entity types of the contract.
const (
	TypePerson = "PERSON"
	TypeOrg    = "ORG"
	TypeGPE    = "GPE"
	TypeLoc    = "LOC"
	TypeNORP   = "NORP"
	TypeFac    = "FAC"
	TypeEvent  = "EVENT"
	TypeMisc   = "MISC"
)

// Entity is one person, organisation or place, with all its mentions
// (names, titles and pronouns that corefer).
type Entity struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Country  string   `json:"country,omitempty"` // ISO 3166-1 alpha-3
	Actor    string   `json:"actor,omitempty"`   // CAMEO/Phoenix actor code
	Titles   []string `json:"titles"`
	Mentions []Span   `json:"mentions"`
}

// Place is a resolved location with its mentions.
type Place struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Country    string  `json:"country,omitempty"`
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	GeonamesID int     `json:"geonames_id,omitempty"`
	Feature    string  `json:"feature,omitempty"` // GeoNames feature code: PCLI, PPLC, PPL, ADM1, RGN …
	Entity     string  `json:"entity,omitempty"`  // the entity this place is, when there is one
	Mentions   []Span  `json:"mentions"`
}

// Time types of TIMEX3.
const (
	TimeDate     = "DATE"
	TimeTime     = "TIME"
	TimeDuration = "DURATION"
	TimeSet      = "SET"
)

// Time is a time expression resolved against the publication date.
type Time struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Value string `json:"value"` // TIMEX3 value: 2024-03-19, 2024-W13, PRESENT_REF, P3D …
}

// Quote kinds.
const (
	QuoteDirect   = "direct"
	QuoteIndirect = "indirect"
	QuoteMixed    = "mixed"
)

// Quote is something said, with who said it.
type Quote struct {
	ID          string  `json:"id"`
	Kind        string  `json:"kind"`
	Text        string  `json:"text"`
	Start       int     `json:"start"`
	End         int     `json:"end"`
	Cue         string  `json:"cue"`
	CueStart    int     `json:"cue_start,omitempty"`
	CueEnd      int     `json:"cue_end,omitempty"`
	Speaker     *string `json:"speaker"` // entity id, or null when unknown
	SpeakerText string  `json:"speaker_text"`
	// SpeakerStart and SpeakerEnd are where the speaker's words are (the
	// reporting clause's subject, or a mention in it); both 0 when no
	// speaker is named.
	SpeakerStart int `json:"speaker_start,omitempty"`
	SpeakerEnd   int `json:"speaker_end,omitempty"`
	// Addressee is who the words were said to, where the reporting
	// clause names them ("told lawmakers in the Senate"); nil otherwise.
	Addressee *Addressee `json:"addressee,omitempty"`
	Sentence  int        `json:"sentence"`
}

// Addressee is who a quote was said to: the words and, when they mention
// one, the entity.
type Addressee struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
	Entity string `json:"entity,omitempty"`
}

// Actor is one side of an event.
type Actor struct {
	Text    string `json:"text"`
	Entity  string `json:"entity,omitempty"`
	Country string `json:"country,omitempty"`
	Code    string `json:"code,omitempty"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// Event is who did what to whom, coded in PLOVER and CAMEO.
type Event struct {
	ID           string  `json:"id"`
	Type         string  `json:"type"` // PLOVER event type
	Mode         string  `json:"mode"` // PLOVER mode, "" when none
	CAMEO        string  `json:"cameo"`
	Quad         int     `json:"quad"` // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
	Source       []Actor `json:"source"`
	Target       []Actor `json:"target"`
	Place        *string `json:"place"` // place id or null
	Time         *string `json:"time"`  // time id or null
	Negated      bool    `json:"negated"`
	Hypothetical bool    `json:"hypothetical"`
	Future       bool    `json:"future"`
	Sentence     int     `json:"sentence"`
	Trigger      Span    `json:"trigger"`
	Confidence   float64 `json:"confidence"`
}

// Token is one token of Text. The nlp stage fills Start, End, Text and
// Sentence; a tagger and parser, where one ran, fill the rest.
type Token struct {
	Start    int
	End      int
	Text     string
	Sentence int
	POS      string // Universal POS tag, "" when untagged
	Tag      string // Penn Treebank tag, "" when untagged
	Lemma    string
	Head     int // index into Document.Tokens, -1 for the root or when unparsed
	Dep      string
}

// Name is a name mention found in the text, before coreference.
type Name struct {
	Start    int
	End      int
	Text     string
	Type     string // entity type
	Sentence int
	Entity   string // entity id, once coref has grouped it
}

// New returns an empty document with the schema set and every list
// non-nil, so that it encodes with [] rather than null.
func New() *Document {
	d := &Document{Schema: Schema}
	d.Normalize()
	return d
}

// Normalize replaces nil lists with empty ones so that the JSON encoding
// always has every contract field.
func (d *Document) Normalize() {
	d.Schema = Schema
	if d.Authors == nil {
		d.Authors = []string{}
	}
	if d.Sentences == nil {
		d.Sentences = []Sentence{}
	}
	if d.Entities == nil {
		d.Entities = []Entity{}
	}
	for i := range d.Entities {
		if d.Entities[i].Titles == nil {
			d.Entities[i].Titles = []string{}
		}
		if d.Entities[i].Mentions == nil {
			d.Entities[i].Mentions = []Span{}
		}
	}
	if d.Places == nil {
		d.Places = []Place{}
	}
	for i := range d.Places {
		if d.Places[i].Mentions == nil {
			d.Places[i].Mentions = []Span{}
		}
	}
	if d.Times == nil {
		d.Times = []Time{}
	}
	if d.Quotes == nil {
		d.Quotes = []Quote{}
	}
	if d.Events == nil {
		d.Events = []Event{}
	}
	for i := range d.Events {
		if d.Events[i].Source == nil {
			d.Events[i].Source = []Actor{}
		}
		if d.Events[i].Target == nil {
			d.Events[i].Target = []Actor{}
		}
	}
}

// EntityByID returns the entity with the given id, or nil.
func (d *Document) EntityByID(id string) *Entity {
	for i := range d.Entities {
		if d.Entities[i].ID == id {
			return &d.Entities[i]
		}
	}
	return nil
}

// SentenceAt returns the index of the sentence that holds offset, or -1.
func (d *Document) SentenceAt(offset int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		mid := (lo + hi) / 2
		s := d.Sentences[mid]
		switch {
		case offset < s.Start:
			hi = mid
		case offset >= s.End:
			lo = mid + 1
		default:
			return mid
		}
	}
	return -1
}

// English reports whether the English rules and models apply to the
// document: its language is English or was not detected. Stages whose word
// lists are English-only leave other languages alone rather than read
// their capitalised nouns as names.
func (d *Document) English() bool {
	return d.Language == "" || d.Language == "en"
}
