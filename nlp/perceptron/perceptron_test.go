package perceptron

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// train learns "is the number even" from two features; the averaged model
// must get it right and survive a save and load unchanged.
func train(t *testing.T) *Model {
	t.Helper()
	tr := NewTrainer([]string{"odd", "even"})
	scores := make([]float32, 2)
	for epoch := 0; epoch < 5; epoch++ {
		for n := 0; n < 100; n++ {
			feats := []Feature{Hash("bias"), Hash(fmt.Sprint("last=", n%10))}
			truth := 0
			if n%2 == 0 {
				truth = 1
			}
			guess := tr.Predict(feats, scores)
			tr.Update(feats, truth, guess)
			tr.Tick()
		}
	}
	return tr.Average(0)
}

func TestLearnsAndPredicts(t *testing.T) {
	m := train(t)
	scores := make([]float32, 2)
	for n := 0; n < 20; n++ {
		got := m.Classes[m.Predict([]Feature{Hash("bias"), Hash(fmt.Sprint("last=", n%10))}, scores)]
		want := "odd"
		if n%2 == 0 {
			want = "even"
		}
		if got != want {
			t.Errorf("%d: got %s, want %s", n, got, want)
		}
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	m := train(t)
	var a, b bytes.Buffer
	if err := m.Save(&a); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := m2.Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("save → load → save changed the bytes")
	}
	if m2.NumFeatures() != m.NumFeatures() || fmt.Sprint(m2.Classes) != fmt.Sprint(m.Classes) {
		t.Error("loaded model differs")
	}
}

func TestDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := train(t).Save(&a); err != nil {
		t.Fatal(err)
	}
	if err := train(t).Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two trainings on the same data gave different models")
	}
}

func TestPrune(t *testing.T) {
	tr := NewTrainer([]string{"a", "b"})
	tr.Update([]Feature{1}, 0, 1)
	tr.Tick()
	for range 999 {
		tr.Tick()
	}
	tr.Update([]Feature{2}, 0, 1) // stood for no steps: averages to zero
	if m := tr.Average(0.01); m.NumFeatures() != 1 {
		t.Errorf("%d features after pruning, want 1", m.NumFeatures())
	}
}

func TestLoadRejectsGarbage(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("not gzip"), gz(t, []byte("NGPERC00")), gz(t, []byte("NGPERC01\x00\x00\x00\x00")),
		gz(t, []byte("NGPERC01\x01\x01\x00\x00"+strings.Repeat("\x01\x00c", 257)+"\x00\x00\x00\x00\x00\x00\x00\x00")), // 257 classes, no features: more classes than a row can name
	} {
		if _, err := Load(bytes.NewReader(in)); !errors.Is(err, ErrFormat) {
			t.Errorf("Load(%q) err = %v, want ErrFormat", in, err)
		}
	}
}

func gz(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func BenchmarkPredict(b *testing.B) {
	tr := NewTrainer([]string{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q"})
	feats := make([]Feature, 30)
	for i := range feats {
		feats[i] = Hash(fmt.Sprint("f", i))
		tr.Update(feats[i:i+1], i%17, (i+1)%17)
	}
	m := tr.Average(0)
	scores := make([]float32, 17)
	for b.Loop() {
		m.Predict(feats, scores)
	}
}

func TestHashAdd(t *testing.T) {
	// FNV-1a test vectors, and HashAdd continuing a hash as Hash of the
	// joined string.
	if got := Hash(""); got != 14695981039346656037 {
		t.Errorf("Hash(\"\") = %d", got)
	}
	if got := Hash("a"); got != 0xaf63dc4c8601ec8c {
		t.Errorf("Hash(\"a\") = %#x", uint64(got))
	}
	for _, p := range [][2]string{{"w=", "obama"}, {"", "x"}, {"p1=NNP|", "w=said"}} {
		if got, want := HashAdd(HashAdd(HashOffset, p[0]), p[1]), uint64(Hash(p[0]+p[1])); got != want {
			t.Errorf("HashAdd(%q, %q) = %d, want %d", p[0], p[1], got, want)
		}
	}
}

// TestLayouts checks both weight layouts (inline for few classes, rows for
// many) against plain sums, through growth and a save and load.
func TestLayouts(t *testing.T) {
	for _, nc := range []int{2, 3, 6, 7, 17, 78, MaxClasses} {
		classes := make([]string, nc)
		for c := range classes {
			classes[c] = fmt.Sprint("c", c)
		}
		want := map[Feature][]float32{}
		m := newModel(classes, 1) // grows as features come
		for i := range 3000 {
			f := Hash(fmt.Sprint("f", i))
			w := make([]float32, nc)
			for c := range w {
				w[c] = float32((i*7+c*13)%17) - 8
			}
			want[f] = w
			if err := m.insert(f, w); err != nil {
				t.Fatal(err)
			}
		}
		if err := m.insert(Hash("f7"), make([]float32, nc)); err == nil {
			t.Errorf("%d classes: a feature inserted twice gave no error", nc)
		}
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			t.Fatal(err)
		}
		loaded, err := Load(&buf)
		if err != nil {
			t.Fatal(err)
		}
		for _, mm := range []*Model{m, loaded} {
			if mm.NumFeatures() != len(want) {
				t.Fatalf("%d classes: %d features, want %d", nc, mm.NumFeatures(), len(want))
			}
			feats := []Feature{Hash("f1"), Hash("missing"), Hash("f2999"), Hash("f1")}
			got := make([]float32, nc)
			mm.Scores(feats, got)
			for c := range got {
				sum := 2*want[Hash("f1")][c] + want[Hash("f2999")][c]
				if got[c] != sum {
					t.Fatalf("%d classes (inline %v): class %d score %v, want %v", nc, mm.inline, c, got[c], sum)
				}
			}
		}
	}
}
