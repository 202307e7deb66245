// Command synth writes a synthetic corpus of news pages made from the demo
// corpus (originals, syndicated copies, truncated updates, paraphrases;
// see demo.Synthesize), for the ingest benchmark:
//
//	go run ./demo/synth --out /tmp/ng-synth --n 10000
//	/usr/bin/time -v newsgraph ingest --store /tmp/ng-synth.db /tmp/ng-synth
package main

import (
	"flag"
	"fmt"
	"os"

	"newsgraph/demo"
)

func main() {
	out := flag.String("out", "", "folder to write the pages into (required)")
	n := flag.Int("n", 10000, "number of pages")
	seed := flag.Uint64("seed", 1, "random seed for the edits")
	flag.Parse()
	if *out == "" || *n <= 0 {
		fmt.Fprintln(os.Stderr, "synth: want --out DIR and --n > 0")
		os.Exit(2)
	}
	vs, err := demo.Synthesize(*out, *n, *seed)
	if err != nil {
		fmt.Fprintf(os.Stderr, "synth: %v\n", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "synth: %d pages in %s\n", len(vs), *out)
}
