package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"newsgraph/export"
	"newsgraph/store"
	"newsgraph/store/postgres"
)

const exportSynopsis = "newsgraph export articles|events|quotes|entities [--format jsonl|csv|plover|gdelt] [--store PATH|postgres://…] [--out FILE] [--site S] [--language L] [--country ISO3] [--from DATE] [--to DATE]"

// runExport streams one kind of record out of the store. With --out the
// output goes to a temporary file renamed into place at the end, so a
// failed export never leaves a half-written file.
func runExport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	format := fs.String("format", "jsonl", "output format: jsonl or csv; events also plover (PLOVER JSON lines) or gdelt (GDELT 2.0 event rows, tab-separated)")
	storeFlag := fs.String("store", "", "the store: a file, or a postgres:// URL (default $NEWSGRAPH_STORE, else "+defaultStorePath+")")
	out := fs.String("out", "", "write to FILE instead of standard output")
	var f store.Filter
	fs.StringVar(&f.Site, "site", "", "only articles of this site")
	fs.StringVar(&f.Language, "language", "", "only articles in this language (ISO 639-1)")
	fs.StringVar(&f.Country, "country", "", "only articles naming a place or entity of this country (ISO 3166-1 alpha-3)")
	fs.StringVar(&f.From, "from", "", "only articles published on or after DATE (YYYY-MM-DD)")
	fs.StringVar(&f.To, "to", "", "only articles published on or before DATE (YYYY-MM-DD)")
	pos, err := parseInterspersed(fs, exportSynopsis, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("export: want one of articles, events, quotes, entities (usage: %s)", exportSynopsis)
	}
	kind := pos[0]
	if !contains(export.Kinds, kind) {
		return usagef("export: unknown kind %q: want articles, events, quotes or entities", kind)
	}
	if formats := export.FormatsOf(kind); !contains(formats, *format) {
		return usagef("export %s: --format %q: want %s", kind, *format, strings.Join(formats, ", "))
	}
	for _, d := range []struct{ name, v string }{{"from", f.From}, {"to", f.To}} {
		if d.v != "" {
			if err := checkDate(d.v); err != nil {
				return usagef("export: --%s %q: %v", d.name, d.v, err)
			}
		}
	}
	path := storePath(*storeFlag)
	if !postgres.IsDSN(path) {
		if _, err := os.Stat(path); err != nil {
			return fmt.Errorf("export: store %s: %w", path, unwrapPathError(err))
		}
	}
	st, _, err := openStore(path)
	if err != nil {
		return err
	}
	defer st.Close()

	w := stdout
	var tmp *os.File
	if *out != "" {
		tmp, err = os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".*")
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		w = tmp
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	n, err := export.Write(context.Background(), st, kind, *format, f, bw)
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", kind, err)
	}
	if tmp != nil {
		if err := tmp.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := os.Rename(tmp.Name(), *out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		fmt.Fprintf(stderr, "export: %d %s → %s\n", n, kind, *out)
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}
