package derive

import (
	"strings"

	"newsgraph/store"
)

// The SQL stores share these fragments; their tables have the same
// names and columns.

// Where builds the SQL conditions of a filter over articles aliased a
// (rowid, site, language, day, story) with ? placeholders, and their
// arguments.
func Where(f store.Filter) ([]string, []any) {
	var conds []string
	var args []any
	add := func(cond string, arg any) {
		conds = append(conds, cond)
		args = append(args, arg)
	}
	if f.Site != "" {
		add("a.site = ?", f.Site)
	}
	if f.Language != "" {
		add("a.language = ?", f.Language)
	}
	if f.From != "" {
		add("a.day >= ?", f.From)
	}
	if f.To != "" {
		add("a.day <= ? AND a.day != ''", f.To)
	}
	if f.Story != "" {
		add("a.story = ?", f.Story)
	}
	if f.Country != "" {
		add("a.rowid IN (SELECT article FROM article_countries WHERE country = ?)", f.Country)
	}
	if f.EventType != "" {
		add("a.rowid IN (SELECT article FROM events WHERE type = ?)", f.EventType)
	}
	if f.Entity != "" {
		add("a.rowid IN (SELECT article FROM mentions WHERE entity = ?)", f.Entity)
	}
	if f.Place != "" {
		add("a.rowid IN (SELECT article FROM article_places WHERE place = ?)", f.Place)
	}
	if f.Topic != "" {
		add("a.rowid IN (SELECT article FROM topics WHERE topic = ?)", f.Topic)
	}
	return conds, args
}

// WhereClause joins conditions into a WHERE clause, "" for none.
func WhereClause(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// LikePrefix escapes s for LIKE … ESCAPE '\' and makes it a prefix pattern.
func LikePrefix(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s) + "%"
}

// FacetWindow is how many matching articles facets count, the most
// recently stored first, in both stores; Facets.Counted says how many
// were counted.
const FacetWindow = 1000
