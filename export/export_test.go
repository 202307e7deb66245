package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"newsgraph/store"
	"newsgraph/store/sqlite"
	"newsgraph/store/storetest"
)

func TestWrite(t *testing.T) {
	st, err := sqlite.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	for i := range 3 {
		if _, err := st.Put(ctx, storetest.Article(i, "a.example", "2024-03-0"+string(rune('1'+i))), store.PutOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	for _, kind := range Kinds {
		for _, format := range FormatsOf(kind) {
			var b bytes.Buffer
			n, err := Write(ctx, st, kind, format, store.Filter{}, &b)
			if err != nil {
				t.Fatalf("%s %s: %v", kind, format, err)
			}
			if n == 0 {
				t.Errorf("%s %s: no rows", kind, format)
			}
			if format == "csv" {
				recs, err := csv.NewReader(&b).ReadAll()
				if err != nil || len(recs) != n+1 {
					t.Errorf("%s csv: %d records for %d rows (%v)", kind, len(recs), n, err)
				}
				continue
			}
			lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
			if len(lines) != n {
				t.Errorf("%s %s: %d lines for %d rows", kind, format, len(lines), n)
			}
			if format == "gdelt" {
				for _, l := range lines {
					if cols := strings.Split(l, "\t"); len(cols) != 61 || cols[26] == "" || cols[60] == "" && cols[1] == "" {
						t.Errorf("gdelt row: %d columns, event code %q: %.80s", len(cols), cols[26], l)
					}
				}
				continue
			}
			for _, l := range lines {
				if format == "plover" {
					var e struct {
						EventType  string `json:"event_type"`
						DocumentID string `json:"document_id"`
					}
					if err := json.Unmarshal([]byte(l), &e); err != nil || e.EventType == "" || e.DocumentID == "" {
						t.Errorf("plover line %.80s: %v", l, err)
					}
				}
				if !json.Valid([]byte(l)) {
					t.Errorf("%s jsonl: bad line %.80s", kind, l)
				}
			}
		}
	}
	var b bytes.Buffer
	n, err := Write(ctx, st, "articles", "csv", store.Filter{Site: "none.example"}, &b)
	if err != nil || n != 0 || strings.Count(b.String(), "\n") != 1 {
		t.Errorf("empty csv export: %d rows, %q, %v", n, b.String(), err)
	}
	for _, bad := range [][2]string{{"people", "csv"}, {"events", "xml"}, {"quotes", "plover"}, {"articles", "gdelt"}} {
		if _, err := Write(ctx, st, bad[0], bad[1], store.Filter{}, &b); err == nil {
			t.Errorf("Write(%s, %s): no error", bad[0], bad[1])
		}
	}
}
