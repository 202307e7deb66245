package eval

import (
	"context"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"newsgraph/document"
	"newsgraph/geo"
	"newsgraph/geo/gazetteer"
	"newsgraph/nlp"
	"newsgraph/pipeline"
)

func init() { Register("places", runPlaces) }

// The places suite scores toponym resolution on two geoparsing corpora
// (Gritta et al., "A Pragmatic Guide to Geoparsing Evaluation"):
// GeoVirus.xml (Wikinews articles, toponyms with coordinates) and
// TR-News.xml (news articles, toponyms with GeoNames entries; those
// without coordinates are left out). Each article's text is read as given
// (`extract --plain`, with the site's domain where TR-News gives it), run
// through the nlp stage's name finding and the geo stage, and every place mention we resolve is matched to the gold
// toponym its span overlaps.
//
// Adjectival toponyms ("Turkish", "Syrian"; TR-News marks them) are
// demonyms to newsgraph: they give a country to entities and actors, not a
// place. They are scored through that country (geo.Demonyms, what coref
// writes as the entity's country), so that a gold "Turkish" counts as
// found when we read it as Turkey.
//
// Per corpus: acc161_of_gold is the share of gold toponyms we resolve
// within 161 km (100 miles) of the gold point; acc161_of_resolved the
// share within 161 km of those we resolve; mean_km and median_km the
// error over those we resolve; auc the area under the curve of sorted
// log errors, normalised by the log of half the Earth's circumference
// (Gritta et al.; 0 is perfect, lower is better). extra counts our place
// mentions that overlap no gold toponym.
//
// Baseline in the same run: "population", the same names resolved each to
// its most populous reading (geo.NewPopulationBaseline), with no context.

// goldToponym is one annotated place mention, with a byte span.
type goldToponym struct {
	Name       string
	Start, End int
	Lat, Lon   float64
	Adjective  bool // the phrase is a demonym ("Turkish")
}

// geoArticle is one article of a geoparsing corpus.
type geoArticle struct {
	ID       string
	Text     string
	Site     string // the site's domain, where the corpus gives it
	Toponyms []goldToponym
}

// geoVirusXML and trNewsXML are the two corpora's file layouts.
type geoVirusXML struct {
	Articles []struct {
		Source    string `xml:"source"`
		Text      string `xml:"text"`
		Locations []struct {
			Name  string  `xml:"name"`
			Start int     `xml:"start"`
			End   int     `xml:"end"`
			Lat   float64 `xml:"lat"`
			Lon   float64 `xml:"lon"`
		} `xml:"locations>location"`
	} `xml:"article"`
}

type trNewsXML struct {
	Articles []struct {
		DocID    string `xml:"docid,attr"`
		Domain   string `xml:"domain"`
		Text     string `xml:"text"`
		Toponyms []struct {
			Phrase string `xml:"phrase"`
			Start  int    `xml:"start"`
			End    int    `xml:"end"`
			Gaztag *struct {
				Lat string `xml:"lat"`
				Lon string `xml:"lon"`
			} `xml:"gaztag"`
		} `xml:"toponyms>toponym"`
	} `xml:"article"`
}

// loadGeoCorpus reads GeoVirus.xml or TR-News.xml.
func loadGeoCorpus(path string, gaz *gazetteer.Gazetteer) ([]geoArticle, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read geo corpus: %w", err)
	}
	var out []geoArticle
	if strings.Contains(filepath.Base(path), "GeoVirus") {
		var x geoVirusXML
		if err := xml.Unmarshal(b, &x); err != nil {
			return nil, fmt.Errorf("decode %s: %w", path, err)
		}
		for i, a := range x.Articles {
			ga := geoArticle{ID: fmt.Sprintf("%d %s", i, a.Source), Text: a.Text}
			for _, l := range a.Locations {
				ga.add(l.Name, l.Start, l.End, l.Lat, l.Lon, gaz)
			}
			out = append(out, ga)
		}
		return out, nil
	}
	var x trNewsXML
	if err := xml.Unmarshal(b, &x); err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	for _, a := range x.Articles {
		ga := geoArticle{ID: a.DocID, Text: a.Text, Site: strings.TrimSpace(a.Domain)}
		for _, t := range a.Toponyms {
			if t.Gaztag == nil {
				continue // no coordinates to score against
			}
			lat, err1 := strconv.ParseFloat(strings.TrimSpace(t.Gaztag.Lat), 64)
			lon, err2 := strconv.ParseFloat(strings.TrimSpace(t.Gaztag.Lon), 64)
			if err1 != nil || err2 != nil {
				continue
			}
			ga.add(t.Phrase, t.Start, t.End, lat, lon, gaz)
		}
		out = append(out, ga)
	}
	return out, nil
}

