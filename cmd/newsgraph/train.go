package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"

	"newsgraph/nlp/ner"
	"newsgraph/nlp/parser"
	"newsgraph/nlp/sentences"
	"newsgraph/nlp/tagger"
)

const trainSynopsis = "newsgraph train MODEL [--data DIR] [--out PATH]"

// trainers are the models `newsgraph train` can build, by name. Each reads
// its treebanks under dataDir, writes the model to out and its progress to
// log, and gives the same bytes for the same data.
var trainers = map[string]func(ctx context.Context, dataDir string, out io.Writer, log io.Writer) error{
	"tagger":    tagger.Train,
	"parser":    parser.Train,
	"ner":       ner.Train,
	"sentences": sentences.Train,
}

// defaultTrainData is where the treebanks are when --data is not given:
// ../shared beside the project, as in CI. The nlp eval suite reads the same
// treebanks, so it shares this default.
const defaultTrainData = "../shared/data/nlp"

// trainerNames lists the trainers, sorted, for messages.
func trainerNames() string {
	names := make([]string, 0, len(trainers))
	for n := range trainers {
		names = append(names, n)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

func runTrain(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	data := fs.String("data", defaultTrainData, "folder of the training treebanks")
	out := fs.String("out", "", "model file to write (default models/data/MODEL.model.gz)")
	names, err := parseInterspersed(fs, trainSynopsis, args, stdout)
	if err != nil {
		return err
	}
	if len(names) != 1 {
		return usagef("train: want one MODEL (one of %s)", trainerNames())
	}
	name := names[0]
	trainFn, ok := trainers[name]
	if !ok {
		return usagef("train: unknown model %q (one of %s)", name, trainerNames())
	}
	if st, err := os.Stat(*data); err != nil || !st.IsDir() {
		return fmt.Errorf("train %s: data folder %s not found", name, *data)
	}
	path := *out
	if path == "" {
		path = filepath.Join("models", "data", name+".model.gz")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := writeAtomically(path, func(w io.Writer) error { return trainFn(ctx, *data, w, stderr) }); err != nil {
		return fmt.Errorf("train %s: %w", name, err)
	}
	fmt.Fprintf(stderr, "train %s: wrote %s\n", name, path)
	return nil
}

// writeAtomically writes path through a temporary file in the same
// folder, renamed over it only when write succeeds, so that a failed or
// interrupted run leaves the old file as it was.
func writeAtomically(path string, write func(io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := write(f); err != nil {
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", f.Name(), err)
	}
	return os.Rename(f.Name(), path)
}
