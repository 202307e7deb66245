package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"newsgraph/document"
	"newsgraph/extract"
	"newsgraph/pipeline"
)

func init() { Register("seed", runSeed) }

// seedGold is the expected reading of a seed article
// (../shared/seed/*.gold.json). Its matching rules, from its "about":
// names match case-insensitively on the listed surface, places within
// max_km, events by actor country or entity name and by any of the allowed
// PLOVER types; every required item must be found, optional items are
// credited, forbidden items must not appear.
type seedGold struct {
	Published string `json:"published"`
	Title     string `json:"title"`
	Text      struct {
		MustInclude      []string `json:"must_include"`
		MustExcludeLines []string `json:"must_exclude_lines"`
	} `json:"text"`
	Entities struct {
		Required []struct {
			Name        string `json:"name"`
			Type        string `json:"type"`
			Country     string `json:"country"`
			MinMentions int    `json:"min_mentions"`
		} `json:"required"`
		ForbiddenNames []string `json:"forbidden_names"`
	} `json:"entities"`
	Places struct {
		Required []struct {
			Name    string  `json:"name"`
			Country string  `json:"country"`
			Lat     float64 `json:"lat"`
			Lon     float64 `json:"lon"`
			MaxKm   float64 `json:"max_km"`
		} `json:"required"`
	} `json:"places"`
	Times struct {
		Required []struct {
			Text  string   `json:"text"`
			Value []string `json:"value"`
		} `json:"required"`
	} `json:"times"`
	Quotes struct {
		Required []struct {
			Speaker  string `json:"speaker"`
			Kind     string `json:"kind"`
			Contains string `json:"contains"`
		} `json:"required"`
		ForbiddenSpeakers []string `json:"forbidden_speakers"`
	} `json:"quotes"`
	Events struct {
		Required  []goldEvent `json:"required"`
		Optional  []goldEvent `json:"optional"`
		Forbidden []goldEvent `json:"forbidden"`
		MaxEvents int         `json:"max_events"`
	} `json:"events"`
}

type goldEvent struct {
	What   string   `json:"what"`
	Source []string `json:"source"`
	Target []string `json:"target"`
	Type   []string `json:"type"`
	Place  string   `json:"place"`
}

// runSeed reads every ARTICLE.txt with an ARTICLE.gold.json beside it in
// dir, runs the whole pipeline on it, and checks the result item by item.
func runSeed(ctx context.Context, dir string, opts Options) (*Report, error) {
	golds, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil {
		return nil, fmt.Errorf("list gold files in %s: %w", dir, err)
	}
	if len(golds) == 0 {
		return nil, fmt.Errorf("no *.gold.json files in %s", dir)
	}
	rep := &Report{Suite: "seed", Data: dir, Metrics: map[string]float64{}, Baselines: map[string]map[string]float64{}}
	p := pipeline.Default()
	for _, goldPath := range golds {
		base := strings.TrimSuffix(goldPath, ".gold.json")
		doc, gold, err := readSeed(ctx, p, base)
		if err != nil {
			return nil, err
		}
		if opts.Out != "" {
			b, _ := json.MarshalIndent(doc, "", "  ")
			if err := os.WriteFile(filepath.Join(opts.Out, filepath.Base(base)+".json"), b, 0o644); err != nil {
				return nil, fmt.Errorf("write result: %w", err)
			}
		}
		rep.Checks = append(rep.Checks, checkSeed(doc, gold)...)
	}
	sections := map[string][2]int{} // section -> passed, total
	passed := 0
	for _, c := range rep.Checks {
		s := sections[c.Section]
		s[1]++
		if c.Pass {
			s[0]++
			passed++
		}
		sections[c.Section] = s
	}
	for name, s := range sections {
		rep.Metrics[name+"_passed"] = float64(s[0])
		rep.Metrics[name+"_checks"] = float64(s[1])
	}
	rep.Metrics["passed"] = float64(passed)
	rep.Metrics["checks"] = float64(len(rep.Checks))
	return rep, nil
}