// add appends a toponym given by character offsets. The corpora's offsets
// count characters and are off by one in places, so the name is looked
// for within a few characters of where they say; a toponym not found
// there is dropped.
func (a *geoArticle) add(name string, start, end int, lat, lon float64, gaz *gazetteer.Gazetteer) {
	name = strings.TrimSpace(name)
	if name == "" {
		return
	}
	bs, ok := nearestOccurrence(a.Text, name, start, 5)
	if !ok {
		return
	}
	_, demonym := gaz.Demonym(name)
	a.Toponyms = append(a.Toponyms, goldToponym{
		Name: name, Start: bs, End: bs + len(name), Lat: lat, Lon: lon,
		Adjective: demonym && !gaz.Has(name),
	})
}

// nearestOccurrence returns the byte offset of the occurrence of name
// whose character offset is nearest to char, if one is within slack
// characters.
func nearestOccurrence(text, name string, char, slack int) (int, bool) {
	best, bestDist := -1, slack+1
	ci := 0 // character index of byte offset i
	for i := range text {
		if d := abs(ci - char); d <= slack && strings.HasPrefix(text[i:], name) && d < bestDist {
			best, bestDist = i, d
		}
		if ci > char+slack {
			break
		}
		ci++
	}
	return best, best >= 0
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// resolvedSpan is one place reading a system gave a span of text.
type resolvedSpan struct {
	Start, End int
	Name       string
	Lat, Lon   float64
}

// resolvedSpans runs p over text and returns its place mentions and its
// demonyms (read as their country), in text order.
func resolvedSpans(ctx context.Context, p *pipeline.Pipeline, gaz *gazetteer.Gazetteer, text, site string) ([]resolvedSpan, error) {
	doc := document.New()
	doc.Text = text
	doc.Site = site
	if err := p.Process(ctx, doc); err != nil {
		return nil, err
	}
	var out []resolvedSpan
	taken := map[int]bool{}
	for _, pl := range doc.Places {
		for _, m := range pl.Mentions {
			out = append(out, resolvedSpan{Start: m.Start, End: m.End, Name: pl.Name, Lat: pl.Lat, Lon: pl.Lon})
			taken[m.Start] = true
		}
	}
	for _, d := range geo.Demonyms(text, gaz) {
		if taken[d.Start] {
			continue
		}
		if c, ok := gaz.Country(d.Country); ok {
			out = append(out, resolvedSpan{Start: d.Start, End: d.End, Name: c.Name, Lat: c.Lat, Lon: c.Lon})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out, nil
}

// placeItem is the per-toponym result written to places-items.jsonl.
type placeItem struct {
	Corpus    string   `json:"corpus"`
	Article   string   `json:"article"`
	Toponym   string   `json:"toponym"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	GoldLat   float64  `json:"gold_lat"`
	GoldLon   float64  `json:"gold_lon"`
	Ours      string   `json:"ours,omitempty"` // "" when we resolved nothing there
	Lat       float64  `json:"lat,omitempty"`
	Lon       float64  `json:"lon,omitempty"`
	Km        *float64 `json:"km,omitempty"`
	Baseline  string   `json:"population,omitempty"`
	BaseKm    *float64 `json:"population_km,omitempty"`
	Adjective bool     `json:"adjective,omitempty"`
}

// geoTally is one system's errors on one corpus.
type geoTally struct {
	gold, extra int
	errs        []float64 // km, one per gold toponym we resolved
}

// score matches a system's spans to the gold toponyms of one article.
// It returns the error per toponym (nil where unresolved) and what each
// was read as.
func (t *geoTally) score(gold []goldToponym, ours []resolvedSpan) ([]*float64, []resolvedSpan) {
	kms := make([]*float64, len(gold))
	got := make([]resolvedSpan, len(gold))
	used := make([]bool, len(ours))
	for i, g := range gold {
		t.gold++
		for j, o := range ours {
			if o.Start < g.End && g.Start < o.End {
				km := haversineKm(g.Lat, g.Lon, o.Lat, o.Lon)
				kms[i], got[i] = &km, o
				t.errs = append(t.errs, km)
				used[j] = true
				break
			}
		}
	}
	for j, o := range ours {
		if used[j] {
			continue
		}
		for _, g := range gold { // a second reading of a span already matched
			if o.Start < g.End && g.Start < o.End {
				used[j] = true
				break
			}
		}
		if !used[j] {
			t.extra++
		}
	}
	return kms, got
}

// metrics returns the figures for one corpus, named prefix_….
func (t geoTally) metrics(prefix string, into map[string]float64) {
	within := 0
	for _, e := range t.errs {
		if e <= 161 {
			within++
		}
	}
	errs := append([]float64(nil), t.errs...)
	sort.Float64s(errs)
	into[prefix+"_gold"] = float64(t.gold)
	into[prefix+"_resolved"] = float64(len(errs))
	into[prefix+"_extra"] = float64(t.extra)
	into[prefix+"_acc161_of_gold"] = ratio(within, t.gold)
	into[prefix+"_acc161_of_resolved"] = ratio(within, len(errs))
	into[prefix+"_mean_km"] = mean(errs)
	into[prefix+"_median_km"] = median(errs)
	into[prefix+"_auc"] = errorAUC(errs)
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// median of sorted xs.
func median(xs []float64) float64 {
	n := len(xs)
	switch {
	case n == 0:
		return 0
	case n%2 == 1:
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// errorAUC is Gritta et al.'s area under the curve of sorted errors
// (sorted xs, km): the trapezoid area under ln(error+1), divided by the
// number of errors and by ln(20039), the largest possible error.
func errorAUC(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	area := 0.0
	for i := 0; i+1 < len(xs); i++ {
		area += (math.Log(xs[i]+1) + math.Log(xs[i+1]+1)) / 2
	}
	if len(xs) == 1 {
		area = math.Log(xs[0] + 1)
	}
	return area / (float64(len(xs)) * math.Log(20039))
}

func runPlaces(ctx context.Context, dir string, opts Options) (*Report, error) {
	gaz := gazetteer.Default()
	corpora := []struct{ prefix, file string }{{"geovirus", "GeoVirus.xml"}, {"trnews", "TR-News.xml"}}
	ours := pipeline.New(nlp.New(), geo.New(gaz))
	base := pipeline.New(nlp.New(), geo.NewPopulationBaseline(gaz))
	rep := &Report{Suite: "places", Data: dir, Metrics: map[string]float64{}, Baselines: map[string]map[string]float64{"population": {}}}
	var items []placeItem
	found := 0
	for _, c := range corpora {
		path := filepath.Join(dir, c.file)
		if _, err := os.Stat(path); err != nil {
			rep.Notes = append(rep.Notes, fmt.Sprintf("%s: not found, skipped", path))
			continue
		}
		found++
		arts, err := loadGeoCorpus(path, gaz)
		if err != nil {
			return nil, err
		}
		if opts.Limit > 0 && opts.Limit < len(arts) {
			arts = arts[:opts.Limit]
		}
		type result struct {
			ours, base []resolvedSpan
			err        error
		}
		res := make([]result, len(arts))
		secs, err := parallel(ctx, len(arts), func(i int) {
			r := &res[i]
			if r.ours, r.err = resolvedSpans(ctx, ours, gaz, arts[i].Text, arts[i].Site); r.err == nil {
				r.base, r.err = resolvedSpans(ctx, base, gaz, arts[i].Text, arts[i].Site)
			}
		})
		if err != nil {
			return nil, err
		}
		var tOurs, tBase geoTally
		for i, a := range arts {
			if res[i].err != nil {
				return nil, fmt.Errorf("%s article %s: %w", c.file, a.ID, res[i].err)
			}
			kms, got := tOurs.score(a.Toponyms, res[i].ours)
			bkms, bgot := tBase.score(a.Toponyms, res[i].base)
			for j, g := range a.Toponyms {
				items = append(items, placeItem{
					Corpus: c.prefix, Article: a.ID, Toponym: g.Name, Start: g.Start, End: g.End,
					GoldLat: g.Lat, GoldLon: g.Lon, Ours: got[j].Name, Lat: got[j].Lat, Lon: got[j].Lon, Km: kms[j],
					Baseline: bgot[j].Name, BaseKm: bkms[j], Adjective: g.Adjective,
				})
			}
		}
		tOurs.metrics(c.prefix, rep.Metrics)
		tBase.metrics(c.prefix, rep.Baselines["population"])
		rep.Metrics[c.prefix+"_articles"] = float64(len(arts))
		rep.Metrics[c.prefix+"_seconds_both_systems"] = secs
	}
	if found == 0 {
		return nil, fmt.Errorf("no GeoVirus.xml or TR-News.xml in %s", dir)
	}
	if opts.Out != "" {
		p, err := writeJSONLines(filepath.Join(opts.Out, "places-items.jsonl"), items)
		if err != nil {
			return nil, err
		}
		rep.Notes = append(rep.Notes, "per-toponym results: "+p)
	}
	return rep, nil
}
