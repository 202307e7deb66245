package server

import (
	"net/url"
	"strings"
	"testing"
)

func TestParseParams(t *testing.T) {
	for _, tc := range []struct {
		query   string
		wantErr string
		check   func(p params) bool
	}{
		{"", "", func(p params) bool { return p.Limit == defaultLimit && p.Offset == 0 }},
		{"q=gaza+talks&limit=5&offset=100000", "", func(p params) bool { return p.Q == "gaza talks" && p.Limit == 5 && p.Offset == 100000 }},
		{"country=isr&language=EN&event_type=protest", "", func(p params) bool {
			return p.Country == "ISR" && p.Language == "en" && p.EventType == "PROTEST"
		}},
		{"from=2024-02&to=2024-02", "", func(p params) bool { return p.From == "2024-02-01" && p.To == "2024-02-29" }},
		{"from=2023&to=2024", "", func(p params) bool { return p.From == "2023-01-01" && p.To == "2024-12-31" }},
		{"limit=0", "limit", nil},
		{"limit=1001", "limit", nil},
		{"limit=abc", "limit", nil},
		{"offset=-1", "offset", nil},
		{"offset=99999999999999999999", "offset", nil},
		{"country=Israel", "country", nil},
		{"country=I%3CR", "country", nil},
		{"from=2024-13-01", "from", nil},
		{"from=2024-03-02&to=2024-03-01", "after", nil},
		{"q=a&q=b", "given 2 times", nil},
		{"bogus=1", "unknown parameter", nil},
		{"q=" + strings.Repeat("x", 1001), "longer", nil},
		{"q=%ff%fe", "UTF-8", nil},
		{"q=a%00b", "NUL", nil},
		{"sort=random", "sort", nil},
		{"role=victim", "role", nil},
	} {
		v, err := url.ParseQuery(tc.query)
		if err != nil {
			t.Fatalf("%s: %v", tc.query, err)
		}
		p, err := parseParams(v)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%.40s: err = %v, want one saying %q", tc.query, err, tc.wantErr)
			}
			if status, _ := statusOf(err); err != nil && status != 400 {
				t.Errorf("%.40s: status %d, want 400", tc.query, status)
			}
			continue
		}
		if err != nil {
			t.Errorf("%.40s: %v", tc.query, err)
			continue
		}
		if !tc.check(p) {
			t.Errorf("%.40s: got %+v", tc.query, p)
		}
	}
}

// FuzzParseParams feeds arbitrary query strings to the decoder: it must
// never panic, and whatever it accepts must be within the documented
// bounds; whatever it rejects must be a 400.
func FuzzParseParams(f *testing.F) {
	for _, s := range []string{"", "q=gaza&limit=10", "from=2024-01&to=2024", "offset=5&country=usa",
		"q=%22unclosed", "limit=-1", "q=a&q=b", "event_type=PROTEST&sort=date&role=source", "%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		p, err := parseParams(v)
		if err != nil {
			if status, _ := statusOf(err); status != 400 {
				t.Fatalf("%q: status %d", raw, status)
			}
			return
		}
		if p.Limit < 1 || p.Limit > maxLimit || p.Offset < 0 || len(p.Q) > maxQueryLen {
			t.Fatalf("%q: out of bounds %+v", raw, p)
		}
		if p.From != "" && p.To != "" && p.From > p.To {
			t.Fatalf("%q: from after to", raw)
		}
	})
}