func readSeed(ctx context.Context, p *pipeline.Pipeline, base string) (*document.Document, *seedGold, error) {
	gb, err := os.ReadFile(base + ".gold.json")
	if err != nil {
		return nil, nil, fmt.Errorf("read gold: %w", err)
	}
	var gold seedGold
	if err := json.Unmarshal(gb, &gold); err != nil {
		return nil, nil, fmt.Errorf("parse %s.gold.json: %w", base, err)
	}
	input, err := os.ReadFile(base + ".txt")
	if err != nil {
		return nil, nil, fmt.Errorf("read seed article: %w", err)
	}
	doc, err := extract.Read(input, extract.Options{Published: gold.Published})
	if err != nil {
		return nil, nil, fmt.Errorf("extract %s.txt: %w", base, err)
	}
	if err := p.Process(ctx, doc); err != nil {
		return nil, nil, fmt.Errorf("analyse %s.txt: %w", base, err)
	}
	return doc, &gold, nil
}

// foldLoose normalises text for the gold's loose matching: case, typographic
// quotes and apostrophes, and white space.
func foldLoose(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "\u00a0", " ").Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

func checkSeed(doc *document.Document, g *seedGold) []Check {
	var cs []Check
	add := func(section, item string, pass bool, detail string) {
		cs = append(cs, Check{Section: section, Item: item, Pass: pass, Detail: detail})
	}

	add("title", g.Title, foldLoose(doc.Title) == foldLoose(g.Title), "got "+clipItem(doc.Title))

	text := foldLoose(doc.Text)
	for _, s := range g.Text.MustInclude {
		add("text", "includes "+clipItem(s), strings.Contains(text, foldLoose(s)), "")
	}
	lines := map[string]bool{}
	for _, l := range strings.Split(doc.Text, "\n") {
		lines[foldLoose(l)] = true
	}
	for _, s := range g.Text.MustExcludeLines {
		add("text", "excludes line "+s, !lines[foldLoose(s)], "")
	}

	for _, want := range g.Entities.Required {
		e := entityNamed(doc, want.Name)
		pass, detail := e != nil, "not found"
		if e != nil {
			detail = fmt.Sprintf("%s %s %s ×%d", e.ID, e.Type, e.Country, len(e.Mentions))
			pass = (want.Type == "" || e.Type == want.Type) &&
				(want.Country == "" || e.Country == want.Country) &&
				len(e.Mentions) >= want.MinMentions
		}
		add("entities", want.Name, pass, detail)
	}
	for _, name := range g.Entities.ForbiddenNames {
		bad := ""
		for _, e := range doc.Entities {
			if foldLoose(e.Name) == foldLoose(name) {
				bad = e.ID
			}
			for _, m := range e.Mentions {
				if foldLoose(m.Text) == foldLoose(name) {
					bad = e.ID
				}
			}
		}
		add("entities", "no entity "+name, bad == "", bad)
	}

	for _, want := range g.Places.Required {
		var best *document.Place
		bestKm := math.Inf(1)
		for i := range doc.Places {
			pl := &doc.Places[i]
			if foldLoose(pl.Name) != foldLoose(want.Name) && !placeMentioned(pl, want.Name) {
				continue
			}
			if km := haversineKm(pl.Lat, pl.Lon, want.Lat, want.Lon); km < bestKm {
				best, bestKm = pl, km
			}
		}
		pass, detail := false, "not found"
		if best != nil {
			pass = bestKm <= want.MaxKm && (want.Country == "" || best.Country == want.Country)
			detail = fmt.Sprintf("%s %s %.0f km off", best.ID, best.Country, bestKm)
		}
		add("places", want.Name, pass, detail)
	}

	for _, want := range g.Times.Required {
		pass, detail := false, "not found"
		for _, t := range doc.Times {
			if !strings.Contains(foldLoose(t.Text), foldLoose(want.Text)) && !strings.Contains(foldLoose(want.Text), foldLoose(t.Text)) {
				continue
			}
			detail = fmt.Sprintf("%s %q = %s", t.ID, t.Text, t.Value)
			for _, v := range want.Value {
				if t.Value == v {
					pass = true
				}
			}
			if pass {
				break
			}
		}
		add("times", want.Text, pass, detail)
	}

	for _, want := range g.Quotes.Required {
		pass, detail := false, "not found"
		for _, q := range doc.Quotes {
			if !strings.Contains(foldLoose(q.Text), foldLoose(want.Contains)) {
				continue
			}
			speaker := speakerName(doc, q)
			detail = fmt.Sprintf("%s %s by %q", q.ID, q.Kind, speaker)
			if q.Kind == want.Kind && foldLoose(speaker) == foldLoose(want.Speaker) {
				pass = true
				break
			}
		}
		add("quotes", want.Speaker+": "+clipItem(want.Contains), pass, detail)
	}
	for _, name := range g.Quotes.ForbiddenSpeakers {
		bad := ""
		for _, q := range doc.Quotes {
			if foldLoose(speakerName(doc, q)) == foldLoose(name) {
				bad = q.ID
			}
		}
		add("quotes", "no quote by "+name, bad == "", bad)
	}

	for _, want := range g.Events.Required {
		id := findEvent(doc, want)
		add("events", want.What, id != "", id)
	}
	for _, want := range g.Events.Optional {
		id := findEvent(doc, want)
		add("events_optional", want.What, id != "", id)
	}
	for _, want := range g.Events.Forbidden {
		id := findEvent(doc, want)
		add("events", "not: "+want.What, id == "", id)
	}
	if g.Events.MaxEvents > 0 {
		add("events", fmt.Sprintf("at most %d events", g.Events.MaxEvents), len(doc.Events) <= g.Events.MaxEvents, fmt.Sprintf("%d events", len(doc.Events)))
	}
	return cs
}

