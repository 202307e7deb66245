package models

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
)

func TestOpenMissing(t *testing.T) {
	if _, err := Open("no-such.model.gz"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("err = %v, want fs.ErrNotExist", err)
	}
}

func TestNamesAreOpenable(t *testing.T) {
	for _, n := range Names() {
		if !strings.HasSuffix(n, ".model.gz") {
			t.Errorf("name %q", n)
		}
		if b, err := Open(n); err != nil || len(b) == 0 {
			t.Errorf("Open(%q) = %d bytes, %v", n, len(b), err)
		}
	}
}
