package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"newsgraph/document"
	"newsgraph/extract"
	"newsgraph/pipeline"
)

const extractSynopsis = "newsgraph extract [--format json|text] [--published DATE] [--url URL] [--plain] PATH|-"

func runExtract(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	format := fs.String("format", "json", "output format: json (the newsgraph/v1 document) or text (a summary for people)")
	published := fs.String("published", "", "publication date, ISO 8601 (2024-03-20 or 2024-03-20T09:30:00Z); overrides the page's own")
	url := fs.String("url", "", "the article's URL, when the input does not say it")
	plain := fs.Bool("plain", false, "take the input as the article body exactly as given: no title or furniture detection, offsets point into the input")
	paths, err := parseInterspersed(fs, extractSynopsis, args, stdout)
	if err != nil {
		return err
	}
	if len(paths) != 1 {
		return usagef("extract: want one PATH or - for standard input, got %d (usage: %s)", len(paths), extractSynopsis)
	}
	if *format != "json" && *format != "text" {
		return usagef("extract: --format %q: want json or text", *format)
	}
	if *published != "" {
		if err := checkDate(*published); err != nil {
			return usagef("extract: --published %q: %v", *published, err)
		}
	}
	path := paths[0]
	input, err := readInput(path, stdin)
	if err != nil {
		return err
	}
	doc, err := extract.Read(input, extract.Options{URL: *url, Published: *published, Plain: *plain})
	if err != nil {
		return fmt.Errorf("%s: %w", displayName(path), err)
	}
	if err := pipeline.Default().Process(context.Background(), doc); err != nil {
		return fmt.Errorf("%s: %w", displayName(path), err)
	}
	if *format == "text" {
		return writeSummary(stdout, doc)
	}
	return writeJSON(stdout, doc)
}

// checkDate accepts the ISO 8601 forms that --published takes.
func checkDate(s string) error {
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if _, err := time.Parse(layout, s); err == nil {
			return nil
		}
	}
	return fmt.Errorf("not an ISO 8601 date (want YYYY-MM-DD or a full date-time)")
}

func displayName(path string) string {
	if path == "-" {
		return "stdin"
	}
	return path
}

// readInput reads a file or standard input, refusing anything over
// extract.MaxInputSize without reading all of it.
func readInput(path string, stdin io.Reader) ([]byte, error) {
	var r io.Reader
	if path == "-" {
		r = stdin
	} else {
		st, err := os.Stat(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
		}
		if st.IsDir() {
			return nil, fmt.Errorf("%s: is a directory, not an article file", path)
		}
		if st.Size() > extract.MaxInputSize {
			return nil, fmt.Errorf("%s: %w", path, extract.ErrTooLarge)
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, extract.MaxInputSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: read: %w", displayName(path), err)
	}
	if len(b) > extract.MaxInputSize {
		return nil, fmt.Errorf("%s: %w", displayName(path), extract.ErrTooLarge)
	}
	return b, nil
}

// unwrapPathError drops the *os.PathError wrapper, whose message repeats
// the path we already print.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

func writeJSON(w io.Writer, doc *document.Document) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
