package geo

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"newsgraph/document"
)

// name is a name mention for a test document: its text, which occurrence
// of it (0 for the first) and its type.
type name struct {
	text string
	nth  int
	typ  string
}

// doc builds a document whose names are found in text.
func doc(t testing.TB, text string, names ...name) *document.Document {
	t.Helper()
	d := document.New()
	d.Text = text
	for _, n := range names {
		from := 0
		for k := 0; ; k++ {
			i := strings.Index(text[from:], n.text)
			if i < 0 {
				t.Fatalf("%q not in text", n.text)
			}
			if k == n.nth {
				from += i
				break
			}
			from += i + len(n.text)
		}
		d.Names = append(d.Names, document.Name{Start: from, End: from + len(n.text), Text: n.text, Type: n.typ})
	}
	return d
}

// want is an expected place: a mention text, the place's country and
// feature code.
type want struct{ mention, country, feature string }

func TestResolve(t *testing.T) {
	gpe, loc, org, per, norp, misc := document.TypeGPE, document.TypeLoc, document.TypeOrg, document.TypePerson, document.TypeNORP, document.TypeMisc
	tests := []struct {
		name  string
		site  string // the article's site, for its country-code domain
		text  string
		names []name
		want  []want
	}{
		{
			name:  "capital over state",
			text:  "Officials will meet in Washington next week.",
			names: []name{{"Washington", 0, gpe}},
			want:  []want{{"Washington", "USA", "PPLC"}},
		},
		{
			name:  "containment picks the Texas town",
			text:  "The fair in Paris, Texas, drew crowds.",
			names: []name{{"Paris", 0, gpe}, {"Texas", 0, gpe}},
			want:  []want{{"Paris", "USA", "PPLA2"}, {"Texas", "USA", "ADM1"}},
		},
		{
			name:  "Paris alone is the capital",
			text:  "The summit in Paris ended.",
			names: []name{{"Paris", 0, gpe}},
			want:  []want{{"Paris", "FRA", "PPLC"}},
		},
		{
			name:  "Gaza is the territory, Rafah in it",
			text:  "Strikes hit Rafah, Gaza, overnight.",
			names: []name{{"Rafah", 0, gpe}, {"Gaza", 0, gpe}},
			want:  []want{{"Rafah", "PSE", "PPL"}, {"Gaza", "PSE", "TERR"}},
		},
		{
			name:  "Georgia the country by default",
			text:  "Protests spread across Georgia.",
			names: []name{{"Georgia", 0, gpe}},
			want:  []want{{"Georgia", "GEO", "PCLI"}},
		},
		{
			name:  "Georgia the state in Atlanta, Georgia",
			text:  "Voters in Atlanta, Georgia, queued.",
			names: []name{{"Atlanta", 0, gpe}, {"Georgia", 0, gpe}},
			want:  []want{{"Atlanta", "USA", "PPLA"}, {"Georgia", "USA", "ADM1"}},
		},
		{
			name:  "context country wins",
			text:  "Lebanon, Tennessee, and Nashville in Tennessee.",
			names: []name{{"Lebanon", 0, gpe}, {"Tennessee", 0, gpe}, {"Nashville", 0, gpe}, {"Tennessee", 1, gpe}},
			want:  []want{{"Lebanon", "USA", "PPLA2"}, {"Tennessee", "USA", "ADM1"}, {"Nashville", "USA", "PPLA"}},
		},
		{
			name:  "person, demonym and organisation skipped",
			text:  "Jordan said Israeli forces and Hamas met in Jordan.",
			names: []name{{"Jordan", 0, per}, {"Israeli", 0, norp}, {"Hamas", 0, org}, {"Jordan", 1, gpe}},
			want:  []want{{"Jordan", "JOR", "PCLI"}},
		},
		{
			name:  "mistyped place kept, possessive dropped",
			text:  "Israel's cabinet met; the UK's envoy left.",
			names: []name{{"Israel's", 0, org}, {"UK's", 0, misc}},
			want:  []want{{"Israel", "ISR", "PCLI"}, {"UK", "GBR", "PCLI"}},
		},
		{
			name:  "region typed LOC",
			text:  "Tension in the Middle East and the Red Sea.",
			names: []name{{"Middle East", 0, loc}, {"Red Sea", 0, loc}},
			want:  []want{{"Middle East", "", "RGN"}, {"Red Sea", "", "SEA"}},
		},
		{
			name:  "not a place",
			text:  "White House spokesperson Karine Jean-Pierre spoke of the Palestinian territory.",
			names: []name{{"White House", 0, org}, {"Karine Jean-Pierre", 0, per}, {"Palestinian", 0, norp}},
		},
		{
			name:  "alternate name only for GPE",
			text:  "Munich and Hamas.",
			names: []name{{"Munich", 0, gpe}, {"Hamas", 0, misc}},
			want:  []want{{"Munich", "DEU", "PPLA"}},
		},
		{
			name:  "lower case is not a name",
			text:  "Tell us.",
			names: []name{{"us", 0, gpe}},
		},
		{
			name:  "a division after a comma that the name finder missed",
			text:  "Police in Surrey, B.C., said the road was closed.",
			names: []name{{"Surrey", 0, gpe}},
			want:  []want{{"Surrey", "CAN", "PPL"}, {"B.C.", "CAN", "ADM1"}},
		},
		{
			name:  "a list of states",
			text:  "Cases were reported in Arizona, Georgia and Illinois.",
			names: []name{{"Arizona", 0, gpe}, {"Georgia", 0, gpe}, {"Illinois", 0, gpe}},
			want:  []want{{"Arizona", "USA", "ADM1"}, {"Georgia", "USA", "ADM1"}, {"Illinois", "USA", "ADM1"}},
		},
		{
			name:  "Washington state",
			text:  "A cow from a Washington state farm tested positive.",
			names: []name{{"Washington", 0, gpe}},
			want:  []want{{"Washington", "USA", "ADM1"}},
		},
		{
			name:  "a place inside an organisation's name",
			text:  "The California Department of Public Health and Taco Bell Canada said so.",
			names: []name{{"California Department of Public Health", 0, org}, {"Taco Bell Canada", 0, org}},
			want:  []want{{"California", "USA", "ADM1"}, {"Canada", "CAN", "PCLI"}},
		},
		{
			name:  "division abbreviation after a town",
			text:  "Flooding closed roads near Morgantown, W.Va., on Monday.",
			names: []name{{"Morgantown", 0, gpe}, {"W.Va.", 0, gpe}},
			want:  []want{{"Morgantown", "USA", "PPLA2"}, {"W.Va.", "USA", "ADM1"}},
		},
		{
			name:  "county in its state",
			text:  "Deputies in Laurel County said the London man, from Kentucky, was held.",
			names: []name{{"Laurel County", 0, gpe}, {"London", 0, gpe}, {"Kentucky", 0, gpe}},
			want:  []want{{"Laurel County", "USA", "ADM2"}, {"London", "USA", "PPLA2"}, {"Kentucky", "USA", "ADM1"}},
		},
		{
			name:  "the site's country decides",
			site:  "www.example.ca",
			text:  "Police in London said the road was closed.",
			names: []name{{"London", 0, gpe}},
			want:  []want{{"London", "CAN", "PPL"}},
		},
		{
			name:  "without a site the capital",
			text:  "Police in London said the road was closed.",
			names: []name{{"London", 0, gpe}},
			want:  []want{{"London", "GBR", "PPLC"}},
		},
		{
			name:  "an all-capital dateline is a town",
			text:  "EDMONTON — Snow fell across Alberta.",
			names: []name{{"EDMONTON", 0, gpe}, {"Alberta", 0, gpe}},
			want:  []want{{"EDMONTON", "CAN", "PPLA"}, {"Alberta", "CAN", "ADM1"}},
		},
		{
			name:  "an all-capital acronym is not",
			text:  "The meeting with EDMONTON officials ended.",
			names: []name{{"EDMONTON", 0, org}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := doc(t, tt.text, tt.names...)
			d.Site = tt.site
			if err := New(nil).Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			var got []want
			for _, p := range d.Places {
				got = append(got, want{p.Mentions[0].Text, p.Country, p.Feature})
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("places = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPlacesShape(t *testing.T) {
	d := doc(t, "Israel and Gaza. Gaza again, and Israel's army.",
		name{"Israel", 0, document.TypeOrg}, name{"Gaza", 0, document.TypeGPE},
		name{"Gaza", 1, document.TypeGPE}, name{"Israel's", 0, document.TypeGPE})
	if err := New(nil).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Places) != 2 {
		t.Fatalf("%d places, want 2: %+v", len(d.Places), d.Places)
	}
	p1, p2 := d.Places[0], d.Places[1]
	if p1.ID != "P1" || p1.Name != "Israel" || len(p1.Mentions) != 2 || p2.ID != "P2" || len(p2.Mentions) != 2 {
		t.Errorf("places = %+v", d.Places)
	}
	if m := p1.Mentions[1]; d.Text[m.Start:m.End] != "Israel" || m.Text != "Israel" {
		t.Errorf("mention %+v", m)
	}
	for _, n := range d.Names {
		if n.Type != document.TypeGPE {
			t.Errorf("name %q typed %s, want GPE", n.Text, n.Type)
		}
	}
}

func TestScan(t *testing.T) {
	tests := []struct {
		text string
		want []string // mention texts of places
	}{
		{"Talks in Washington and Tel Aviv.", []string{"Washington", "Tel Aviv"}},
		{"We met. “We agree,” he said in Cairo.", []string{"Cairo"}},
		{"The U.S. and the UK.", []string{"U.S.", "UK"}},
		{"Guinea-Bissau's leader visited the Gaza Strip.", []string{"Guinea-Bissau", "Gaza Strip"}},
		{"Israeli officials spoke.", nil},
		{"", nil},
	}
	for _, tt := range tests {
		d := document.New()
		d.Text = tt.text
		if err := New(nil).Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, n := range d.Names {
			got = append(got, n.Text)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%q: names %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestBadNames(t *testing.T) {
	d := document.New()
	d.Text = "Gaza"
	d.Names = []document.Name{{Start: -1, End: 3}, {Start: 2, End: 99}, {Start: 3, End: 1}, {Start: 0, End: 4, Type: document.TypeGPE}}
	if err := New(nil).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Places) != 1 {
		t.Errorf("places = %+v", d.Places)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := New(nil).Process(ctx, document.New()); err == nil {
		t.Error("no error from a cancelled context")
	}
	if New(nil).Name() != "geo" {
		t.Error("name")
	}
}

func BenchmarkSeed(b *testing.B) {
	d := doc(b, "Strikes hit Rafah, Gaza, as officials met in Washington and Cyprus.",
		name{"Rafah", 0, document.TypeGPE}, name{"Gaza", 0, document.TypeGPE},
		name{"Washington", 0, document.TypeGPE}, name{"Cyprus", 0, document.TypeGPE})
	s := New(nil)
	ctx := context.Background()
	for b.Loop() {
		if err := s.Process(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
}

func TestConcurrent(t *testing.T) {
	s := New(nil)
	done := make(chan error)
	for i := 0; i < 4; i++ {
		go func() {
			d := doc(t, "Officials met in Rafah, Gaza, and Washington.",
				name{"Rafah", 0, document.TypeGPE}, name{"Gaza", 0, document.TypeGPE}, name{"Washington", 0, document.TypeGPE})
			err := s.Process(context.Background(), d)
			if err == nil && len(d.Places) != 3 {
				err = fmt.Errorf("%d places", len(d.Places))
			}
			done <- err
		}()
	}
	for i := 0; i < 4; i++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