func entityNamed(doc *document.Document, name string) *document.Entity {
	for i := range doc.Entities {
		if foldLoose(doc.Entities[i].Name) == foldLoose(name) {
			return &doc.Entities[i]
		}
	}
	return nil
}

func placeMentioned(pl *document.Place, name string) bool {
	for _, m := range pl.Mentions {
		if foldLoose(m.Text) == foldLoose(name) {
			return true
		}
	}
	return false
}

func speakerName(doc *document.Document, q document.Quote) string {
	if q.Speaker == nil {
		return ""
	}
	if e := doc.EntityByID(*q.Speaker); e != nil {
		return e.Name
	}
	return ""
}

// findEvent returns the id of the first event that matches want: a type
// among the allowed ones, a source and a target actor each matching one of
// the listed countries or entity names (an empty list matches anything),
// and the place by name when one is given.
func findEvent(doc *document.Document, want goldEvent) string {
	for _, e := range doc.Events {
		if !slices.Contains(want.Type, e.Type) {
			continue
		}
		if !actorsMatch(doc, e.Source, want.Source) || !actorsMatch(doc, e.Target, want.Target) {
			continue
		}
		if want.Place != "" {
			if e.Place == nil {
				continue
			}
			ok := false
			for i := range doc.Places {
				if doc.Places[i].ID == *e.Place && (foldLoose(doc.Places[i].Name) == foldLoose(want.Place) || placeMentioned(&doc.Places[i], want.Place)) {
					ok = true
				}
			}
			if !ok {
				continue
			}
		}
		return e.ID
	}
	return ""
}

func actorsMatch(doc *document.Document, actors []document.Actor, want []string) bool {
	if len(want) == 0 {
		return true
	}
	for _, a := range actors {
		name := ""
		if e := doc.EntityByID(a.Entity); e != nil {
			name = e.Name
		}
		for _, w := range want {
			if (a.Country != "" && a.Country == w) || (name != "" && foldLoose(name) == foldLoose(w)) {
				return true
			}
		}
	}
	return false
}

func clipItem(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}

// haversineKm is the great-circle distance between two points.
func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const earthKm = 6371.0
	rad := math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthKm * math.Asin(math.Sqrt(a))
}
