// Package extract reads raw news input (an HTML page or scraped plain text)
// into a newsgraph document: the clean article body with its title, authors,
// publication date, URL, site and language.
//
// Read is the single entry point. It detects the format and the character
// set itself, so callers hand it the bytes exactly as fetched or stored.
// HTML pages go through go-trafilatura, with readeck's go-readability as a
// second opinion on the body; plain text goes through a line-based
// reader that finds the title and drops page furniture (share buttons,
// advertisement markers, newsletter prompts and the like) by general rules.
package extract

import (
	"errors"
	"fmt"
	"strings"

	"newsgraph/document"
)

// MaxInputSize is the largest input Read accepts, in bytes (50 MB). Larger
// inputs are refused with ErrTooLarge rather than risking the memory and
// time that parsing them would take.
const MaxInputSize = 50 << 20

// Options tell Read what the caller knows about the input.
type Options struct {
	// URL is the page's URL, when known.
	URL string
	// Published is a publication date given by the caller (ISO 8601). It
	// overrides whatever the page says.
	Published string
	// Plain marks the input as the article body exactly as given: no
	// format detection, no title or furniture detection. Offsets into the
	// document text are then offsets into the input itself (after UTF-8
	// decoding); when the input is valid UTF-8 the text is byte-identical
	// to it. (UTF-16 without a byte order mark, whose ASCII characters
	// alternate with zero bytes, is valid UTF-8 byte by byte; it is
	// recognised and decoded as UTF-16.)
	Plain bool
}

// Errors returned by Read. They are sentinels: test with errors.Is, since
// Read may wrap them with detail.
var (
	ErrEmpty       = errors.New("empty input")
	ErrBinary      = errors.New("not an HTML or text document")
	ErrTooLarge    = fmt.Errorf("input larger than %d MB", MaxInputSize>>20)
	ErrNoArticle   = errors.New("no article text found")
	ErrInvalidText = errors.New("text is not valid UTF-8 and not in a recognisable character set")
)

// Read turns one input (an HTML page or plain text, in any common character
// set) into a document with Title, Text, URL, Site, Authors, Published,
// Language, ID and Furniture set. The returned error, when not nil, wraps
// one of the Err* sentinels and no document is returned.
func Read(input []byte, opts Options) (*document.Document, error) {
	if len(input) > MaxInputSize {
		return nil, ErrTooLarge
	}
	in, err := prepare(input)
	if err != nil {
		return nil, err
	}
	var doc *document.Document
	switch {
	case opts.Plain:
		doc, err = readPlain(input, in, opts)
	case in.isHTML():
		doc, err = readHTML(in, opts)
	default:
		doc, err = readText(in, opts)
	}
	if err != nil {
		return nil, err
	}
	finish(doc, opts)
	return doc, nil
}

// finish fills the fields that every reader sets the same way.
func finish(doc *document.Document, opts Options) {
	if p := strings.TrimSpace(opts.Published); p != "" {
		doc.Published = p
	}
	if doc.Site == "" {
		doc.Site = siteOf(doc.URL)
	}
	if doc.Language == "" {
		doc.Language = detectLanguage(doc.Text)
	}
	doc.ID = document.StableID(doc.URL, doc.Text)
	doc.Normalize()
}
