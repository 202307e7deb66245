// Package wordfeat holds the small word helpers that the tagger, the name
// recogniser and the parser share: rune-wise affixes and the reading of
// their gzipped, tab-separated word-cluster tables.
package wordfeat

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"unicode/utf8"
)

// Suffix returns the last n runes of s (all of s when shorter).
func Suffix(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// Prefix returns the first n runes of s (all of s when shorter).
func Prefix(s string, n int) string {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// EachLine calls fn with each line of the gzipped text gz and its number,
// counting from 1, and stops at the first error fn returns, which it
// returns as is. Errors of decompressing or reading are returned as
// "<what>: <error>".
func EachLine(gz []byte, what string, fn func(line int, text string) error) error {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	sc := bufio.NewScanner(zr)
	for line := 1; sc.Scan(); line++ {
		if err := fn(line, sc.Text()); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}
