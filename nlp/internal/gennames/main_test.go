package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestReadNames(t *testing.T) {
	path := filepath.Join(t.TempDir(), "names.txt")
	if err := os.WriteFile(path, []byte("Anna\n\nmary\nJean Paul\nJ.\nZoe\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := readNames(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Anna", "Zoe"}; !slices.Equal(got, want) {
		t.Errorf("readNames = %q, want %q", got, want)
	}
	if _, err := readNames(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("readNames of a missing file succeeded")
	}
}
