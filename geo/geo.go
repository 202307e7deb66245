// Package geo is the pipeline stage that finds the places an article names
// and resolves each to one gazetteer entry (toponym resolution).
//
// It runs after nlp, whose name finder types names PERSON, ORG, GPE, LOC,
// NORP or MISC, and before coref. A name is a place candidate when the
// gazetteer knows it and its type allows: GPE and LOC names may match any
// name of a place, ORG, FAC and MISC names (often mistyped places) only a
// place's own name or curated alias, never a GeoNames alternate name
// ("Hamas" is one for Hamm, Germany). PERSON and NORP names are never
// places. When nlp found no names at all, the stage scans the text for
// capitalised runs itself.
//
// Each surface form is resolved once per article (one sense per
// discourse) by a score that adds:
//
//   - a prior from the kind of place (country > curated area > capital >
//     division > town) and its population;
//   - context: the countries and first-level divisions of the article's
//     other places, its demonyms ("Israeli") and the country of its site's
//     domain (cbc.ca, bbc.co.uk), so that a place in a country or state
//     the article is about wins over a namesake elsewhere; the readings
//     are revised in turn until they agree;
//   - containment: "Rafah, Gaza" and "Paris, Texas" pick the readings that
//     nest; "Washington state" and "the state of Washington" a division;
//     places listed together ("Arizona, Georgia and Illinois") readings
//     of one kind in one country.
//
// Places inside longer names count too ("California Department of Public
// Health", "University of Manitoba"): countries, divisions, curated areas
// and cities of 100,000 people or more. An all-capital dateline ("LONDON
// —") may be any town. Demonyms are not place mentions (see [Demonyms]).
//
// A capital outranks a division of the same name ("Washington") unless
// the context says otherwise, because the prior gives capitals more.
package geo

import (
	"context"

	"newsgraph/document"
	"newsgraph/geo/gazetteer"
)

// Stage resolves place names. It is safe for concurrent use.
type Stage struct {
	gaz *gazetteer.Gazetteer
	// populationOnly picks the most populous reading of each name and
	// ignores kind, context and containment: the baseline the geoparsing
	// literature compares with.
	populationOnly bool
}

// New returns the stage over g, or over the default gazetteer when g is
// nil.
func New(g *gazetteer.Gazetteer) *Stage {
	if g == nil {
		g = gazetteer.Default()
	}
	return &Stage{gaz: g}
}

// NewPopulationBaseline returns a stage that finds the same place names as
// [New] but resolves each to its most populous reading, with no context:
// the population baseline of `newsgraph eval places`.
func NewPopulationBaseline(g *gazetteer.Gazetteer) *Stage {
	s := New(g)
	s.populationOnly = true
	return s
}

// Name returns "geo".
func (s *Stage) Name() string { return "geo" }

// Process writes doc.Places and retypes the names that are places GPE or
// LOC. When doc.Names is empty it adds a name for each place it finds by
// scanning the text.
func (s *Stage) Process(ctx context.Context, doc *document.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(doc.Names) == 0 {
		// nlp did not run: find capitalised place names directly, so that
		// the stage is useful alone and in tests.
		doc.Names = s.scan(doc)
	}
	ms := s.candidates(doc)
	if s.populationOnly {
		resolveByPopulation(ms)
	} else {
		ctx := s.demonymCountries(doc)
		if c := s.siteCountry(doc); c != "" {
			ctx[c]++
		}
		resolve(ms, ctx, doc.Text)
	}
	doc.Places = places(doc, ms)
	return nil
}
