package eval

import (
	"context"
	"testing"
)

// TestSeedRequiredChecksPass runs the whole pipeline on the seed article
// (testdata copy) and requires every required and forbidden item of its
// gold reading to pass; optional items are only reported.
func TestSeedRequiredChecksPass(t *testing.T) {
	rep, err := runSeed(context.Background(), "../testdata/seed", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Checks) < 40 {
		t.Fatalf("only %d checks: the gold file was not read whole", len(rep.Checks))
	}
	for _, c := range rep.Checks {
		if c.Pass {
			continue
		}
		if c.Section == "events_optional" {
			t.Logf("optional item missed: %s", c.Item)
			continue
		}
		t.Errorf("%s: %s (%s)", c.Section, c.Item, c.Detail)
	}
}

func TestSeedMissingData(t *testing.T) {
	if _, err := runSeed(context.Background(), t.TempDir(), Options{}); err == nil {
		t.Error("runSeed on an empty folder succeeded")
	}
}
