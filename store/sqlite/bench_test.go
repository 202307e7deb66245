package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"newsgraph/cluster"
	"newsgraph/document"
	"newsgraph/store"
	"newsgraph/store/storetest"
)

// BenchmarkPut measures storing one analysed article (one transaction
// with its derived rows and the story assignment) into a file store.
func BenchmarkPut(b *testing.B) {
	st, err := Open(filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	i := 0
	for b.Loop() {
		d := storetest.Article(i, fmt.Sprintf("s%d.example", i%20), fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28))
		d.URL = fmt.Sprintf("https://x.example/%d", i)
		d.Text += fmt.Sprintf(" Item %d.", i)
		d.ID = document.StableID(d.URL, d.Text)
		d.Fingerprint = fmt.Sprintf("%016x", cluster.SimHash(d.Text)^uint64(i)*0x9e3779b97f4a7c15)
		if _, err := st.Put(ctx, d, store.PutOptions{}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
