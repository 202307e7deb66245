package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"newsgraph/store"
	"newsgraph/store/storetest"
)

func TestContractFile(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		path := filepath.Join(t.TempDir(), "test.db")
		st, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			// Run closed the store; every test must leave it consistent.
			again, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer again.Close()
			if err := again.IntegrityCheck(context.Background()); err != nil {
				t.Error(err)
			}
		})
		return st
	})
}

func TestContractMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		st, err := Open(":memory:")
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}
