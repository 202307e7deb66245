package timex

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"newsgraph/document"
)

// date parses a reference date for a test.
func date(t testing.TB, s string) time.Time {
	t.Helper()
	ref, ok := ParseRef(s)
	if !ok {
		t.Fatalf("bad reference date %q", s)
	}
	return ref
}

// brief writes found times as "text=TYPE:value" lines, for comparison.
func brief(ts []document.Time) string {
	var b []string
	for _, x := range ts {
		b = append(b, x.Text+"="+x.Type+":"+x.Value)
	}
	return strings.Join(b, "; ")
}

func TestFind(t *testing.T) {
	const wed = "2024-03-20" // a Wednesday in ISO week 12
	tests := []struct {
		ref, text, want string
	}{
		// Weekdays: past by default, future when the clause says so.
		{wed, "Meloni on Tuesday opposed the plan.", "on Tuesday=DATE:2024-03-19"},
		{wed, "Talks ended on Wednesday.", "on Wednesday=DATE:2024-03-20"},
		{wed, "He spoke Thursday.", "Thursday=DATE:2024-03-14"},
		{wed, "They will meet on Thursday.", "on Thursday=DATE:2024-03-21"},
		{wed, "The vote is expected Monday.", "Monday=DATE:2024-03-25"},
		{wed, "Protesters were planning to march on Friday.", "on Friday=DATE:2024-03-22"},
		{wed, "The talks are set to resume Monday.", "Monday=DATE:2024-03-25"},
		{wed, "The talks were held Monday.", "Monday=DATE:2024-03-18"},
		{wed, "He set the record on Monday.", "on Monday=DATE:2024-03-18"},
		{wed, "It happened last Friday.", "last Friday=DATE:2024-03-15"},
		{wed, "It happens next Wednesday.", "next Wednesday=DATE:2024-03-27"},
		{wed, "See you this Friday.", "this Friday=DATE:2024-03-22"},
		{wed, "Gunfire on Sunday night.", "on Sunday night=TIME:2024-03-17TNI"},
		{"2024-01-02", "Crowds gathered on Sunday.", "on Sunday=DATE:2023-12-31"},
		{wed, "Tuesday's attack.", "Tuesday=DATE:2024-03-19"},
		// Days relative to the reference.
		{wed, "It rained today and yesterday.", "today=DATE:2024-03-20; yesterday=DATE:2024-03-19"},
		{"2024-01-01", "It snowed yesterday.", "yesterday=DATE:2023-12-31"},
		{"2023-12-31", "The law takes effect tomorrow.", "tomorrow=DATE:2024-01-01"},
		{wed, "Strikes hit last night.", "last night=TIME:2024-03-19TNI"},
		{wed, "He spoke this morning.", "this morning=TIME:2024-03-20TMO"},
		{wed, "Leaders meet tonight.", "tonight=TIME:2024-03-20TNI"},
		{wed, "She left yesterday afternoon.", "yesterday afternoon=TIME:2024-03-19TAF"},
		{"2024-02-28", "Voting ends the day after tomorrow.", "the day after tomorrow=DATE:2024-03-01"},
		// Weeks.
		{wed, "A meeting this week.", "this week=DATE:2024-W12"},
		{wed, "They are likely to meet early next week.", "early next week=DATE:2024-W13"},
		{wed, "The deal may come late next week.", "late next week=DATE:2024-W13"},
		{wed, "Talks were held last week.", "last week=DATE:2024-W11"},
		{wed, "Talks resume later this week.", "later this week=DATE:2024-W12"},
		{"2024-12-30", "A vote this week.", "this week=DATE:2025-W01"},
		{"2024-12-28", "A vote next week.", "next week=DATE:2025-W01"},
		{"2021-01-01", "A vote this week.", "this week=DATE:2020-W53"},
		{"2021-01-01", "The ruling came last week.", "last week=DATE:2020-W52"},
		{"2026-12-31", "We meet next week.", "next week=DATE:2027-W01"},
		{wed, "Protests this weekend.", "this weekend=DATE:2024-W12-WE"},
		{wed, "Crowds marched over the weekend.", "the weekend=DATE:2024-W11-WE"},
		{wed, "The over the past week was calm.", "the past week=DURATION:P1W"},
		// Months and years.
		{wed, "Prices rose last month.", "last month=DATE:2024-02"},
		{"2024-01-15", "Prices rose last month.", "last month=DATE:2023-12"},
		{"2024-12-15", "Prices will fall next month.", "next month=DATE:2025-01"},
		{wed, "A vote later this month.", "later this month=DATE:2024-03"},
		{wed, "Growth this year and next year.", "this year=DATE:2024; next year=DATE:2025"},
		{wed, "Elections were held last year.", "last year=DATE:2023"},
		{wed, "Results for the first quarter.", "the first quarter=DATE:2024-Q1"},
		{"2024-02-10", "Sales fell last quarter.", "last quarter=DATE:2023-Q4"},
		{wed, "Sales rose in Q3 2023.", "Q3 2023=DATE:2023-Q3"},
		{wed, "By the end of the year.", "the end of the year=DATE:2024"},
		{wed, "A plan for next summer.", "next summer=DATE:2024-SU"},
		{wed, "Floods last summer.", "last summer=DATE:2023-SU"},
		{"2024-01-10", "Snow this winter.", "this winter=DATE:2023-WI"},
		{wed, "Growth this decade.", "this decade=DATE:202"},
		// Explicit dates.
		{wed, "It was signed on March 19, 2024.", "on March 19, 2024=DATE:2024-03-19"},
		{wed, "Signed 19 March 2024.", "19 March 2024=DATE:2024-03-19"},
		{wed, "Signed on Tuesday, March 19.", "on Tuesday, March 19=DATE:2024-03-19"},
		{wed, "Signed Mar. 19.", "Mar. 19=DATE:2024-03-19"},
		{wed, "Signed 2024-03-19.", "2024-03-19=DATE:2024-03-19"},
		{wed, "The 19th of March.", "The 19th of March=DATE:2024-03-19"},
		{wed, "Filed on Jan 5.", "on Jan 5=DATE:2024-01-05"},
		{"1998-04-24", "An editorial on Saturday, April 25 said so.", "on Saturday, April 25=DATE:1998-04-25"},
		{wed, "In June last year and May next year.", "June last year=DATE:2023-06; May next year=DATE:2025-05"},
		{"2000-01-06", "He must be returned to his father by Jan. 14.", "Jan. 14=DATE:2000-01-14"},
		{"2024-01-03", "It happened on December 28.", "on December 28=DATE:2023-12-28"},
		{"2023-12-28", "Polls open on January 3 and will close later.", "on January 3=DATE:2024-01-03"},
		{wed, "Born February 29.", "February 29=DATE:2024-02-29"},
		{wed, "Not a date: February 30.", ""},
		{wed, "In March 2024 and mid-March 2023.", "March 2024=DATE:2024-03; mid-March 2023=DATE:2023-03"},
		{wed, "Talks began in January.", "January=DATE:2024-01"},
		{wed, "Elections are due in May.", "May=DATE:2024-05"},
		{wed, "The war began in October.", "October=DATE:2023-10"},
		{wed, "It started last April.", "last April=DATE:2023-04"},
		{wed, "By early April.", "early April=DATE:2024-04"},
		{wed, "Since 1990 and in 2023.", "1990=DATE:1990; 2023=DATE:2023"},
		{wed, "In the 1990s and the '80s.", "the 1990s=DATE:199; the '80s=DATE:198"},
		{wed, "Late 2023 was hard.", "Late 2023=DATE:2023"},
		{wed, "The 21st century.", "The 21st century=DATE:20"},
		{wed, "On Christmas Day.", "Christmas Day=DATE:2023-12-25"},
		{wed, "Signed 2024-03-19T15:30:00Z.", "2024-03-19T15:30:00Z=TIME:2024-03-19T15:30Z"},
		// Durations.
		{wed, "A couple of days after the speech.", "A couple of days=DURATION:P2D"},
		{wed, "It lasted three weeks.", "three weeks=DURATION:P3W"},
		{wed, "For 24 hours.", "24 hours=DURATION:PT24H"},
		{wed, "Half an hour.", "Half an hour=DURATION:PT30M"},
		{wed, "A 10-year plan.", "10-year=DURATION:P10Y"},
		{wed, "Over the past two years.", "the past two years=DURATION:P2Y"},
		{wed, "Twenty-five years of rule.", "Twenty-five years=DURATION:P25Y"},
		{wed, "Several months of talks.", "Several months=DURATION:PXM"},
		{wed, "It came within hours.", "within hours=DURATION:PTXH"},
		{wed, "The strike came hours later.", "hours=DURATION:PTXH"},
		{wed, "The next few days are key.", "The next few days=DURATION:PXD"},
		{wed, "Unseen for decades.", "for decades=DURATION:PXDE"},
		// Dates counted back.
		{wed, "Three weeks ago.", "Three weeks ago=DATE:2024-W09"},
		{wed, "Two days ago.", "Two days ago=DATE:2024-03-18"},
		{wed, "A year ago.", "A year ago=DATE:2023"},
		{"2024-01-10", "Six months ago.", "Six months ago=DATE:2023-07"},
		{wed, "Years ago.", "Years ago=DATE:PAST_REF"},
		// Vague references.
		{wed, "Teams will meet in the coming days.", "the coming days=DATE:FUTURE_REF"},
		{wed, "He is now in charge.", "now=DATE:PRESENT_REF"},
		{wed, "He recently left.", "recently=DATE:PAST_REF"},
		{wed, "In recent weeks.", "recent weeks=DATE:PAST_REF"},
		{wed, "Soon, very soon.", "Soon=DATE:FUTURE_REF; soon=DATE:FUTURE_REF"},
		{wed, "Return the boy as soon as possible.", ""},
		{wed, "He was killed soon after his capture.", ""},
		{wed, "They will leave soon.", "soon=DATE:FUTURE_REF"},
		// Times of day.
		{wed, "At 3 p.m. the vote began.", "3 p.m.=TIME:2024-03-20T15:00"},
		{wed, "At 10:30am.", "10:30am=TIME:2024-03-20T10:30"},
		{wed, "At 12 a.m.", "12 a.m.=TIME:2024-03-20T00:00"},
		{wed, "The blast at 15:30 GMT.", "15:30 GMT=TIME:2024-03-20T15:30Z"},
		{wed, "Curfew from 22:00.", "22:00=TIME:2024-03-20T22:00"},
		{wed, "Around noon.", "noon=TIME:2024-03-20T12:00"},
		{wed, "At 3 p.m. on Tuesday.", "3 p.m. on Tuesday=TIME:2024-03-19T15:00"},
		{wed, "On Tuesday at 9 pm EST.", "On Tuesday at 9 pm EST=TIME:2024-03-19T21:00-05"},
		{wed, "March 19, 2024 at 15:30 GMT.", "March 19, 2024 at 15:30 GMT=TIME:2024-03-19T15:30Z"},
		// Sets.
		{wed, "Aid arrives daily.", "daily=SET:P1D"},
		{wed, "Talks every week.", "every week=SET:P1W"},
		{wed, "Every Tuesday.", "Every Tuesday=SET:XXXX-WXX-2"},
		{wed, "Twice a month.", "Twice a month=SET:P1M"},
		{wed, "Every 10 minutes.", "Every 10 minutes=SET:PT10M"},
		{wed, "Every other day.", "Every other day=SET:P2D"},
		// Not time expressions.
		{wed, "It may rain. We may go.", ""},
		{wed, "Protesters march on the capital.", ""},
		{wed, "March organisers said so.", ""},
		{wed, "Jan Kowalski said.", ""},
		{wed, "Theresa May spoke; May's party lost.", ""},
		{wed, "The sun rose. One said.", ""},
		{wed, "He scored 2000 points and won 3:1.", ""},
		{wed, "John 3:16 says.", ""},
		{wed, "The Daily Mail and Weekly Standard.", ""},
		{wed, "I am here at 5 am.", "5 am=TIME:2024-03-20T05:00"},
		{wed, "A second time.", ""},
		{wed, "Growth of 2000%.", ""},
	}
	for _, tt := range tests {
		got := brief(Find(tt.text, date(t, tt.ref)))
		if got != tt.want {
			t.Errorf("ref %s %q:\n got  %s\n want %s", tt.ref, tt.text, got, tt.want)
		}
	}
}

