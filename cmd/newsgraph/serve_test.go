package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestServeBadUsage(t *testing.T) {
	dir := t.TempDir()
	shortTokens := writeFile(t, "tokens", []byte("tiny-secret\n"))
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"serve", "--demo", "--store", filepath.Join(dir, "x.db")}, exitUsage, "not both"},
		{[]string{"serve", "--addr", "nonsense"}, exitUsage, "--addr"},
		{[]string{"serve", "extra"}, exitUsage, "unexpected argument"},
		{[]string{"serve", "--bogus"}, exitUsage, "bogus"},
		{[]string{"serve", "--store", filepath.Join(dir, "missing.db")}, exitInput, "missing.db"},
		{[]string{"serve", "--demo", "--rate", "-1"}, exitUsage, "--rate"},
		{[]string{"serve", "--demo", "--burst", "-5"}, exitUsage, "--burst"},
		{[]string{"serve", "--demo", "--rate", "fast"}, exitUsage, "rate"},
		{[]string{"serve", "--demo", "--token-file", filepath.Join(dir, "no-tokens")}, exitInput, "token file"},
		{[]string{"serve", "--demo", "--token-file", shortTokens}, exitInput, "line 1: API token shorter than 16"},
		{[]string{"serve", "--demo", "--backup-dir", filepath.Join(dir, "nowhere")}, exitUsage, "--backup-dir"},
	} {
		code, _, stderr := runCLI(t, "", tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", tc.args, code, stderr, tc.code, tc.want)
		}
		if strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
			t.Errorf("%v: more than one line on stderr: %q", tc.args, stderr)
		}
	}
}

// TestServeTokens: tokens come from --token-file and $NEWSGRAPH_TOKEN;
// errors never quote a token.
func TestServeTokens(t *testing.T) {
	file := writeFile(t, "tokens", []byte("# ops\nfile-token-0123456789abcdef\n"))
	for _, tc := range []struct {
		name, file, env string
		want            int
		err             string
	}{
		{"none", "", "", 0, ""},
		{"env", "", " env-token-0123456789abcdef\n", 1, ""},
		{"file", file, "", 1, ""},
		{"both", file, "env-token-0123456789abcdef", 2, ""},
		{"short env", "", "tiny-secret", 0, "NEWSGRAPH_TOKEN: API token shorter than 16"},
	} {
		got, err := serveTokens(tc.file, tc.env)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) || strings.Contains(err.Error(), "tiny-secret") {
				t.Errorf("%s: err %v, want %q without the token", tc.name, err, tc.err)
			}
			continue
		}
		if err != nil || len(got) != tc.want {
			t.Errorf("%s: %d tokens, %v; want %d", tc.name, len(got), err, tc.want)
		}
	}
	t.Setenv("NEWSGRAPH_TOKEN", "tiny-secret")
	code, _, stderr := runCLI(t, "", "serve", "--demo")
	if code != exitInput || strings.Contains(stderr, "tiny-secret") {
		t.Errorf("short $NEWSGRAPH_TOKEN: exit %d, stderr %q", code, stderr)
	}
}
