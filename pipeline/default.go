package pipeline

import (
	"newsgraph/cluster"
	"newsgraph/coref"
	"newsgraph/events"
	"newsgraph/geo"
	"newsgraph/geo/gazetteer"
	"newsgraph/nlp"
	"newsgraph/quotes"
	"newsgraph/timex"
)

// Default returns the standard analysis: sentences, tokens and names;
// places (before coref, so that coref knows which names are places);
// entities; times; quotes (which need entities for speakers); events (which
// need all of the above); and the story fingerprint.
func Default() *Pipeline {
	gaz := gazetteer.Default()
	return New(
		nlp.New(),
		geo.New(gaz),
		coref.New(gaz.Demonym),
		timex.New(),
		quotes.New(),
		events.New(),
		cluster.New(),
	)
}
