package coref

import (
	"sort"

	"newsgraph/document"
)

// entities numbers the groups by first mention and writes them out, and
// sets each name's Entity.
func (r *resolver) entities() []document.Entity {
	type numbered struct {
		g     *group
		first int
	}
	order := make([]numbered, 0, len(r.groups))
	for _, g := range r.groups {
		first := -1
		for _, m := range r.mentions(g) {
			if first < 0 || m.Start < first {
				first = m.Start
			}
		}
		order = append(order, numbered{g, first})
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].first < order[j].first })
	ids := make(map[*group]string, len(order))
	out := make([]document.Entity, 0, len(order))
	for k, o := range order {
		id := entityID(k)
		ids[o.g] = id
		titles := o.g.titles
		if titles == nil {
			titles = []string{}
		}
		out = append(out, document.Entity{
			ID: id, Name: r.canonical(o.g), Type: o.g.typ, Country: o.g.country,
			Titles: titles, Mentions: r.mentions(o.g),
		})
	}
	for i, gi := range r.nameGrp {
		r.doc.Names[i].Entity = ids[r.groups[gi]]
	}
	return out
}

// mentions returns g's mentions in text order, each span once.
func (r *resolver) mentions(g *group) []document.Span {
	ms := make([]document.Span, 0, len(g.names)+len(g.extra))
	for _, i := range g.names {
		n := r.name(i)
		ms = append(ms, document.Span{Start: n.Start, End: n.End, Text: n.Text})
	}
	ms = append(ms, g.extra...)
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Start != ms[j].Start {
			return ms[i].Start < ms[j].Start
		}
		return ms[i].End < ms[j].End
	})
	out := ms[:0]
	for i, m := range ms {
		if i > 0 && m.Start == ms[i-1].Start && m.End == ms[i-1].End {
			continue
		}
		out = append(out, m)
	}
	return out
}

// linkPlaces sets Place.Entity for each place one of whose mentions is an
// entity's mention, and gives a place entity the place's country when it
// had none.
func (r *resolver) linkPlaces() {
	for pi := range r.doc.Places {
		p := &r.doc.Places[pi]
		for _, m := range p.Mentions {
			id := exactEntity(r.doc, m.Start, m.End)
			if id == "" {
				continue
			}
			p.Entity = id
			if e := r.doc.EntityByID(id); e != nil && e.Country == "" && p.Country != "" &&
				(e.Type == document.TypeGPE || e.Type == document.TypeLoc) {
				e.Country = p.Country
			}
			break
		}
	}
}

// exactEntity returns the entity with a mention of exactly [start, end).
func exactEntity(doc *document.Document, start, end int) string {
	for _, e := range doc.Entities {
		for _, m := range e.Mentions {
			if m.Start == start && m.End == end {
				return e.ID
			}
		}
	}
	return ""
}

// EntityAt returns the id of the entity with a mention at [start, end),
// or "" when none. An exact mention wins; then the smallest mention that
// holds the span ("Karine Jean-Pierre" for "Jean-Pierre"); then the
// mention that overlaps it most. Quote and event extraction use it to
// turn a speaker's or actor's span into an entity.
func EntityAt(doc *document.Document, start, end int) string {
	if doc == nil || end <= start {
		return ""
	}
	best, bestRank, bestSize := "", 3, 0
	for _, e := range doc.Entities {
		for _, m := range e.Mentions {
			var rank, size int
			switch {
			case m.Start == start && m.End == end:
				return e.ID
			case m.Start <= start && end <= m.End:
				rank, size = 1, m.End-m.Start
			case m.Start < end && start < m.End:
				rank, size = 2, -(min(end, m.End) - max(start, m.Start))
			default:
				continue
			}
			if rank < bestRank || rank == bestRank && size < bestSize {
				best, bestRank, bestSize = e.ID, rank, size
			}
		}
	}
	return best
}
