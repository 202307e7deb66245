package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestWatchRounds(t *testing.T) {
	feed := writeFile(t, "feed.rss", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Flood warning in Porto</title><link>https://example.org/flood</link><pubDate>Mon, 18 Mar 2024 10:00:00 GMT</pubDate>
<description>Authorities in Porto issued a flood warning on Monday after heavy rain. Residents near the river were told to move to higher ground, the mayor said.</description></item>
</channel></rss>`))
	db := filepath.Join(t.TempDir(), "w.db")
	code, out, errOut := runCLI(t, "", "watch", "--store", db, "--interval", "1s", "--rounds", "2", feed)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "round 1: ingest: 1 stored (1 new") || !strings.Contains(out, "round 2: ingest: 0 stored (0 new, 0 updated), 1 already stored") {
		t.Errorf("output:\n%s", out)
	}
	for _, args := range [][]string{
		{"watch", "--store", db},
		{"watch", "--store", db, "--interval", "10ms", feed},
		{"watch", "--store", db, "--rounds", "-1", feed},
	} {
		if code, _, _ := runCLI(t, "", args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	code, _, errOut = runCLI(t, "", "watch", "--store", db, "--rounds", "1", filepath.Join(t.TempDir(), "missing.rss"))
	if code != exitInput || !strings.Contains(errOut, "missing.rss") {
		t.Errorf("missing feed: exit %d, stderr %q", code, errOut)
	}
}
