package server

import (
	"testing"

	"newsgraph/store"
)

func TestNewChart(t *testing.T) {
	if c := newChart(nil, "x"); c != nil {
		t.Errorf("no days: want no chart, got %+v", c)
	}
	if c := newChart([]store.Count{{Value: "not a date", Count: 3}}, "x"); c != nil {
		t.Errorf("bad dates: want no chart, got %+v", c)
	}
	days := newChart([]store.Count{{Value: "2024-03-01", Count: 2}, {Value: "2024-03-04", Count: 1}}, "x")
	if days == nil || days.Unit != "day" || len(days.Bars) != 4 || days.Total != 3 || days.Max != 2 {
		t.Fatalf("by day: %+v", days)
	}
	if days.Bars[1].Count != 0 || days.Bars[1].H != 0 {
		t.Errorf("empty day not drawn as a gap: %+v", days.Bars[1])
	}
	months := newChart([]store.Count{{Value: "2023-01-15", Count: 1}, {Value: "2023-01-20", Count: 1}, {Value: "2024-02-01", Count: 4}}, "x")
	if months == nil || months.Unit != "month" || len(months.Bars) != 14 || months.Bars[0].Count != 2 || months.First != "2023-01" {
		t.Fatalf("by month: %+v", months)
	}
	years := newChart([]store.Count{{Value: "1990-05-01", Count: 1}, {Value: "2024-02-01T10:00:00Z", Count: 1}}, "x")
	if years == nil || years.Unit != "year" || len(years.Bars) != 35 {
		t.Fatalf("by year: %+v", years)
	}
	for _, b := range append(append(days.Bars, months.Bars...), years.Bars...) {
		if b.Y < 0 || b.Y+b.H > chartH+0.01 || b.X < 0 || b.X+b.W > chartW+0.01 {
			t.Errorf("bar outside the frame: %+v", b)
		}
	}
}
