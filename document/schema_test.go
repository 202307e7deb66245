package document

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

type schemaNode struct {
	Ref        string                `json:"$ref"`
	Required   []string              `json:"required"`
	Properties map[string]schemaNode `json:"properties"`
	Items      *schemaNode           `json:"items"`
	Defs       map[string]schemaNode `json:"$defs"`
}

func loadSchema(t *testing.T) schemaNode {
	t.Helper()
	var root schemaNode
	if err := json.Unmarshal(SchemaJSON, &root); err != nil {
		t.Fatalf("parse schema.json: %v", err)
	}
	return root
}

// jsonFields returns the JSON names of a struct's encoded fields and which
// of them are always written (no omitempty).
func jsonFields(t reflect.Type) (names []string, always []string) {
	for i := range t.NumField() {
		tag := t.Field(i).Tag.Get("json")
		if tag == "-" || !t.Field(i).IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = t.Field(i).Name
		}
		names = append(names, name)
		if !strings.Contains(opts, "omitempty") {
			always = append(always, name)
		}
	}
	slices.Sort(names)
	slices.Sort(always)
	return names, always
}

// TestSchemaMatchesTypes checks that schema.json and the Go types describe
// the same fields, and that the schema requires exactly the fields the
// encoder always writes.
func TestSchemaMatchesTypes(t *testing.T) {
	root := loadSchema(t)
	cases := []struct {
		name string
		node schemaNode
		typ  reflect.Type
	}{
		{"document", root, reflect.TypeFor[Document]()},
		{"span", root.Defs["span"], reflect.TypeFor[Span]()},
		{"sentence", root.Defs["sentence"], reflect.TypeFor[Sentence]()},
		{"entity", root.Defs["entity"], reflect.TypeFor[Entity]()},
		{"place", root.Defs["place"], reflect.TypeFor[Place]()},
		{"time", root.Defs["time"], reflect.TypeFor[Time]()},
		{"quote", root.Defs["quote"], reflect.TypeFor[Quote]()},
		{"actor", root.Defs["actor"], reflect.TypeFor[Actor]()},
		{"event", root.Defs["event"], reflect.TypeFor[Event]()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			names, always := jsonFields(c.typ)
			var props []string
			for p := range c.node.Properties {
				props = append(props, p)
			}
			slices.Sort(props)
			if !slices.Equal(names, props) {
				t.Errorf("fields differ:\n Go:     %v\n schema: %v", names, props)
			}
			req := slices.Clone(c.node.Required)
			slices.Sort(req)
			if !slices.Equal(always, req) {
				t.Errorf("required differ:\n Go (no omitempty): %v\n schema:            %v", always, req)
			}
		})
	}
}

func validate(t *testing.T, d *Document) error {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return ValidateJSON(b)
}

func TestSchemaValidatesDocuments(t *testing.T) {
	speaker, place := "E1", "P1"
	full := New()
	full.ID, full.Text = StableID("", "Meloni spoke in Rome."), "Meloni spoke in Rome."
	full.Sentences = []Sentence{{Start: 0, End: 21}}
	full.Entities = []Entity{{ID: "E1", Name: "Giorgia Meloni", Type: TypePerson, Country: "ITA", Mentions: []Span{{0, 6, "Meloni"}}}}
	full.Places = []Place{{ID: "P1", Name: "Rome", Country: "ITA", Lat: 41.89, Lon: 12.48, Mentions: []Span{{16, 20, "Rome"}}}}
	full.Quotes = []Quote{{ID: "Q1", Kind: QuoteIndirect, Text: "x", Cue: "spoke", Speaker: &speaker}}
	full.Events = []Event{{ID: "V1", Type: "CONSULT", CAMEO: "040", Quad: 1, Place: &place, Trigger: Span{7, 12, "spoke"}, Confidence: 0.5}}
	full.Fingerprint = "00ff00ff00ff00ff"
	full.Normalize()

	badCountry := New()
	badCountry.ID = "x"
	badCountry.Entities = []Entity{{ID: "E1", Name: "X", Type: TypePerson, Country: "Italy"}}
	badCountry.Normalize()

	badType := New()
	badType.ID = "x"
	badType.Entities = []Entity{{ID: "E1", Name: "X", Type: "CELEBRITY"}}
	badType.Normalize()

	noID := New()

	tests := []struct {
		name  string
		doc   *Document
		valid bool
	}{
		{"empty but normalised", func() *Document { d := New(); d.ID = "x"; return d }(), true},
		{"full", full, true},
		{"country not alpha-3", badCountry, false},
		{"unknown entity type", badType, false},
		{"no id", noID, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := validate(t, tt.doc)
			if (err == nil) != tt.valid {
				t.Errorf("valid = %v, want %v (%v)", err == nil, tt.valid, err)
			}
		})
	}
}

func TestNewEncodesEmptyLists(t *testing.T) {
	b, err := json.Marshal(New())
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{`"authors":[]`, `"entities":[]`, `"events":[]`, `"schema":"newsgraph/v1"`} {
		if !bytes.Contains(b, []byte(field)) {
			t.Errorf("encoding lacks %s: %s", field, b)
		}
	}
}

func TestStableID(t *testing.T) {
	if StableID("", "A  b\nC") != StableID("", "a b c") {
		t.Error("text ids differ for the same normalised text")
	}
	if StableID("https://x.test/a", "one") != StableID("https://x.test/a", "two") {
		t.Error("url ids depend on the text")
	}
	if StableID("https://x.test/a", "") == StableID("https://x.test/b", "") {
		t.Error("different urls give one id")
	}
}

func TestSentenceAt(t *testing.T) {
	d := &Document{Sentences: []Sentence{{Start: 0, End: 10}, {Start: 12, End: 20}}}
	for _, tt := range []struct{ off, want int }{{0, 0}, {9, 0}, {10, -1}, {12, 1}, {19, 1}, {20, -1}, {-1, -1}} {
		if got := d.SentenceAt(tt.off); got != tt.want {
			t.Errorf("SentenceAt(%d) = %d, want %d", tt.off, got, tt.want)
		}
	}
}
