package cluster

import (
	"context"
	"os"
	"strings"
	"testing"

	"newsgraph/document"
)

func seedText(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("../testdata/seed/rafah-talks.txt")
	if err != nil {
		t.Fatalf("read seed: %v", err)
	}
	return string(b)
}

func TestSimHashNearAndFar(t *testing.T) {
	text := seedText(t)
	// A syndicated copy: other typography, a changed sentence, a footer.
	copyText := strings.NewReplacer("’", "'", "“", `"`, "”", `"`).Replace(text)
	copyText = strings.Replace(copyText, "Details are still being worked out", "Details were still being worked out", 1)
	copyText += "\n\nReporting by a wire service."
	other := "The central bank raised interest rates by half a point on Thursday, " +
		"citing inflation that has stayed above its target for two years, and signalled more to come."

	tests := []struct {
		name     string
		a, b     string
		wantNear bool
	}{
		{"identical", text, text, true},
		{"syndicated copy", text, copyText, true},
		{"unrelated story", text, other, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Distance(SimHash(tt.a), SimHash(tt.b))
			if near := d <= NearDistance; near != tt.wantNear {
				t.Errorf("distance %d: near = %v, want %v", d, near, tt.wantNear)
			}
		})
	}
}

func TestSimHashEdgeCases(t *testing.T) {
	for _, s := range []string{"", "   ", "one", "two words", "!!! ???"} {
		_ = SimHash(s) // must not panic
	}
	if SimHash("") != 0 {
		t.Errorf("SimHash(\"\") = %x, want 0", SimHash(""))
	}
}

func TestStageWritesParsableFingerprint(t *testing.T) {
	doc := document.New()
	doc.Text = seedText(t)
	if err := New().Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	fp, err := ParseFingerprint(doc.Fingerprint)
	if err != nil {
		t.Fatal(err)
	}
	if fp != SimHash(doc.Text) {
		t.Errorf("fingerprint %s does not round-trip", doc.Fingerprint)
	}
	if _, err := ParseFingerprint("zz"); err == nil {
		t.Error("ParseFingerprint accepted a non-hex string")
	}
}

func BenchmarkSimHash(b *testing.B) {
	text := seedText(b)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		SimHash(text)
	}
}
