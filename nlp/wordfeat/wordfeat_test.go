package wordfeat

import (
	"bytes"
	"compress/gzip"
	"errors"
	"testing"
)

func TestAffixes(t *testing.T) {
	for _, tc := range []struct {
		in       string
		n        int
		pre, suf string
	}{
		{"", 2, "", ""},
		{"a", 2, "a", "a"},
		{"walking", 3, "wal", "ing"},
		{"naïve", 3, "naï", "ïve"},
		{"abc", 0, "", ""},
		{"\xffab", 1, "\xff", "b"},
	} {
		if got := Prefix(tc.in, tc.n); got != tc.pre {
			t.Errorf("Prefix(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.pre)
		}
		if got := Suffix(tc.in, tc.n); got != tc.suf {
			t.Errorf("Suffix(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.suf)
		}
	}
}

func TestEachLine(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte("a\tb\n\nc\n"))
	zw.Close()
	var got []string
	err := EachLine(buf.Bytes(), "x", func(line int, s string) error {
		got = append(got, s)
		if line != len(got) {
			t.Errorf("line %d, want %d", line, len(got))
		}
		return nil
	})
	if err != nil || len(got) != 3 || got[0] != "a\tb" || got[1] != "" || got[2] != "c" {
		t.Fatalf("EachLine = %q, %v", got, err)
	}
	stop := errors.New("stop")
	if err := EachLine(buf.Bytes(), "x", func(int, string) error { return stop }); err != stop {
		t.Errorf("error = %v, want stop", err)
	}
	if err := EachLine([]byte("not gzip"), "x", func(int, string) error { return nil }); err == nil {
		t.Error("no error for bad gzip")
	}
}
