package extract

import (
	"reflect"
	"strings"
	"testing"
)

// Invented scraped pages of different shapes. Each wants a title, the body
// paragraphs and the furniture dropped.
func TestReadText(t *testing.T) {
	tests := []struct {
		name      string
		input     string
		title     string
		paras     []string
		furniture []string
		authors   []string
		published string
	}{
		{
			name: "blank lines, trailing furniture",
			input: "Council approves new bus lanes for city centre\n\n" +
				"The city council voted 31 to 12 on Thursday to add bus lanes on four central streets.\n\n" +
				"Work will start in May, the transport committee said.\n\n" +
				"Related: Cyclists demand safer junctions\n\nShare this article\n\nNewsletter\n\n© 2024 Example Media Ltd. All rights reserved.\n",
			title: "Council approves new bus lanes for city centre",
			paras: []string{
				"The city council voted 31 to 12 on Thursday to add bus lanes on four central streets.",
				"Work will start in May, the transport committee said.",
			},
			furniture: []string{"Related: Cyclists demand safer junctions", "Share this article", "Newsletter", "© 2024 Example Media Ltd. All rights reserved."},
		},
		{
			name: "one line per paragraph, interleaved furniture and a subheading",
			input: "Skip to content\nFlood warnings issued across the valley\nBy Maria Lopez and Tom Reed\nMarch 4, 2024\n" +
				"Share\nFacebook\nTwitter\n" +
				"Heavy rain overnight pushed the river above its banks in three towns.\n" +
				"ADVERTISEMENT\n" +
				"Residents were told to move valuables upstairs.\n" +
				"Roads closed\n" +
				"Police closed the main bridge at 6 a.m. and set up a diversion.\n" +
				"Read more: How to prepare your home for a flood\n" +
				"More rain is expected on Friday, forecasters said.\n" +
				"Most read\nTop 10 beaches\nCookie settings\n",
			title: "Flood warnings issued across the valley",
			paras: []string{
				"Heavy rain overnight pushed the river above its banks in three towns.",
				"Residents were told to move valuables upstairs.",
				"Roads closed",
				"Police closed the main bridge at 6 a.m. and set up a diversion.",
				"More rain is expected on Friday, forecasters said.",
			},
			furniture: []string{"Skip to content", "By Maria Lopez and Tom Reed", "March 4, 2024", "Share", "Facebook", "Twitter", "ADVERTISEMENT", "Read more: How to prepare your home for a flood", "Most read", "Top 10 beaches", "Cookie settings"},
			authors:   []string{"Maria Lopez", "Tom Reed"},
			published: "2024-03-04",
		},
		{
			name: "hard-wrapped paragraphs keep their lines",
			input: "Talks resume in Geneva\n\n" +
				"Negotiators from both sides returned to the table on Monday after a\n" +
				"two-week pause, officials said, with prisoner exchanges and aid\n" +
				"corridors at the top of the agenda for the new round.\n\n" +
				"A spokesman said the mood was cautious but constructive.\n\n" +
				"Follow us on X\n",
			title: "Talks resume in Geneva",
			paras: []string{
				"Negotiators from both sides returned to the table on Monday after a\ntwo-week pause, officials said, with prisoner exchanges and aid\ncorridors at the top of the agenda for the new round.",
				"A spokesman said the mood was cautious but constructive.",
			},
			furniture: []string{"Follow us on X"},
		},
		{
			name:      "no title when the first line is a sentence",
			input:     "The minister resigned on Tuesday.\n\nShe gave no reason.\n\nAdvertisment\n",
			paras:     []string{"The minister resigned on Tuesday.", "She gave no reason."},
			furniture: []string{"Advertisment"},
		},
		{
			name: "short sentences and list items are kept",
			input: "What the budget means for you\n\n" +
				"Here is what changes.\n\n" +
				"- Income tax thresholds rise\n- Fuel duty stays frozen\n\n" +
				"It passed.\n\n" +
				"Print\n\nEmail\n",
			title:     "What the budget means for you",
			paras:     []string{"Here is what changes.", "- Income tax thresholds rise\n- Fuel duty stays frozen", "It passed."},
			furniture: []string{"Print", "Email"},
		},
		{
			name:  "quotes and characters kept as given",
			input: "Minister: ‘We will not budge’\n\n“We will not budge,” she said — twice.\n",
			title: "Minister: ‘We will not budge’",
			paras: []string{"“We will not budge,” she said — twice."},
		},
		{
			name:  "no prose at all is kept as it is",
			input: "Opening hours\nMonday to Friday 9-17\nSaturday 10-14\n",
			title: "Opening hours",
			paras: []string{"Monday to Friday 9-17\n\nSaturday 10-14"},
		},
		{
			name:  "CRLF line endings",
			input: "Storm hits coast\r\n\r\nWinds reached 120 km/h.\r\n\r\nThe port closed.\r\n",
			title: "Storm hits coast",
			paras: []string{"Winds reached 120 km/h.", "The port closed."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read([]byte(tt.input), Options{})
			if err != nil {
				t.Fatalf("Read() error = %v", err)
			}
			if doc.Title != tt.title {
				t.Errorf("Title = %q, want %q", doc.Title, tt.title)
			}
			if want := strings.Join(tt.paras, "\n\n"); doc.Text != want {
				t.Errorf("Text =\n%q\nwant\n%q", doc.Text, want)
			}
			if !reflect.DeepEqual(doc.Furniture, tt.furniture) && (len(doc.Furniture) > 0 || len(tt.furniture) > 0) {
				t.Errorf("Furniture = %q, want %q", doc.Furniture, tt.furniture)
			}
			if !reflect.DeepEqual(doc.Authors, tt.authors) && (len(doc.Authors) > 0 || len(tt.authors) > 0) {
				t.Errorf("Authors = %q, want %q", doc.Authors, tt.authors)
			}
			if doc.Published != tt.published {
				t.Errorf("Published = %q, want %q", doc.Published, tt.published)
			}
		})
	}
}

