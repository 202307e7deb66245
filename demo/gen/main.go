// Command gen builds the demo corpus, demo/wikinews.jsonl.gz, from the
// GeoVirus file (Gritta et al. 2018): 229 Wikinews article segments, texts
// CC BY 2.5 (Wikinews). Only the article texts and their Wikinews URLs are
// taken; the toponym annotations (GPL-3.0) are not. Segments that share a
// URL are parts of one article and are joined, in file order, into one
// article with paragraphs separated by a blank line. The title is the
// Wikinews page name.
//
// Usage (from the repository root):
//
//	go run ./demo/gen --in ../shared/data/geo/GeoVirus.xml --out demo/wikinews.jsonl.gz
package main

import (
	"encoding/xml"
	"flag"
	"fmt"
	"os"

	"newsgraph/demo"
)

func main() {
	in := flag.String("in", "../shared/data/geo/GeoVirus.xml", "the GeoVirus XML file")
	out := flag.String("out", "demo/wikinews.jsonl.gz", "the corpus file to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
}

// geoVirus is the part of the file we read: the text and source of each
// article, nothing of the annotations.
type geoVirus struct {
	Articles []struct {
		Source string `xml:"source"`
		Text   string `xml:"text"`
	} `xml:"article"`
}

func run(in, out string) error {
	b, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var gv geoVirus
	if err := xml.Unmarshal(b, &gv); err != nil {
		return fmt.Errorf("parse %s: %w", in, err)
	}
	var arts []demo.Article
	index := map[string]int{}
	for _, a := range gv.Articles {
		if a.Source == "" || a.Text == "" {
			continue
		}
		i, ok := index[a.Source]
		if !ok {
			i = len(arts)
			index[a.Source] = i
			arts = append(arts, demo.Article{URL: a.Source, Title: demo.TitleFromURL(a.Source), Credit: demo.Credit})
		}
		if arts[i].Text != "" {
			arts[i].Text += "\n\n"
		}
		arts[i].Text += a.Text
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := demo.Write(f, arts); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", out, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %d articles from %d segments → %s\n", len(arts), len(gv.Articles), out)
	return nil
}
