package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestServeBadUsage(t *testing.T) {
	dir := t.TempDir()
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
