package timex

import (
	"strings"
	"testing"
)

// TestNewsConventions checks the conventions added for TimeML (TempEval-3)
// annotation practice, one group per class of expression; every case
// with an expected expression failed before its rule was written, and the
// empty ones guard against false hits.
func TestNewsConventions(t *testing.T) {
	const wed = "2024-03-20" // a Wednesday in ISO week 12
	const oct = "1989-10-27" // a Friday
	tests := []struct {
		ref, text, want string
	}{
		// Tense: a word after a determiner is no verb ("the plan", "a
		// reduced dividend", "a still unspecified date").
		{oct, "The thrift announced the plan Aug. 21.", "Aug. 21=DATE:1989-08-21"},
		{wed, "The planned talks on Friday.", "on Friday=DATE:2024-03-22"},
		{"1989-11-02", "The reduced dividend is payable Jan. 2 to holders.", "Jan. 2=DATE:1990-01-02"},
		{"1989-10-26", "It would be paid on a still unspecified date in January.", "January=DATE:1990-01"},
		// Tense: "since" looks back, "by", "until", "as early as" ahead,
		// across a clock time, unless the verb is past.
		{"1990-08-13", "The ship has been at sea since March and was scheduled to return.", "March=DATE:1990-03"},
		{"2000-04-03", "The relatives have until 9 a.m. Tuesday to sign.", "9 a.m. Tuesday=TIME:2000-04-04T09:00"},
		{"2000-04-03", "His father could come as early as Tuesday.", "Tuesday=DATE:2000-04-04"},
		{"1990-08-16", "Members had filed reports by Wednesday.", "Wednesday=DATE:1990-08-15"},
		{"2000-03-30", "Officials postponed until Tuesday any action.", "Tuesday=DATE:2000-04-04"},
		{oct, "The stock is to resume trading Tuesday.", "Tuesday=DATE:1989-10-31"},
		// Tense: a plan in the pluperfect is over.
		{"1989-10-30", "The offer had been due to expire Friday evening.", "Friday evening=TIME:1989-10-27TEV"},
		// Tense: a reporting verb right before a day dates the saying.
		{oct, "Paribas said Monday that it intends to bid.", "Monday=DATE:1989-10-23"},
		// "the year": the publication year in business news; "the
		// latest fiscal year" the last completed; "the year ended
		// Sept. 30" a length.
		{"1989-10-30", "The stock hit a high for the year in June.", "the year=DATE:1989; June=DATE:1989-06"},
		{"1989-11-02", "Profit for the full year rose.", "the full year=DATE:1989"},
		{"1989-11-02", "Sales in the current fiscal year.", "the current fiscal year=DATE:1989"},
		{"1989-10-26", "Net fell in the latest fiscal year.", "the latest fiscal year=DATE:1988"},
		{"1989-11-01", "Net rose in the year ended Sept. 30.", "the year=DURATION:P1Y; Sept. 30=DATE:1989-09-30"},
		{wed, "The year before, he left; in the year since, he wrote.", ""},
		{wed, "Player of the Year.", ""},
		// "the latest period" is the last reported quarter.
		{"1989-11-02", "Profit in the latest period rose.", "the latest period=DATE:1989-Q3"},
		// Quarters as units; fractions are not quarters of a year.
		{"1989-10-27", "Sales fell in the past two quarters.", "the past two quarters=DURATION:P2Q"},
		{"1989-10-30", "Losses over several quarters.", "several quarters=DURATION:PXQ"},
		{"1989-10-30", "It pays every quarter.", "every quarter=SET:P1Q"},
		{"1989-10-26", "Growth in coming quarters.", "coming quarters=DATE:FUTURE_REF"},
		{wed, "Two quarters ago.", "Two quarters ago=DATE:2023-Q3"},
		{wed, "A quarter of the vote; three quarters of voters; a three-quarters majority.", ""},
		// Decades and centuries as years (ISO 8601 has no decade).
		{wed, "Over the past decade and two decades.", "the past decade=DURATION:P10Y; two decades=DURATION:P20Y"},
		{wed, "For half a century.", "half a century=DURATION:P50Y"},
		// A rate after an amount is a SET.
		{wed, "It will save $2 million a year and add 700 seats a week.", "a year=SET:P1Y; a week=SET:P1W"},
		{wed, "Dozens of interviews a day.", "a day=SET:P1D"},
		{wed, "It took a week.", "a week=DURATION:P1W"},
		{wed, "The plan costs an additional year; perhaps a week.", "an additional year=DURATION:P1Y; a week=DURATION:P1W"},
		{"1989-11-02", "Sales in the current fiscal year that are above plan.", "the current fiscal year=DATE:1989"},
		// Anaphora: "that year", "the following month" move from the
		// date mentioned last; with none, from the publication date.
		{"1998-04-18", "He won in 1995, and the following year he lost.", "1995=DATE:1995; the following year=DATE:1996"},
		{"1989-11-02", "In 1988 it lost money; that year, sales fell.", "1988=DATE:1988; that year=DATE:1988"},
		{"1989-10-27", "It sold bonds in March. The following month, it bought more.", "March=DATE:1989-03; The following month=DATE:1989-04"},
		{wed, "He was shot on March 2, 2023. Earlier that day he spoke.", "on March 2, 2023=DATE:2023-03-02; Earlier that day=DATE:2023-03-02"},
		{wed, "Talks ended on March 2, 2023 and resumed the next day.", "on March 2, 2023=DATE:2023-03-02; the next day=DATE:2023-03-03"},
		{wed, "In 2023 he left; the next day is unknown.", "2023=DATE:2023; the next day=DATE:2024-03-21"},
		// "the future" alone is FUTURE_REF; "the future of" a topic.
		{wed, "What the future holds; the future of the talks.", "the future=DATE:FUTURE_REF"},
		// Fractions: TIMEX3 writes whole numbers of a smaller unit.
		{wed, "After 5 1/2 hours and 2 1/2 years.", "5 1/2 hours=DURATION:PT5H30M; 2 1/2 years=DURATION:P2Y6M"},
		{wed, "It took two and a half days, then a minute and a half.", "two and a half days=DURATION:P2DT12H; a minute and a half=DURATION:PT1M30S"},
		// Counted days of a calendar ("eight trading days"), more of a
		// unit ("two more weeks"), spaced compounds ("twenty four
		// hours").
		{wed, "Prices fell for eight trading days.", "eight trading days=DURATION:P8D"},
		{wed, "He will stay two more weeks, perhaps an additional year.", "two more weeks=DURATION:P2W; an additional year=DURATION:P1Y"},
		{wed, "In the last twenty four hours.", "the last twenty four hours=DURATION:PT24H"},
		// Decades spelled out: the latest of that name.
		{"1998-03-03", "Hate groups grew in the nineties.", "the nineties=DATE:199"},
		{wed, "Jazz of the twenties.", "the twenties=DATE:202"},
		// "current" before a noun is PRESENT_REF; not a flow or ledger.
		{wed, "The current market is weak; his then-current wife.", "current=DATE:PRESENT_REF; then-current=DATE:PAST_REF"},
		{wed, "The current account deficit; swept away by the current.", ""},
		// Spelled-out years after a month or season, as broadcast
		// transcripts write them; seasons of a year.
		{"1998-02-27", "Since January nineteen ninety-seven.", "January nineteen ninety-seven=DATE:1997-01"},
		{"1998-02-23", "Prices seen in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four=DATE:1994-WI"},
		{wed, "Floods in summer 2021 and the fall of 1999.", "summer 2021=DATE:2021-SU; the fall of 1999=DATE:1999-FA"},
		{wed, "Prices fall 2000 points.", ""},
		// Half-years.
		{"1989-10-26", "Sales in the last half of 1989 and the first half of next year.", "the last half of 1989=DATE:1989-H2; the first half of next year=DATE:1990-H1"},
		// "the week of" a day is that day's ISO week; "the day
		// before" a day the day before it.
		{"2000-02-24", "A vote in the week of March 6.", "the week of March 6=DATE:2000-W10"},
		{"2000-02-24", "They met the day before last Tuesday and the day after Christmas.", "the day before last Tuesday=DATE:2000-02-21; the day after Christmas=DATE:1999-12-26"},
		// Parts of a day with "mid", "early", "late".
		{"1989-11-02", "Shares fell in mid-afternoon yesterday.", "mid-afternoon yesterday=TIME:1989-11-01TAF"},
		{wed, "By mid afternoon it was over.", "mid afternoon=TIME:2024-03-20TAF"},
		// A month as a modifier or a possessive, or after "for", is a
		// date; the given names April, May and June are not.
		{"1999-04-19", "Evidence in the October slaying.", "October=DATE:1998-10"},
		{"1998-02-06", "A revision to December's figures; the job figures for January.", "December=DATE:1997-12; January=DATE:1998-01"},
		{wed, "The March on Washington; a May spokesman; June's book; voted for May and for April.", ""},
		// Seasons with "the": the one under way, or this year's.
		{"1989-10-26", "Problems over the summer and in the early summer.", "the summer=DATE:1989-SU; the early summer=DATE:1989-SU"},
		{wed, "The fall in prices; the fall of the wall; the spring's end.", ""},
		// The near term, the weeks ahead.
		{"1989-10-30", "Losses in the near term and the weeks ahead.", "in the near term=DATE:FUTURE_REF; the weeks ahead=DURATION:PXW"},
		{wed, "The short-term debt.", ""},
		// A clock time alone is on the day the story is at; a zone
		// after "p.m." does not end the sentence.
		{"1998-08-08", "The blast came on Friday. It hit at about 10:35 a.m. and killed many.", "on Friday=DATE:1998-08-07; 10:35 a.m.=TIME:1998-08-07T10:35"},
		{"1989-11-02", "The offer expires at 5 p.m. EST Nov. 9.", "5 p.m. EST Nov. 9=TIME:1989-11-09T17:00-05"},
		{"1998-08-08", "The blast came on Friday." + strings.Repeat(" Rescue went on.", 50) + " Talks begin at 3 p.m.", "on Friday=DATE:1998-08-07; 3 p.m.=TIME:1998-08-08T15:00"},
		// Plural weekdays are SETs; "the previous Friday" counts back
		// from the day the story is at.
		{wed, "Flights leave on Tuesdays and Friday nights.", "on Tuesdays=SET:XXXX-WXX-2; Friday nights=SET:XXXX-WXX-5TNI"},
		{"1989-10-30", "Stocks fell on Oct. 26, after a rise the previous Friday.", "on Oct. 26=DATE:1989-10-26; previous Friday=DATE:1989-10-20"},
		{"1989-10-30", "A rise the previous Friday.", "previous Friday=DATE:1989-10-27"},
		// A time word capitalised inside a sentence is part of a name.
		{wed, "USA Today reported it; the film High Noon; ABC's \"This Week\" show.", ""},
		{wed, "He told CBS's 60 Minutes so.", ""},
		{wed, "Now, he says, talks resume. Now talks resume.", "Now=DATE:PRESENT_REF"},
		{wed, "He said: ``Today, I am here.''", "Today=DATE:2024-03-20"},
		// A quarter not yet begun, in a report, is last year's.
		{"1998-01-26", "Profit rose in the fourth quarter.", "the fourth quarter=DATE:1997-Q4"},
		{"1998-01-26", "Profit will rise in the fourth quarter.", "the fourth quarter=DATE:1998-Q4"},
		// "a year earlier" is the reported quarter a year before, not a
		// forecast quarter named in between.
		{"1989-10-26", "Profit fell in the third quarter; losses may last through the third quarter of 1990. Sales were flat a year earlier.",
			"the third quarter=DATE:1989-Q3; the third quarter of 1990=DATE:1990-Q3; a year earlier=DATE:1988-Q3"},
	}
	for _, tt := range tests {
		got := brief(Find(tt.text, date(t, tt.ref)))
		if got != tt.want {
			t.Errorf("ref %s %q:\n got  %s\n want %s", tt.ref, tt.text, got, tt.want)
		}
	}
}
