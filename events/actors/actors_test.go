package actors

import (
	"strings"
	"testing"
)

const sample = `# test table
benjamin netanyahu	ISRELI	19670101	19960618
benjamin netanyahu	ISRGOV	19960618	19990706
benjamin netanyahu	ISRGOV	20090401	
benjamin netanyahu	ISRELI		
barack obama	USAELI	19780101	20000101
barack obama	USAGOV	20090120	
ann veneman	USAGOV	20010120	20050120
hamas	PSEREBHMS		
`

func TestLookupByDate(t *testing.T) {
	kb, err := Parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, date, want string }{
		{"Benjamin Netanyahu", "1997-05-01", "ISRGOV"},
		{"Benjamin Netanyahu", "2005-05-01", "ISRELI"}, // between terms: the undated code
		{"Benjamin  Netanyahu", "2024-03-20T10:00:00Z", "ISRGOV"},
		{"BENJAMIN NETANYAHU", "", "ISRGOV"}, // no date: the open-ended code
		{"Barack Obama", "", "USAGOV"},       // no date, none undated: the latest
		{"Barack Obama", "1990-01-01", "USAELI"},
		{"Barack Obama", "2005-01-01", "USA"}, // out of every range: the country
		{"Ann Veneman", "2003-06-01", "USAGOV"},
		{"Hamas", "2024-01-01", "PSEREBHMS"},
		{"Nobody", "2024-01-01", ""},
	} {
		got, ok := kb.Lookup(c.name, c.date)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("Lookup(%q, %q) = %q, %v; want %q", c.name, c.date, got, ok, c.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{"name only\n", "x\tISR\t2024\t\n", "x\tIS\t\t\n"} {
		if _, err := Parse(strings.NewReader(in)); err == nil {
			t.Errorf("Parse(%q): no error", in)
		}
	}
}

func TestDefault(t *testing.T) {
	kb, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if kb.Len() < 10000 {
		t.Fatalf("only %d names in the embedded table", kb.Len())
	}
	for _, c := range []struct{ name, date, want string }{
		{"Benjamin Netanyahu", "2024-03-20", "ISRGOV"},
		{"Israel", "2024-03-20", "ISR"},
		{"United Nations", "2024-03-20", "IGOUNO"},
	} {
		if got, _ := kb.Lookup(c.name, c.date); got != c.want {
			t.Errorf("Lookup(%q, %q) = %q, want %q", c.name, c.date, got, c.want)
		}
	}
}

func BenchmarkDefaultParse(b *testing.B) {
	for b.Loop() {
		if _, err := Parse(strings.NewReader(table)); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(sample)
	f.Add("x\tISRGOV\t20240101\t\n")
	f.Fuzz(func(t *testing.T, in string) {
		kb, err := Parse(strings.NewReader(in))
		if err != nil {
			return
		}
		for name := range kb.byName {
			for _, d := range []string{"", "2024-03-20", "bad"} {
				if code, ok := kb.Lookup(name, d); !ok || len(code) < 3 {
					t.Fatalf("Lookup(%q, %q) = %q, %v", name, d, code, ok)
				}
			}
		}
	})
}

func FuzzParsePhoenix(f *testing.F) {
	f.Add("BENJAMIN_NETANYAHU_\n+NETANYAHU\n\t[ISRGOV >090401]\n\t[ISRELI]\n")
	f.Add("<!-- c -->\nARNOR_  [ARN]\n+X [---]\nY [KORGOV 2004017-20061201]\n")
	f.Fuzz(func(t *testing.T, in string) {
		entries, err := ParsePhoenix(strings.NewReader(in))
		if err != nil {
			return
		}
		kb := New(entries)
		for _, e := range entries {
			if code, ok := kb.Lookup(e.Name, "2024-01-01"); !ok || len(code) < 3 {
				t.Fatalf("Lookup(%q) = %q, %v", e.Name, code, ok)
			}
		}
	})
}

func TestParsePhoenix(t *testing.T) {
	in := `<!-- comment -->
ARNOR_  [ARN]
+ARNORIAN
PALESTINIAN [pse]
BENJAMIN_NETANYAHU_
	[ISRGOV 960618-990706]
	[ISRGOV >090401]
BOROMIR  [---]
`
	entries, err := ParsePhoenix(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	kb := New(entries)
	for _, c := range []struct{ name, date, want string }{
		{"Arnor", "1995-01-01", "ARN"}, {"Arnorian", "", "ARN"}, {"Palestinian", "", "PSE"},
		{"Benjamin Netanyahu", "1998-01-01", "ISRGOV"}, {"Boromir", "", ""},
	} {
		if got, _ := kb.Lookup(c.name, c.date); got != c.want {
			t.Errorf("Lookup(%q, %q) = %q, want %q", c.name, c.date, got, c.want)
		}
	}
}
