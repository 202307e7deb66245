package extract

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// pageMetaOf parses a made-up page and walks it.
func pageMetaOf(t *testing.T, page string) *pageMeta {
	t.Helper()
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return readPageMeta(root)
}

func TestReadPageMeta(t *testing.T) {
	pm := pageMetaOf(t, `<html lang="de-AT"><head><title>Storm | Daily</title>
<meta property="og:title" content="Storm hits coast"><meta name="author" content="Jane Roe">
<meta property="og:title" content="second og:title is ignored">
<link rel="canonical" href="https://example.com/storm">
<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":"Storm hits the coast","author":[{"@type":"Person","name":"Jane Roe"},"John Doe"]},{"@type":"WebSite","name":"Daily"}]}</script>
<script type="application/ld+json">{broken</script>
</head><body><h1>Storm hits coast</h1><span class="byline">By Jane Roe</span><time datetime="2024-03-20T10:00:00+01:00">20 March</time>
<p><span>Autor: John Doe</span></p></body></html>`)
	if pm.title != "Storm | Daily" || pm.lang != "de-AT" || pm.canonical != "https://example.com/storm" {
		t.Errorf("title, lang, canonical = %q, %q, %q", pm.title, pm.lang, pm.canonical)
	}
	if pm.meta["og:title"] != "Storm hits coast" || pm.meta["author"] != "Jane Roe" {
		t.Errorf("meta = %v", pm.meta)
	}
	if got := pm.headlines(); !reflect.DeepEqual(got, []string{"Storm hits the coast"}) {
		t.Errorf("headlines = %q", got)
	}
	if got := ldNames(pm.articleLD()[0]["author"]); !reflect.DeepEqual(got, []string{"Jane Roe", "John Doe"}) {
		t.Errorf("JSON-LD authors = %q", got)
	}
	if !reflect.DeepEqual(pm.h1, []string{"Storm hits coast"}) || !reflect.DeepEqual(pm.bylines, []string{"By Jane Roe"}) {
		t.Errorf("h1 = %q, bylines = %q", pm.h1, pm.bylines)
	}
	if !reflect.DeepEqual(pm.times, []timeMark{{datetime: "2024-03-20T10:00:00+01:00", text: "20 March"}}) || !reflect.DeepEqual(pm.labelled, []string{"By Jane Roe", "Autor: John Doe"}) {
		t.Errorf("times = %+v, labelled = %q", pm.times, pm.labelled)
	}
}

func TestMergeBodies(t *testing.T) {
	long := strings.Repeat("The council met on Tuesday and agreed on the budget for next year. ", 40)
	tests := []struct {
		name                 string
		base, second         []string
		wantMerged, wantDrop []string
	}{
		{"no second opinion", []string{"A sentence."}, nil, []string{"A sentence."}, nil},
		{"no base", nil, []string{"A sentence."}, []string{"A sentence."}, nil},
		{
			"short base takes the sentences it missed, in place",
			[]string{"First sentence here.", "Third sentence here."},
			[]string{"First sentence here.", "Second sentence, which the base lost.", "Third sentence here.", "Menu"},
			[]string{"First sentence here.", "Second sentence, which the base lost.", "Third sentence here."}, nil,
		},
		{
			"long base keeps its own reading",
			[]string{long, "Second."},
			[]string{long, "A sentence only the second opinion has."},
			[]string{long, "Second."}, nil,
		},
		{
			"labels only the base kept go when both agree, outside the shared span",
			[]string{"Menu", "One said so.", "Two said so.", "Three said so.", "Four said so.", "Share this"},
			[]string{"One said so.", "Two said so.", "Three said so.", "Four said so."},
			[]string{"One said so.", "Two said so.", "Three said so.", "Four said so."}, []string{"Menu", "Share this"},
		},
		{
			"a label between shared paragraphs is a subheading and stays",
			[]string{"One said so.", "Dining and drinking", "Two said so.", "Three said so."},
			[]string{"One said so.", "Two said so.", "Three said so."},
			[]string{"One said so.", "Dining and drinking", "Two said so.", "Three said so."}, nil,
		},
		{
			"labels stay when the two barely agree",
			[]string{"One said so.", "Share this", "Two said so."},
			[]string{"One said so.", "Two said so."},
			[]string{"One said so.", "Share this", "Two said so."}, nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			merged, dropped := mergeBodies(tt.base, tt.second)
			if !reflect.DeepEqual(merged, tt.wantMerged) || !reflect.DeepEqual(dropped, tt.wantDrop) {
				t.Errorf("mergeBodies = %q, dropped %q; want %q, dropped %q", merged, dropped, tt.wantMerged, tt.wantDrop)
			}
		})
	}
}

