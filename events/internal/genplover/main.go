// Command genplover converts the PLOVER project's CAMEO-to-PLOVER crosswalk
// (CAMEO2PLOVER-2021.txt, CC BY-SA 4.0) into the events stage's table
// events/data/cameo2plover.tsv: one CAMEO code a line, with its PLOVER
// event type and mode.
//
// Usage, from the repository root (or go generate ./events/):
//
//	go run ./events/internal/genplover -o events/data/cameo2plover.tsv ../shared/data/events/plover/CAMEO2PLOVER-2021.txt
//
// Input lines look like "0333: AGREE,  , humanitarian # Express intent …"
// (code, type, mode, context, comment) or, for a CAMEO root, "04: CONSULT".
// The first line for a code wins: the crosswalk lists root 08 twice
// (CONCEDE for 081-083, RETREAT for 084-087) and code 175 twice.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
)

var line = regexp.MustCompile(`^([0-9]{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?`)

func main() {
	out := flag.String("o", "", "write the table to this file (default: standard output)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: genplover [-o cameo2plover.tsv] CAMEO2PLOVER-2021.txt")
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *out); err != nil {
		fmt.Fprintln(os.Stderr, "genplover:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	var buf strings.Builder
	if err := convert(f, &buf); err != nil {
		return err
	}
	if out == "" {
		_, err = os.Stdout.WriteString(buf.String())
		return err
	}
	return os.WriteFile(out, []byte(buf.String()), 0o644)
}

func convert(r io.Reader, w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprint(bw, `# CAMEO code -> PLOVER event type and mode.
# Converted from CAMEO2PLOVER-2021.txt of the PLOVER project
# (https://github.com/openeventdata/PLOVER), Open Event Data Alliance,
# licensed CC BY-SA 4.0; this table is shared under the same licence.
# Regenerate: go generate ./events/ (see events/gen.go)
# cameo	type	mode
`)
	seen := map[string]bool{}
	n := 0
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		m := line.FindStringSubmatch(strings.TrimSpace(sc.Text()))
		if m == nil || seen[m[1]] {
			continue
		}
		seen[m[1]] = true
		mode := strings.Join(strings.Fields(m[3]), "")
		fmt.Fprintf(bw, "%s\t%s\t%s\n", m[1], m[2], mode)
		n++
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read crosswalk: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("no CAMEO codes found: not a CAMEO2PLOVER file?")
	}
	return bw.Flush()
}