func TestFindUnresolved(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Meloni on Tuesday opposed it.", "on Tuesday=DATE:XXXX-WXX-2"},
		{"Today and yesterday and tomorrow.", "Today=DATE:PRESENT_REF; yesterday=DATE:PAST_REF; tomorrow=DATE:FUTURE_REF"},
		{"Next week, last week, this week.", "Next week=DATE:FUTURE_REF; last week=DATE:PAST_REF; this week=DATE:PRESENT_REF"},
		{"On March 19 and in May.", "On March 19=DATE:XXXX-03-19; May=DATE:XXXX-05"},
		{"Three weeks ago, in 2023.", "Three weeks ago=DATE:PAST_REF; 2023=DATE:2023"},
		{"At 3 p.m. on Tuesday.", "3 p.m. on Tuesday=TIME:XXXX-WXX-2T15:00"},
		{"At 3 p.m.", "3 p.m.=TIME:XXXX-XX-XXT15:00"},
		{"On Sunday night.", "On Sunday night=TIME:XXXX-WXX-7TNI"},
		{"the first quarter", "the first quarter=DATE:XXXX-Q1"},
	}
	for _, tt := range tests {
		if got := brief(Find(tt.text, time.Time{})); got != tt.want {
			t.Errorf("%q:\n got  %s\n want %s", tt.text, got, tt.want)
		}
	}
}

