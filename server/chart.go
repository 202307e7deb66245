package server

import (
	"fmt"
	"math"
	"time"

	"newsgraph/store"
)

// chart is a bar chart of counts over time, drawn as SVG by the template:
// no script, so it works under the strict CSP and without JavaScript.
type chart struct {
	Caption string
	Width   int
	Height  int
	Bars    []bar
	Max     int
	Total   int
	First   string
	Last    string
	Unit    string // day, month or year
}

type bar struct {
	X, Y, W, H float64
	Label      string
	Count      int
}

const (
	chartW     = 720
	chartH     = 160
	chartPadB  = 18
	chartPadT  = 14
	maxBuckets = 120
)

// newChart buckets per-day counts by day, month or year so that at most
// maxBuckets bars are drawn, filling empty buckets with zero so gaps in
// attention show. Values that are not ISO dates are skipped.
func newChart(days []store.Count, caption string) *chart {
	type dc struct {
		t time.Time
		n int
	}
	var pts []dc
	for _, d := range days {
		if len(d.Value) < 10 {
			continue
		}
		t, err := time.Parse("2006-01-02", d.Value[:10])
		if err != nil {
			continue
		}
		pts = append(pts, dc{t, d.Count})
	}
	if len(pts) == 0 {
		return nil
	}
	first, last := pts[0].t, pts[0].t
	for _, p := range pts {
		if p.t.Before(first) {
			first = p.t
		}
		if p.t.After(last) {
			last = p.t
		}
	}
	unit, layout := "day", "2006-01-02"
	step := func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }
	trunc := func(t time.Time) time.Time { return t }
	if last.Sub(first).Hours()/24 >= maxBuckets {
		unit, layout = "month", "2006-01"
		step = func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
		trunc = func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC) }
		if (last.Year()-first.Year())*12+int(last.Month()-first.Month()) >= maxBuckets {
			unit, layout = "year", "2006"
			step = func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }
			trunc = func(t time.Time) time.Time { return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC) }
		}
	}
	counts := map[time.Time]int{}
	for _, p := range pts {
		counts[trunc(p.t)] += p.n
	}
	var buckets []time.Time
	for t := trunc(first); !t.After(trunc(last)) && len(buckets) < 10*maxBuckets; t = step(t) {
		buckets = append(buckets, t)
	}
	c := &chart{Caption: caption, Width: chartW, Height: chartH, Unit: unit,
		First: first.Format(layout), Last: last.Format(layout)}
	for _, t := range buckets {
		c.Max = max(c.Max, counts[t])
		c.Total += counts[t]
	}
	if c.Max == 0 {
		return nil
	}
	slot := float64(chartW) / float64(len(buckets))
	w := math.Min(math.Max(slot*0.8, 0.5), 48)
	plotH := float64(chartH - chartPadB - chartPadT)
	for i, t := range buckets {
		n := counts[t]
		h := plotH * float64(n) / float64(c.Max)
		if n > 0 && h < 1 {
			h = 1
		}
		c.Bars = append(c.Bars, bar{
			X: round1(float64(i)*slot + (slot-w)/2), W: round1(w),
			Y: round1(float64(chartH-chartPadB) - h), H: round1(h),
			Label: t.Format(layout), Count: n,
		})
	}
	return c
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// mapPin is one marker on the world map.
type mapPin struct {
	Key    string
	Lat    float64
	Lon    float64
	Label  string
	Href   string
	Count  int // articles (or mentions) at the place
	Events int // events located there
}

// worldMap places pins on the equirectangular frame of static/world.svg
// (x = lon + 180, y = 90 − lat; viewBox 0 0 360 180).
type worldMap struct {
	Pins []pinXY
}

type pinXY struct {
	mapPin
	X, Y, R float64
	Title   string
}

func newWorldMap(pins []mapPin) *worldMap {
	m := &worldMap{}
	maxCount := 1
	for _, p := range pins {
		maxCount = max(maxCount, p.Count)
	}
	for _, p := range pins {
		if math.IsNaN(p.Lat) || math.IsNaN(p.Lon) || p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 {
			continue
		}
		r := 0.9 + 3.2*math.Sqrt(float64(p.Count)/float64(maxCount))
		title := fmt.Sprintf("%s — %d article(s)", p.Label, p.Count)
		if p.Events > 0 {
			title += fmt.Sprintf(", %d event(s)", p.Events)
		}
		m.Pins = append(m.Pins, pinXY{mapPin: p, X: round1(p.Lon + 180), Y: round1(90 - p.Lat), R: round1(r), Title: title})
	}
	// big circles first so small ones stay clickable on top
	for i := 1; i < len(m.Pins); i++ {
		for j := i; j > 0 && m.Pins[j].R > m.Pins[j-1].R; j-- {
			m.Pins[j], m.Pins[j-1] = m.Pins[j-1], m.Pins[j]
		}
	}
	return m
}
