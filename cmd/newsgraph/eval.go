package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"newsgraph/eval"
)

const evalSynopsis = "newsgraph eval SUITE [--data DIR] [--json] [--out DIR] [--split NAME] [--limit N]"

// defaultData is where each suite finds its data when --data is not given:
// ../shared beside the project, as in CI.
var defaultData = map[string]string{
	"seed":       "../shared/seed",
	"extraction": "../shared/data/extraction",
	"dates":      "../shared/data/extraction",
	"nlp":        defaultTrainData,
	"stories":    ".", // built from the embedded demo corpus; no data folder is read
}

func runEval(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	data := fs.String("data", "", "the suite's data folder (default: its folder under ../shared)")
	asJSON := fs.Bool("json", false, "print one JSON object instead of a table")
	out := fs.String("out", "", "folder for the report (SUITE.json) and per-item results (created if missing)")
	split := fs.String("split", "", "data split, for suites that have several")
	limit := fs.Int("limit", 0, "read at most N items (0: all)")
	names, err := parseInterspersed(fs, evalSynopsis, args, stdout)
	if err != nil {
		return err
	}
	if len(names) != 1 {
		return usagef("eval: want one SUITE (one of %s)", strings.Join(eval.Names(), ", "))
	}
	suite, ok := eval.Lookup(names[0])
	if !ok {
		return usagef("eval: unknown suite %q (one of %s)", names[0], strings.Join(eval.Names(), ", "))
	}
	dir := *data
	if dir == "" {
		dir = defaultData[names[0]]
		if dir == "" {
			return usagef("eval %s: --data DIR is required", names[0])
		}
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("eval %s: data folder %s not found", names[0], dir)
	}
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return fmt.Errorf("eval %s: %w", names[0], err)
		}
	}
	if *limit < 0 {
		return usagef("eval: --limit %d: want 0 or more", *limit)
	}
	rep, err := suite(context.Background(), dir, eval.Options{Out: *out, Split: *split, Limit: *limit})
	if err != nil {
		return fmt.Errorf("eval %s: %w", names[0], err)
	}
	if rep.Metrics == nil {
		rep.Metrics = map[string]float64{}
	}
	if rep.Baselines == nil {
		rep.Baselines = map[string]map[string]float64{}
	}
	if *out != "" {
		if err := writeReport(filepath.Join(*out, names[0]+".json"), rep); err != nil {
			return fmt.Errorf("eval %s: %w", names[0], err)
		}
	}
	if *asJSON {
		return rep.WriteJSON(stdout)
	}
	return rep.WriteTable(stdout)
}

// writeReport saves the report as JSON beside the per-item results, so a
// run's figures and its details stay together.
func writeReport(path string, rep *eval.Report) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := rep.WriteJSON(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}
