// Package eval measures newsgraph against benchmarks. Every suite is run by
// `newsgraph eval SUITE --data DIR` and returns one Report: figures for
// people as a table, and for scripts as JSON.
package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
)

// Report is what a suite measured.
type Report struct {
	Suite     string                        `json:"suite"`
	Data      string                        `json:"data"`
	Metrics   map[string]float64            `json:"metrics"`
	Baselines map[string]map[string]float64 `json:"baselines"`
	// Checks are pass/fail items, for suites that have them (seed).
	Checks []Check `json:"checks,omitempty"`
	// Notes are lines for people: what was skipped, where per-item
	// results were written.
	Notes []string `json:"notes,omitempty"`
}

// Check is one pass/fail item of a suite.
type Check struct {
	Section string `json:"section"`
	Item    string `json:"item"`
	Pass    bool   `json:"pass"`
	Detail  string `json:"detail,omitempty"`
}

// Options are what a suite may take besides its data folder.
type Options struct {
	// Out is a folder where a suite writes per-item results; "" for none.
	Out string
	// Split names the data split where a suite has several.
	Split string
	// Limit caps the number of items read; 0 for all.
	Limit int
}

// Suite runs one benchmark over the data in dir.
type Suite func(ctx context.Context, dir string, opts Options) (*Report, error)

var suites = map[string]Suite{}

// Register adds a suite under name. It is called from init functions.
func Register(name string, s Suite) { suites[name] = s }

// Lookup returns the suite called name.
func Lookup(name string) (Suite, bool) {
	s, ok := suites[name]
	return s, ok
}

// Names returns the registered suite names, sorted.
func Names() []string {
	names := make([]string, 0, len(suites))
	for n := range suites {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// WriteJSON writes r as one JSON object.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteTable writes r for people: checks, then each metric with the
// baselines beside it.
func (r *Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "suite %s  data %s\n", r.Suite, r.Data)
	if len(r.Checks) > 0 {
		fmt.Fprintln(tw, "\nsection\titem\tresult\tdetail")
		for _, c := range r.Checks {
			res := "FAIL"
			if c.Pass {
				res = "pass"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.Section, c.Item, res, c.Detail)
		}
	}
	names := make([]string, 0, len(r.Metrics))
	for n := range r.Metrics {
		names = append(names, n)
	}
	sort.Strings(names)
	base := make([]string, 0, len(r.Baselines))
	for b := range r.Baselines {
		base = append(base, b)
	}
	sort.Strings(base)
	fmt.Fprintf(tw, "\nmetric\tnewsgraph\t%s\n", strings.Join(base, "\t"))
	for _, n := range names {
		fmt.Fprintf(tw, "%s\t%s", n, format(r.Metrics[n]))
		for _, b := range base {
			if v, ok := r.Baselines[b][n]; ok {
				fmt.Fprintf(tw, "\t%s", format(v))
			} else {
				fmt.Fprint(tw, "\t-")
			}
		}
		fmt.Fprintln(tw)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(tw, "\nnote: %s", n)
	}
	if len(r.Notes) > 0 {
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

func format(v float64) string {
	if v == float64(int64(v)) {
		return fmt.Sprintf("%d", int64(v))
	}
	return fmt.Sprintf("%.4f", v)
}
