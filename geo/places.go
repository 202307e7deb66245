package geo

import (
	"fmt"
	"strconv"

	"newsgraph/document"
	"newsgraph/geo/gazetteer"
)

// places builds doc.Places from the resolved mentions, one place per
// gazetteer entry with ids P1… in order of first mention, and retypes
// each place name GPE, or LOC for a natural or loosely bounded area.
func places(doc *document.Document, ms []*mention) []document.Place {
	out := []document.Place{}
	index := map[string]int{}
	for _, m := range ms {
		if m.pick < 0 {
			continue
		}
		e := m.cands[m.pick].Entry
		k := identity(e)
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, document.Place{
				ID: "P" + strconv.Itoa(i+1), Name: e.Name, Country: e.Country,
				Lat: e.Lat, Lon: e.Lon, GeonamesID: e.GeonamesID, Feature: e.Feature,
				Mentions: []document.Span{},
			})
		}
		out[i].Mentions = append(out[i].Mentions, document.Span{Start: m.start, End: m.end, Text: doc.Text[m.start:m.end]})
		switch {
		case m.inner:
		case e.IsGeographic():
			doc.Names[m.name].Type = document.TypeLoc
		default:
			doc.Names[m.name].Type = document.TypeGPE
		}
	}
	return out
}

// identity keys an entry: its GeoNames id, else its name, country and
// feature.
func identity(e gazetteer.Entry) string {
	if e.GeonamesID != 0 {
		return strconv.Itoa(e.GeonamesID)
	}
	return fmt.Sprintf("%s|%s|%s", e.Name, e.Country, e.Feature)
}