func TestIsCallToAction(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Advertisement", true},
		{"Advertisment", true},
		{"- ADVERTISEMENT -", true},
		{"Adverstisement", true},
		{"Follow us on Facebook", true},
		{"Share this story", true},
		{"Sign up for our newsletter", true},
		{"Subscribe", true},
		{"We use cookies to improve your experience", true},
		{"Related: Another headline", true},
		{"Related Articles", true},
		{"Teilen mit:", true},
		{"Titelbild:", true},
		{"Beitragsbild", true},
		{"Crédits photos : Bestimage", true},
		{"Bildung ist das Thema der Woche.", false},
		{"Anzeige, enthält Affiliate Links", true},
		{"Sie sind aktuell nicht eingeloggt.", true},
		{"Never miss the latest news by signing up", true},
		{"Die Anzeige erschien in der Zeitung.", false},
		{"More from this category", true},
		{"Read more", true},
		{"Click here to download the report", true},
		{"Copyright 2024 Example News", true},
		{"All rights reserved.", true},
		{"Tags: politics, Europe", true},
		{"Photo: Reuters", true},
		{"12 Comments", true},
		{"Search", true},
		{"Adverse weather", false},
		{"Paid leave for parents", false},
		{"Share prices fell sharply", false},
		{"Related talks are planned for June.", false},
		{"More than 30 people were hurt.", false},
		{"Subscribers were told on Friday.", false},
		{"Follow-up talks are expected next week.", false},
		{"Copyright law is changing", false},
		{"Home prices rose again", false},
		{"Follow us on Facebook, the minister told his supporters at a rally in the capital on Sunday evening.", false},
	}
	for _, tt := range tests {
		if got := isCallToAction(tt.line); got != tt.want {
			t.Errorf("isCallToAction(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestParseByline(t *testing.T) {
	tests := []struct {
		line  string
		names []string
		date  string
		ok    bool
	}{
		{"By Jane Roe", []string{"Jane Roe"}, "", true},
		{"By Jane Roe and John Doe | March 20, 2024", []string{"Jane Roe", "John Doe"}, "2024-03-20", true},
		{"Written by Ana de la Cruz, 5 June 2023", []string{"Ana de la Cruz"}, "2023-06-05", true},
		{"By Tuesday, the count had risen.", nil, "", false},
		{"By noon", nil, "", false},
		{"Jane Roe", nil, "", false},
	}
	for _, tt := range tests {
		names, date, ok := parseByline(tt.line)
		if ok != tt.ok || date != tt.date || !reflect.DeepEqual(names, tt.names) {
			t.Errorf("parseByline(%q) = %q, %q, %v; want %q, %q, %v", tt.line, names, date, ok, tt.names, tt.date, tt.ok)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		s, want string
	}{
		{"2024-03-20", "2024-03-20"},
		{"Published: March 20, 2024", "2024-03-20"},
		{"Updated Wednesday 20 March 2024 10:32 GMT", "2024-03-20"},
		{"Mar. 5, 2021", "2021-03-05"},
		{"February 30, 2024", ""},
		{"03/04/2024", ""},
		{"On March 20, 2024 the parliament met again to discuss the budget and the war", ""},
		{"no date here", ""},
	}
	for _, tt := range tests {
		if got := parseDate(tt.s); got != tt.want {
			t.Errorf("parseDate(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestWordCount(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"", 0},
		{"three little words", 3},
		{"发现社会", 2},
		{"Python 3.6 发布了", 4},
	}
	for _, tt := range tests {
		if got := wordCount(tt.s); got != tt.want {
			t.Errorf("wordCount(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func BenchmarkReadText(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("A headline for the benchmark\n\n")
	for range 200 {
		sb.WriteString("The committee met on Tuesday and agreed on a plan to fund the new hospital wing by next spring.\n\n")
		sb.WriteString("Advertisement\n\n")
	}
	sb.WriteString("Follow us on Facebook\n\nSearch\n")
	input := []byte(sb.String())
	b.SetBytes(int64(len(input)))
	for b.Loop() {
		if _, err := Read(input, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