func TestParseRef(t *testing.T) {
	tests := []struct {
		in   string
		want string // the reference day, or "" for none
	}{
		{"2024-03-20", "2024-03-20"},
		{" 2024-03-20 ", "2024-03-20"},
		{"2024-03-20T23:30:00-05:00", "2024-03-20"},
		{"2024-03-20T01:30:00+09:00", "2024-03-20"},
		{"2024-03-20T10:00:00.000+0100", "2024-03-20"},
		{"2024-03-20 10:00:00", "2024-03-20"},
		{"", ""},
		{"yesterday", ""},
		{"2024-13-01", ""},
	}
	for _, tt := range tests {
		ref, ok := ParseRef(tt.in)
		got := ""
		if ok {
			got = ref.Format("2006-01-02")
		}
		if got != tt.want {
			t.Errorf("ParseRef(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOffsetsAndIDs(t *testing.T) {
	text := "Née en 2019 — in 2019 on Tuesday, “within hours”, and early next week."
	ts := Find(text, date(t, "2024-03-20"))
	// "en 2019" counts too: a bare year is a year unless the words say
	// it is a count.
	if len(ts) != 5 || ts[2].Value != "2024-03-19" {
		t.Fatalf("found %s", brief(ts))
	}
	for i, x := range ts {
		if x.ID != fmt.Sprintf("T%d", i+1) || text[x.Start:x.End] != x.Text {
			t.Errorf("time %d: %+v", i, x)
		}
		if i > 0 && x.Start < ts[i-1].End {
			t.Errorf("times overlap: %+v %+v", ts[i-1], x)
		}
	}
}

func TestStage(t *testing.T) {
	s := New()
	if s.Name() != "timex" {
		t.Errorf("Name() = %q", s.Name())
	}
	doc := document.New()
	doc.Text = "Talks early next week, Meloni said on Tuesday."
	doc.Published = "2024-03-20"
	if err := s.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if got := brief(doc.Times); got != "early next week=DATE:2024-W13; on Tuesday=DATE:2024-03-19" {
		t.Errorf("times %s", got)
	}
	doc.Published = "not a date"
	if err := s.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if got := brief(doc.Times); got != "early next week=DATE:FUTURE_REF; on Tuesday=DATE:XXXX-WXX-2" {
		t.Errorf("times without a date %s", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Process(ctx, doc); err == nil {
		t.Error("no error from a cancelled context")
	}
}

func TestCalendar(t *testing.T) {
	ref := time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC) // Wednesday
	tests := []struct {
		wd   time.Weekday
		dir  int
		want string
	}{
		{time.Wednesday, -1, "2024-03-20"},
		{time.Wednesday, -2, "2024-03-13"},
		{time.Wednesday, 1, "2024-03-20"},
		{time.Wednesday, 2, "2024-03-27"},
		{time.Sunday, -1, "2024-03-17"},
		{time.Sunday, 1, "2024-03-24"},
		{time.Thursday, -1, "2024-03-14"},
		{time.Tuesday, 2, "2024-03-26"},
	}
	for _, tt := range tests {
		if got := day(weekday(ref, tt.wd, tt.dir)); got != tt.want {
			t.Errorf("weekday(%s, %d) = %s, want %s", tt.wd, tt.dir, got, tt.want)
		}
	}
	weeks := []struct{ day, want string }{
		{"2024-12-29", "2024-W52"}, {"2024-12-30", "2025-W01"}, {"2021-01-03", "2020-W53"},
		{"2020-12-31", "2020-W53"}, {"2027-01-01", "2026-W53"}, {"2018-12-31", "2019-W01"},
	}
	for _, w := range weeks {
		d, _ := time.Parse("2006-01-02", w.day)
		if got := isoWeek(d); got != w.want {
			t.Errorf("isoWeek(%s) = %s, want %s", w.day, got, w.want)
		}
	}
	years := []struct {
		ref  string
		m    time.Month
		d    int
		dir  int
		want int
	}{
		{"2024-01-03", 12, 28, 0, 2023}, {"2024-01-03", 12, 28, 1, 2024}, {"2024-01-03", 12, 28, -1, 2023},
		{"2023-12-28", 1, 3, 0, 2024}, {"2023-12-28", 1, 3, -1, 2023}, {"2024-03-20", 3, 20, -1, 2024},
		{"2024-03-20", 3, 20, 1, 2024}, {"2024-03-20", 8, 1, 0, 2024}, {"2024-03-20", 9, 1, 0, 2023},
	}
	for _, y := range years {
		r, _ := time.Parse("2006-01-02", y.ref)
		if got := nearestYear(r, y.m, y.d, y.dir); got != y.want {
			t.Errorf("nearestYear(%s, %d-%d, %d) = %d, want %d", y.ref, y.m, y.d, y.dir, got, y.want)
		}
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"3", 3, true}, {"1.5", 1.5, true}, {"a", 1, true}, {"a couple of", 2, true},
		{"A  Couple  of", 2, true}, {"twenty-four", 24, true}, {"several", -1, true},
		{"half an", 0.5, true}, {"lots", 0, false}, {"four-twenty", 0, false}, {"-3", 0, false},
	}
	for _, tt := range tests {
		got, ok := number(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("number(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Meloni on Tuesday opposed it early next week.",
		"On March 19, 2024 at 15:30 GMT, within hours, a couple of days later.",
		"the '90s, 2024-02-30T25:61, every 10 minutes, 12 a.m.",
		"Q4 2023 Christmas Eve 31st century the 1990s",
		"\xff\xfeMay\u00a0March 3",
		"In 1995 the previous Friday night, that year, the day before Christmas; 5 1/2 hours, two and a half days.",
		"The winter of nineteen ninety-four: current market, $2 million a year, the latest fiscal year ended Sept. 30.",
		"",
	} {
		f.Add(s, "2024-03-20")
	}
	f.Add("Sunday", "")
	f.Add("last winter", "2024-01-15T10:00:00+14:00")
	f.Fuzz(func(t *testing.T, text, published string) {
		ref, _ := ParseRef(published)
		ts := Find(text, ref)
		end := 0
		for i, x := range ts {
			if x.Start < end || x.End <= x.Start || x.End > len(text) || text[x.Start:x.End] != x.Text {
				t.Fatalf("bad span %d %+v in %q", i, x, text)
			}
			if x.Value == "" || x.Type == "" {
				t.Fatalf("empty value or type %+v", x)
			}
			end = x.End
		}
	})
}

func BenchmarkFind(b *testing.B) {
	text := strings.Repeat("A couple of days after Netanyahu announced an offensive, officials said they would meet early next week in Washington. "+
		"Meloni on Tuesday opposed it; the vote came within hours, at 3 p.m. on March 19, 2024, and talks resume in May. ", 10)
	ref := time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Find(text, ref)
	}
}

func TestConcurrent(t *testing.T) {
	s := New()
	done := make(chan string)
	for i := 0; i < 4; i++ {
		go func() {
			doc := document.New()
			doc.Text = "Meloni on Tuesday opposed it; talks early next week."
			doc.Published = "2024-03-20"
			if err := s.Process(context.Background(), doc); err != nil {
				done <- err.Error()
				return
			}
			done <- brief(doc.Times)
		}()
	}
	for i := 0; i < 4; i++ {
		if got := <-done; got != "on Tuesday=DATE:2024-03-19; early next week=DATE:2024-W13" {
			t.Error(got)
		}
	}
}

func TestStageLeavesOtherLanguagesAlone(t *testing.T) {
	for _, tt := range []struct {
		lang string
		want int
	}{{"en", 1}, {"", 1}, {"de", 0}} {
		doc := &document.Document{Language: tt.lang, Published: "2024-03-20", Text: "They met on Tuesday."}
		if err := New().Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Times) != tt.want {
			t.Errorf("language %q: %d times, want %d", tt.lang, len(doc.Times), tt.want)
		}
	}
}

func TestMovableHolidays(t *testing.T) {
	tests := []struct {
		name string
		y    int
		want string
	}{
		{"thanksgiving", 1999, "1999-11-25"},
		{"thanksgiving", 2024, "2024-11-28"},
		{"election day", 1998, "1998-11-03"},
		{"election day", 2024, "2024-11-05"},
		{"easter", 2000, "2000-04-23"},
		{"easter", 2024, "2024-03-31"},
	}
	for _, tt := range tests {
		m, d := movable(tt.name, tt.y)
		if got := fmt.Sprintf("%04d-%02d-%02d", tt.y, m, d); got != tt.want {
			t.Errorf("%s %d = %s, want %s", tt.name, tt.y, got, tt.want)
		}
	}
	ts := Find("Turkeys were pardoned before Thanksgiving Day.", date(t, "1999-11-20"))
	if len(ts) != 1 || ts[0].Value != "1999-11-25" {
		t.Errorf("Thanksgiving: %s", brief(ts))
	}
}