func TestChooseTitle(t *testing.T) {
	tests := []struct {
		name, page, metaTitle, fallback, want string
	}{
		{"h1 backed by og:title", `<meta property="og:title" content="Storm hits coast - Daily"><h1>Storm hits coast</h1>`, "", "Storm hits coast - Daily", "Storm hits coast"},
		{"typographic h1 over plain og:title", `<meta property="og:title" content="&quot;Never&quot;: talks fail"><h1>„Never“: talks fail</h1>`, "", `"Never": talks fail`, "„Never“: talks fail"},
		{"site logo h1 first, headline second", `<title>Storm hits coast | My Blog</title><h1>My Blog</h1><h1>Storm hits coast</h1>`, "", "My Blog", "Storm hits coast"},
		{"unbacked h1 leaves the fallback", `<h1>Latest news</h1>`, "Storm hits coast", "Storm hits coast", "Storm hits coast"},
		{"one-word h1 needs the whole title", `<title>Design | Studio Roe</title><h1>Design</h1>`, "", "Design | Studio Roe", "Design | Studio Roe"},
		{"kicker cut by the JSON-LD headline", `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Storm hits the coast hard"}</script><h1>Weather: Storm hits the coast hard</h1>`, "Weather: Storm hits the coast hard", "x", "Storm hits the coast hard"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := chooseTitle(pageMetaOf(t, tt.page), tt.metaTitle, tt.fallback); got != tt.want {
				t.Errorf("chooseTitle = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestChooseAuthors(t *testing.T) {
	tests := []struct {
		name, page, metaAuthor, byline, site, url string
		want                                      []string
	}{
		{"JSON-LD first", `<script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"Jane Roe"}}</script>`, "John Doe", "", "", "", []string{"Jane Roe"}},
		{"page spelling over folded name", `<meta name="author" content="T. V. Gàbor">`, "T V Gabor", "", "", "", []string{"T. V. Gàbor"}},
		{"outlet beside a person dropped", ``, "Jane Roe, Daily Planet", "", "Daily Planet", "https://dailyplanet.com/a", []string{"Jane Roe"}},
		{"publisher gives way to a person", `<span class="byline">By Jane Roe</span>`, "Daily Planet", "", "Daily Planet", "https://dailyplanet.com/a", []string{"Jane Roe"}},
		{"publisher stands alone", ``, "Daily Planet", "", "Daily Planet", "https://dailyplanet.com/a", []string{"Daily Planet"}},
		{"labels and signatures are no names", `<span class="author">Name</span>`, "", "Jane says:", "", "", nil},
		{"trailing date label cut", ``, "Jane Roe Stand", "", "", "", []string{"Jane Roe"}},
		{"byline written in the page", `<p><time>8 March 2020</time> · by Jane Roe · <a>in Travel</a></p>`, "", "", "", "", []string{"Jane Roe"}},
		{"character references decoded before splitting", ``, "Redacci&oacute;n Diario", "", "", "", []string{"Redacción Diario"}},
		{"duplicates folded", ``, "Jane Roe; Jane Roé", "", "", "", []string{"Jane Roe"}},
		{"page bylines must read as names", `<span class="author">Published 20.03.2024</span>`, "", "", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := chooseAuthors(pageMetaOf(t, tt.page), tt.metaAuthor, tt.byline, tt.site, tt.url)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("chooseAuthors = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTimeOfDay(t *testing.T) {
	tests := []struct {
		in       string
		want     string // RFC 3339, "" for none
		wantZone bool
	}{
		{"2024-03-20T14:05:00+01:00", "2024-03-20T14:05:00+01:00", true},
		{"published 2024-03-20 14:05Z", "2024-03-20T14:05:00Z", true},
		{"2024-03-20T14:05:09.123-0500", "2024-03-20T14:05:09-05:00", true},
		{"2024-03-20T14:05:00", "2024-03-20T14:05:00Z", false},
		{"2024-03-20T00:00:00", "", false},    // a padded date
		{"2024-03-21T14:05:00Z", "", false},   // another day
		{"2024-03-20T25:05:00Z", "", false},   // no such hour
		{"2024-03-20T10:00+19:00", "", false}, // no such offset
		{"20 March 2024", "", false},
	}
	for _, tt := range tests {
		got, zone, ok := timeOfDay(tt.in, 2024, time.March, 20)
		s := ""
		if ok {
			s = got.Format(time.RFC3339)
		}
		if s != tt.want || (ok && zone != tt.wantZone) {
			t.Errorf("timeOfDay(%q) = %q, zone %v; want %q, zone %v", tt.in, s, zone, tt.want, tt.wantZone)
		}
	}
}

func TestLocalMidnight(t *testing.T) {
	tests := []struct {
		in   time.Time
		zone bool
		want string
	}{
		{time.Date(2022, 11, 6, 23, 0, 0, 0, time.UTC), true, "2022-11-07T00:00:00+01:00"},
		{time.Date(2022, 6, 6, 22, 0, 0, 0, time.UTC), true, "2022-06-07T00:00:00+02:00"},
		{time.Date(2022, 11, 6, 23, 0, 5, 0, time.UTC), true, "2022-11-06T23:00:05Z"},                      // a real time
		{time.Date(2022, 11, 6, 21, 0, 0, 0, time.UTC), true, "2022-11-06T21:00:00Z"},                      // too early for Europe
		{time.Date(2022, 11, 6, 23, 0, 0, 0, time.UTC), false, "2022-11-06T23:00:00Z"},                     // no zone written
		{time.Date(2022, 11, 6, 23, 0, 0, 0, time.FixedZone("", 3600)), true, "2022-11-06T23:00:00+01:00"}, // already local
	}
	for _, tt := range tests {
		got := localMidnight(tt.in, tt.zone)
		if s := got.Format(time.RFC3339); s != tt.want || !got.Equal(tt.in) {
			t.Errorf("localMidnight(%v, %v) = %s, want %s (the same instant)", tt.in, tt.zone, s, tt.want)
		}
	}
}

func TestPublicationDate(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"day and time with offset from meta", `<html><head><meta property="article:published_time" content="2024-03-20T23:30:00+01:00"></head><body><p>Text.</p></body></html>`, "2024-03-20T23:30:00+01:00"},
		{"day only", `<html><head><meta name="date" content="2024-03-20"></head><body><p>Text.</p></body></html>`, "2024-03-20"},
		{"none", `<html><body><p>Text.</p></body></html>`, ""},
		// A generic date meta tag gives the day before; the article shows
		// the next day, which its JSON-LD states too.
		{"shown date over a generic date tag",
			`<html><head><meta name="date" content="2020-02-18"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-02-19T18:37:32+01:00"}</script></head>` +
				`<body><article><time datetime="2020-02-19T18:37:32+01:00">19 FEB 2020 - 18:37</time><p>Text.</p></article></body></html>`,
			"2020-02-19T18:37:32+01:00"},
		// The same instant, in the publisher's offset, is the local day.
		{"shown local day of a UTC timestamp",
			`<html><head><meta property="article:published_time" content="2023-11-09T02:11:03+00:00"></head>` +
				`<body><time datetime="2023-11-08T21:11:03-05:00">November 8, 2023</time><p>Text.</p></body></html>`,
			"2023-11-08T21:11:03-05:00"},
		// A date no metadata states, a date in a list of other stories and
		// a datetime its own text contradicts are not taken.
		{"shown date not stated in metadata",
			`<html><head><meta property="article:published_time" content="2022-01-15"></head>` +
				`<body><time datetime="2022-01-25">25.01.2022</time></body></html>`,
			"2022-01-15"},
		{"date in a list of other stories",
			`<html><head><meta property="article:published_time" content="2022-01-15"><meta property="article:modified_time" content="2022-01-25"></head>` +
				`<body><ul><li><time datetime="2022-01-25">25.01.2022</time></li></ul></body></html>`,
			"2022-01-15"},
		// A generic date tag holds the day the page was generated; the
		// page shows when the story went out.
		{"shown day over a generic date tag",
			`<html><head><meta name="date" content="2020-04-30"></head>` +
				`<body><ul class="Infoline"><li class="Date"><time>29.04.2020, 12:01 Uhr</time></li></ul><p>Text.</p></body></html>`,
			"2020-04-29"},
		{"datetime its text contradicts",
			`<html><head><meta property="article:published_time" content="2023-11-02"><meta property="article:modified_time" content="2023-11-01T23:01:00Z"></head>` +
				`<body><time datetime="2023-11-01T23:01:00Z">02 Novembre 2023</time></body></html>`,
			"2023-11-02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := html.Parse(strings.NewReader(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if got := formatDate(publicationDate(root, readPageMeta(root), "")); got != tt.want {
				t.Errorf("publicationDate = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIsCaption(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"The minister at the summit on Tuesday. (Photo: Jane Roe/Reuters)", true},
		{"Marco Roe, skier from Switzerland. © AFP / John Doe", true},
		{"Der Nordpark wurde eröffnet (Foto: Stadt Nordhausen)", true},
		{"The inquiry goes on, police said. (Source: SWR)", false},
		{"The minister said the talks would resume next week.", false},
		{strings.Repeat("word ", 45) + "(Photo: Jane Roe)", false},
	}
	for _, tt := range tests {
		if got := isCaption(tt.in); got != tt.want {
			t.Errorf("isCaption(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestDetectLanguageOr(t *testing.T) {
	if got := detectLanguageOr("The minister said that the talks would go on in the capital.", "de"); got != "en" {
		t.Errorf("English text = %q, want en", got)
	}
	if got := detectLanguageOr("Der Minister sagte, die Gespräche würden in der Hauptstadt fortgesetzt.", "de"); got != "de" {
		t.Errorf("German text with guess = %q, want de", got)
	}
	if got := primaryLang("de-AT"); got != "de" {
		t.Errorf("primaryLang(de-AT) = %q", got)
	}
}

func TestDropFurnitureRelatedLinks(t *testing.T) {
	paras := []string{
		"The minister said the talks would resume.",
		"Das könnte Sie auch interessieren:",
		"Storm hits the coast again",
		"Council votes on the budget",
		"She added that nothing was agreed yet.",
		"VEA TAMBIÉN:",
		"A story about something else",
	}
	kept, dropped := dropFurniture(paras)
	want := []string{"The minister said the talks would resume.", "She added that nothing was agreed yet."}
	if !reflect.DeepEqual(kept, want) {
		t.Errorf("kept %q, want %q", kept, want)
	}
	if len(dropped) != 5 {
		t.Errorf("dropped %q, want the two labels and three links", dropped)
	}
	// A link to another story written inline with its label goes; an
	// interview line that starts with a name like a label stays.
	if !isRelatedLead("Lea también: Impiden ingreso a reportero y camarógrafo") || !isRelatedLead("VEA TAMBIÉN: Estrella de la educación no brilla") {
		t.Error("an inline related link kept")
	}
	if isRelatedLead("Mira: I told them the talks would go on.") || isRelatedLead("Lesen Sie auch") {
		t.Error("an interview line or a bare label taken for an inline related link")
	}
	for _, l := range []string{"Auch lesen:", "Lesen Sie auch die folgenden Beiträge:", "Weitere Beiträge aus der Kolumne:", "Mehr Themen:"} {
		if !isRelatedLabel(l) {
			t.Errorf("%q not taken for a label", l)
		}
	}
	// A label-like sentence inside the story is not a label.
	if isRelatedLabel("Related talks were held in Cairo last week, officials said.") {
		t.Error("a sentence taken for a label")
	}
}

func TestURLDay(t *testing.T) {
	for u, want := range map[string]bool{
		"https://example.com/2023/10/31/story/":            true,
		"https://example.com/2023/10/3-questions-for-her/": false,
		"https://example.com/2020/02/18/ciencia/1.html":    true,
		"https://example.com/news/2023-11-08-storm":        true,
		"https://example.com/2023/10/story":                false,
	} {
		if got := urlDay.MatchString(u); got != want {
			t.Errorf("urlDay(%q) = %v, want %v", u, got, want)
		}
	}
}
