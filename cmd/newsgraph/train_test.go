package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTrainErrors(t *testing.T) {
	empty := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no model", []string{"train"}, exitUsage, "want one MODEL"},
		{"two models", []string{"train", "tagger", "tagger"}, exitUsage, "want one MODEL"},
		{"unknown model", []string{"train", "bogus"}, exitUsage, `unknown model "bogus"`},
		{"bad flag", []string{"train", "tagger", "--nope"}, exitUsage, "flag provided but not defined"},
		{"missing data", []string{"train", "tagger", "--data", filepath.Join(empty, "absent")}, exitInput, "not found"},
		{"data is a file", []string{"train", "tagger", "--data", seedPath}, exitInput, "not found"},
		{"no treebanks", []string{"train", "tagger", "--data", empty, "--out", filepath.Join(empty, "m.gz")}, exitInput, "train tagger"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.code, errOut)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
			if !strings.Contains(errOut, tc.msg) {
				t.Errorf("stderr %q does not say %q", errOut, tc.msg)
			}
			if lines := strings.Count(strings.TrimSpace(errOut), "\n") + 1; lines != 1 {
				t.Errorf("stderr has %d lines, want 1: %q", lines, errOut)
			}
		})
	}
}

func TestTrainHelp(t *testing.T) {
	code, out, _ := runCLI(t, "", "train", "--help")
	if code != exitOK || !strings.Contains(out, "--data") {
		t.Errorf("exit %d, stdout %q", code, out)
	}
}

// TestTrainFailureKeepsOldModel checks that a failed run leaves the model
// file as it was and no temporary file beside it.
func TestTrainFailureKeepsOldModel(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "tagger.model.gz")
	if err := os.WriteFile(model, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir() // exists, but holds no treebank
	if code, _, errOut := runCLI(t, "", "train", "tagger", "--data", data, "--out", model); code != exitInput {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if b, err := os.ReadFile(model); err != nil || string(b) != "old" {
		t.Errorf("model is now %q (%v)", b, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files left in the model folder, want 1", len(entries))
	}
}

func TestTrainTagger(t *testing.T) {
	data := t.TempDir()
	const sent = "# newdoc id = d\n# text = Dogs bark .\n1\tDogs\tdog\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n2\tbark\tbark\tVERB\tVBP\t_\t0\troot\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n"
	for _, name := range []string{"ud-ewt/en_ewt-ud-train.conllu", "ud-ewt/en_ewt-ud-dev.conllu", "ud-gum/en_gum-ud-train.conllu", "ud-gum/en_gum-ud-dev.conllu"} {
		p := filepath.Join(data, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Repeat(sent, 12)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	model := filepath.Join(t.TempDir(), "tagger.model.gz")
	code, _, errOut := runCLI(t, "", "train", "tagger", "--data", data, "--out", model)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "epoch 1/") || !strings.Contains(errOut, "wrote "+model) {
		t.Errorf("progress not logged: %q", errOut)
	}
	if st, err := os.Stat(model); err != nil || st.Size() == 0 {
		t.Errorf("model not written: %v", err)
	}
}
