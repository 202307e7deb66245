package events

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"newsgraph/document"
)

// exportDoc is a coded document as the pipeline leaves it: one event with
// a source, a target, a place and a time.
func exportDoc() *document.Document {
	doc := document.New()
	doc.ID, doc.URL, doc.Title, doc.Published = "d1", "https://example.com/a", "Talks", "2024-03-20"
	doc.Text = "Biden urged Netanyahu to allow aid in Rafah on Tuesday."
	doc.Sentences = []document.Sentence{{Start: 0, End: len(doc.Text)}}
	doc.Entities = []document.Entity{
		{ID: "E1", Name: "Joe Biden", Type: document.TypePerson, Country: "USA", Actor: "USAGOV"},
		{ID: "E2", Name: "Benjamin Netanyahu", Type: document.TypePerson, Country: "ISR", Actor: "ISRGOV"},
	}
	doc.Places = []document.Place{{ID: "P1", Name: "Rafah", Country: "PSE", Lat: 31.297, Lon: 34.245, GeonamesID: 281102, Feature: "PPL"}}
	doc.Times = []document.Time{{ID: "T1", Text: "Tuesday", Type: document.TimeDate, Value: "2024-03-19"}}
	place, tm := "P1", "T1"
	doc.Events = []document.Event{{
		ID: "V1", Type: "REQUEST", Mode: "", CAMEO: "1041", Quad: 3,
		Source: []document.Actor{{Text: "Biden", Entity: "E1", Country: "USA", Code: "USAGOV", Start: 0, End: 5}},
		Target: []document.Actor{{Text: "Netanyahu", Entity: "E2", Country: "ISR", Code: "ISRGOV", Start: 12, End: 21}},
		Place:  &place, Time: &tm, Sentence: 0,
		Trigger: document.Span{Start: 6, End: 11, Text: "urged"}, Confidence: 0.8,
	}}
	return doc
}

func TestWritePLOVER(t *testing.T) {
	var buf bytes.Buffer
	if err := WritePLOVER(&buf, exportDoc()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("got %d lines, want 1:\n%s", len(lines), buf.String())
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
		t.Fatalf("line is not JSON: %v", err)
	}
	want := map[string]any{
		"id": "d1-V1", "date": "2024-03-19", "event_type": "REQUEST", "cameo": "1041",
		"quad_class": 3.0, "trigger": "urged", "publication_date": "2024-03-20", "time": "2024-03-19",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	actor := got["actor"].([]any)[0].(map[string]any)
	if actor["country"] != "USA" || actor["sector_code"] != "GOV" || actor["entity_name"] != "Joe Biden" {
		t.Errorf("actor = %v", actor)
	}
	if loc := got["location"].(map[string]any); loc["name"] != "Rafah" {
		t.Errorf("location = %v", loc)
	}
}

func TestWriteGDELT(t *testing.T) {
	doc := exportDoc()
	// A second target gives a second row.
	doc.Events[0].Target = append(doc.Events[0].Target, document.Actor{Text: "Hamas", Country: "PSE", Code: "PSEREB"})
	var buf bytes.Buffer
	if err := WriteGDELT(&buf, doc); err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(rows) != 2 {
		t.Fatalf("got %d rows, want 2", len(rows))
	}
	col := map[string]int{}
	for i, c := range GDELTColumns {
		col[c] = i
	}
	if len(GDELTColumns) != 61 {
		t.Fatalf("%d columns, want GDELT 2.0's 61", len(GDELTColumns))
	}
	f := strings.Split(rows[0], "\t")
	if len(f) != 61 {
		t.Fatalf("row has %d fields, want 61", len(f))
	}
	want := map[string]string{
		"SQLDATE": "20240319", "MonthYear": "202403", "Year": "2024", "Actor1Code": "USAGOV",
		"Actor1Name": "JOE BIDEN", "Actor1CountryCode": "USA", "Actor1Type1Code": "GOV",
		"Actor2Code": "ISRGOV", "IsRootEvent": "1", "EventCode": "1041", "EventBaseCode": "104",
		"EventRootCode": "10", "QuadClass": "3", "ActionGeo_Type": "4", "ActionGeo_FullName": "Rafah",
		"ActionGeo_FeatureID": "281102", "SOURCEURL": "https://example.com/a", "DATEADDED": "20240319000000",
	}
	for k, v := range want {
		if f[col[k]] != v {
			t.Errorf("%s = %q, want %q", k, f[col[k]], v)
		}
	}
	g := strings.Split(rows[1], "\t")
	if g[col["Actor2Code"]] != "PSEREB" || g[col["GLOBALEVENTID"]] == f[col["GLOBALEVENTID"]] {
		t.Errorf("second row: Actor2Code %q, ids %s %s", g[col["Actor2Code"]], g[0], f[0])
	}
}

func TestExportNoEvents(t *testing.T) {
	doc := document.New()
	for name, write := range map[string]func(*bytes.Buffer, *document.Document) error{
		"plover": func(b *bytes.Buffer, d *document.Document) error { return WritePLOVER(b, d) },
		"gdelt":  func(b *bytes.Buffer, d *document.Document) error { return WriteGDELT(b, d) },
	} {
		var buf bytes.Buffer
		if err := write(&buf, doc); err != nil || buf.Len() != 0 {
			t.Errorf("%s: %q, %v; want nothing", name, buf.String(), err)
		}
		if err := write(&buf, nil); err == nil {
			t.Errorf("%s: nil document gave no error", name)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestExportWriteError(t *testing.T) {
	if err := WritePLOVER(failWriter{}, exportDoc()); err == nil {
		t.Error("WritePLOVER: no error from a failing writer")
	}
	if err := WriteGDELT(failWriter{}, exportDoc()); err == nil {
		t.Error("WriteGDELT: no error from a failing writer")
	}
}
