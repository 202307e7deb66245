package demo

import (
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Variant is one synthetic page made from a corpus article: the kind of
// copy a news stream is full of. Story is the index of the article it was
// made from, the gold story for the story-clustering evaluation.
type Variant struct {
	Story     int
	Kind      string // original, syndicated, update, paraphrase
	URL       string
	Site      string
	Title     string
	Published string // YYYY-MM-DD (synthetic: the corpus has no dates)
	Text      string // paragraphs separated by "\n\n"
}

// Variant kinds.
const (
	KindOriginal   = "original"   // the article as it is
	KindSyndicated = "syndicated" // the same text on another site, with a changed header and footer
	KindUpdate     = "update"     // an earlier, truncated version with an update line
	KindParaphrase = "paraphrase" // the lead rewritten (sentences reordered, words swapped), the rest cut
)

// synthSites are invented outlet names for the copies.
var synthSites = []string{"news.example", "wire.example", "daily.example", "herald.example", "post.example", "times.example", "courier.example"}

// baseDate anchors the synthetic publication dates: article i is dated
// baseDate + 3i days, so that different stories are usually further
// apart than the story window while copies fall within it.
var baseDate = time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC)

// MakeVariant builds variant number k of kind for corpus article i; rng
// drives the edits, so the same seed gives the same pages.
func MakeVariant(arts []Article, i, k int, kind string, rng *rand.Rand) Variant {
	return MakeVariantAt(arts, i, k, kind, baseDate.AddDate(0, 0, 3*i), rng)
}

// MakeVariantAt is MakeVariant with the story's date given: copies are
// dated up to two days after it, earlier versions up to a day before.
func MakeVariantAt(arts []Article, i, k int, kind string, date time.Time, rng *rand.Rand) Variant {
	a := arts[i]
	site := synthSites[(i+k)%len(synthSites)]
	v := Variant{Story: i, Kind: kind, Site: site, Title: a.Title, Text: a.Text}
	paras := strings.Split(a.Text, "\n\n")
	switch kind {
	case KindOriginal:
		v.Site = "en.wikinews.org"
		v.URL = a.URL
	case KindSyndicated:
		v.Title = []string{"UPDATE: ", "Breaking: ", "", "WIRE: "}[rng.IntN(4)] + a.Title
		v.Text = fmt.Sprintf("(%s) — ", strings.ToUpper(strings.SplitN(site, ".", 2)[0])) + a.Text +
			fmt.Sprintf("\n\nDistributed by %s. Reference %d-%d.", site, i, k)
		date = date.AddDate(0, 0, rng.IntN(2))
	case KindUpdate:
		sents := splitSentences(paras[0])
		keep := max(2, len(sents)*2/3)
		if keep > len(sents) {
			keep = len(sents)
		}
		v.Text = strings.Join(sents[:keep], " ") + fmt.Sprintf("\n\nThis story is developing and will be updated (version %d).", k)
		date = date.AddDate(0, 0, -rng.IntN(2))
	case KindParaphrase:
		sents := splitSentences(paras[0])
		if len(sents) > 2 {
			sents[0], sents[1] = sents[1], sents[0]
		}
		lead := paraphrase(strings.Join(sents, " "), rng)
		v.Title = paraphrase(a.Title, rng)
		v.Text = lead + fmt.Sprintf("\n\nMore details were not immediately available (report %d).", k)
		date = date.AddDate(0, 0, rng.IntN(3))
	default:
		panic("unknown variant kind " + kind)
	}
	if v.URL == "" {
		v.URL = fmt.Sprintf("https://%s/%s/%d-%d-%s", site, date.Format("2006/01/02"), i, k, kind)
	}
	v.Published = date.Format("2006-01-02")
	return v
}

// splitSentences splits at ". " followed by a capital letter; good enough
// for making variants.
func splitSentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(p); i++ {
		if (p[i] == '.' || p[i] == '?' || p[i] == '!') && p[i+1] == ' ' && p[i+2] >= 'A' && p[i+2] <= 'Z' {
			out = append(out, p[start:i+1])
			start = i + 2
		}
	}
	return append(out, p[start:])
}

// paraphraseWords are swaps a rewriting desk would make.
var paraphraseWords = map[string]string{
	"said": "stated", "says": "states", "announced": "declared", "officials": "authorities",
	"people": "individuals", "killed": "left dead", "government": "authorities", "began": "started",
	"about": "around", "more": "additional", "also": "additionally", "after": "following", "health": "medical",
	"cases": "infections", "confirmed": "verified", "outbreak": "epidemic", "country": "nation", "virus": "pathogen",
}

func paraphrase(s string, rng *rand.Rand) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		if r, ok := paraphraseWords[strings.ToLower(w)]; ok && rng.IntN(4) != 0 {
			words[i] = r
		}
	}
	return strings.Join(words, " ")
}

// HTML renders the variant as a news page, with its title, date and
// canonical URL in the head, as publishers write them.
func (v Variant) HTML() []byte {
	var b strings.Builder
	esc := html.EscapeString
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>%s</title>\n", esc(v.Title))
	fmt.Fprintf(&b, "<link rel=\"canonical\" href=\"%s\">\n<meta property=\"og:url\" content=\"%s\">\n", esc(v.URL), esc(v.URL))
	fmt.Fprintf(&b, "<meta property=\"article:published_time\" content=\"%sT08:00:00Z\">\n", v.Published)
	fmt.Fprintf(&b, "</head><body>\n<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\n<article>\n<h1>%s</h1>\n", esc(v.Title))
	fmt.Fprintf(&b, "<time datetime=\"%s\">%s</time>\n", v.Published, v.Published)
	for _, p := range strings.Split(v.Text, "\n\n") {
		fmt.Fprintf(&b, "<p>%s</p>\n", esc(p))
	}
	b.WriteString("</article>\n<footer>Text from Wikinews, CC BY 2.5. Synthetic page made by newsgraph's demo generator.</footer>\n</body></html>\n")
	return []byte(b.String())
}

// Synthesize writes n synthetic HTML pages into dir (created if needed):
// every corpus article once as an original, then syndicated copies,
// truncated updates and paraphrases in turn, round-robin over the
// articles. It returns the variants written, in file order.
func Synthesize(dir string, n int, seed uint64) ([]Variant, error) {
	arts, err := Articles()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	kinds := []string{KindSyndicated, KindUpdate, KindParaphrase}
	var out []Variant
	for k := 0; len(out) < n; k++ {
		for i := range arts {
			if len(out) >= n {
				break
			}
			kind := KindOriginal
			if k > 0 {
				kind = kinds[(k-1+i)%len(kinds)]
			}
			v := MakeVariant(arts, i, k, kind, rng)
			name := filepath.Join(dir, fmt.Sprintf("%06d.html", len(out)))
			if err := os.WriteFile(name, v.HTML(), 0o644); err != nil {
				return nil, err
			}
			out = append(out, v)
		}
	}
	return out, nil
}
