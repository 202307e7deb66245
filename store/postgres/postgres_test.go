package postgres

import (
	"context"
	"testing"

	"newsgraph/store"
	"newsgraph/store/postgres/pgtest"
	"newsgraph/store/storetest"
)

func TestContract(t *testing.T) {
	srv := pgtest.Start(t)
	storetest.Run(t, func(t *testing.T) store.Store {
		st, err := Open(context.Background(), srv.Schema(t))
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}
