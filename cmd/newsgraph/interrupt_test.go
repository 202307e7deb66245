package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"newsgraph/store/sqlite"
)

// TestIngestInterrupted runs the built binary's ingest over a folder,
// interrupts it mid-way with SIGINT, then kills another run with SIGKILL,
// then runs it to the end: every page must be stored exactly once and the
// store must pass its integrity checks.
func TestIngestInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests a folder three times")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "newsgraph")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	const pages = 60
	dir := synthFolder(t, pages)
	db := filepath.Join(tmp, "s.db")

	stored := func() int {
		st, err := sqlite.Open(db)
		if err != nil {
			return 0
		}
		defer st.Close()
		s, err := st.Stats(context.Background())
		if err != nil {
			return 0
		}
		return s.Articles
	}
	// interrupt starts an ingest and sends sig once at least `after`
	// articles are stored; it returns the exit code and stderr.
	interrupt := func(sig syscall.Signal, after int) (int, string) {
		cmd := exec.Command(bin, "ingest", "--store", db, "--workers", "2", dir)
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(2 * time.Minute)
		for stored() < after && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		return code, errb.String()
	}

	code, errOut := interrupt(syscall.SIGINT, 5)
	n1 := stored()
	if n1 >= pages {
		t.Logf("SIGINT came too late to interrupt (all %d stored)", n1)
	} else if code != exitInput || !strings.Contains(errOut, "interrupted") {
		t.Errorf("after SIGINT: exit %d, stderr %q; want exit 1 saying interrupted", code, errOut)
	}
	code, _ = interrupt(syscall.SIGKILL, n1+5)
	n2 := stored()
	t.Logf("stored after SIGINT %d, after SIGKILL %d (exit %d)", n1, n2, code)

	cmd := exec.Command(bin, "ingest", "--store", db, dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("final run: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "already stored") {
		t.Errorf("final run summary: %s", out)
	}
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.IntegrityCheck(context.Background()); err != nil {
		t.Fatal(err)
	}
	var articles, sources, ids int
	if err := st.DB().QueryRow("SELECT count(*), count(DISTINCT source_url), count(DISTINCT id) FROM articles").Scan(&articles, &sources, &ids); err != nil {
		t.Fatal(err)
	}
	if articles != pages || sources != pages || ids != pages {
		t.Errorf("%d articles, %d distinct sources, %d distinct ids; want %d each", articles, sources, ids, pages)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		ok, err := st.Seen(context.Background(), "file://"+filepath.Join(dir, e.Name()))
		if err != nil || !ok {
			t.Errorf("%s not stored (%v)", e.Name(), err)
		}
	}
}
