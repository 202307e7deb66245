// Package models holds the trained model files that newsgraph ships, built
// by `newsgraph train MODEL --data ../shared/data/nlp` and committed here,
// so that nothing is downloaded at run time. Each file is embedded into the
// binary; Open returns its bytes for the package that decodes it.
package models

import (
	"embed"
	"fmt"
	"io/fs"
)

// files are the committed model files, under data/ (whose README keeps
// the folder, and so the embed pattern, valid before any model exists).
//
//go:embed data
var files embed.FS

// Open returns the bytes of the named model file ("tagger.model.gz"), or
// an error wrapping fs.ErrNotExist when this build ships no such model.
func Open(name string) ([]byte, error) {
	b, err := fs.ReadFile(files, "data/"+name)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", name, err)
	}
	return b, nil
}

// Names lists the model files shipped in this build.
func Names() []string {
	matches, _ := fs.Glob(files, "data/*.model.gz")
	for i, m := range matches {
		matches[i] = m[len("data/"):]
	}
	return matches
}
