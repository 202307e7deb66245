package eval

import (
	"context"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"sort"
	"strconv"
	"time"

	"newsgraph/cluster"
	"newsgraph/demo"
	"newsgraph/document"
	"newsgraph/extract"
	"newsgraph/pipeline"
	"newsgraph/store"
	"newsgraph/store/sqlite"
)

func init() { Register("stories", runStories) }

// storiesPerDay is how many distinct stories the evaluation set starts
// on each day; with copies spread over up to three days and the story
// window of three days either side, each page competes with about 60
// other stories.
const storiesPerDay = 10

// runStories measures story clustering on a set built from the embedded
// demo corpus (the data folder is not read): every article as published,
// plus, for each, a syndicated copy (same text, new header and footer,
// another site), an earlier truncated version with an update line, and a
// paraphrase (lead sentences reordered, words swapped, the rest cut). The
// gold story of each page is the article it was made from. The pages go
// through extraction and the full pipeline and are stored, oldest first,
// in an in-memory store whose online clustering assigns the stories.
//
// Metrics: pairwise precision, recall and F1 over all pairs of pages
// (a pair is positive when both are in one story), and BCubed precision,
// recall and F1 (Bagga and Baldwin 1998; Amigó et al. 2009). Baselines:
// SimHash near-duplicates alone (what the fingerprint stage gives), and
// every page its own story.
//
// The corpus itself is one topic (virus outbreaks, GeoVirus), so distinct
// stories share many words and places: a hard case for over-merging.
// --limit N uses the first N corpus articles.
func runStories(ctx context.Context, dir string, opts Options) (*Report, error) {
	arts, err := demo.Articles()
	if err != nil {
		return nil, err
	}
	if opts.Limit > 0 && opts.Limit < len(arts) {
		arts = arts[:opts.Limit]
	}
	rng := rand.New(rand.NewPCG(11, 13))
	var vs []demo.Variant
	day0 := time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC)
	for i := range arts {
		// Stories per day: dense, so that the time window alone cannot
		// separate them and the text and entity evidence must.
		date := day0.AddDate(0, 0, i/storiesPerDay)
		for k, kind := range []string{demo.KindOriginal, demo.KindSyndicated, demo.KindUpdate, demo.KindParaphrase} {
			vs = append(vs, demo.MakeVariantAt(arts, i, k, kind, date, rng))
		}
	}
	// Oldest first, as a stream arrives; ties in a fixed shuffled order.
	rng.Shuffle(len(vs), func(i, j int) { vs[i], vs[j] = vs[j], vs[i] })
	sort.SliceStable(vs, func(i, j int) bool { return vs[i].Published < vs[j].Published })

	docs := make([]*document.Document, len(vs))
	for i, v := range vs {
		d, err := extract.Read(v.HTML(), extract.Options{URL: v.URL})
		if err != nil {
			return nil, fmt.Errorf("page %s: %w", v.URL, err)
		}
		docs[i] = d
	}
	var perr error
	pipeline.Default().ProcessAll(ctx, docs, 0, func(r pipeline.Result) {
		if r.Err != nil && perr == nil {
			perr = r.Err
		}
	})
	if perr != nil {
		return nil, perr
	}
	st, err := sqlite.Open(":memory:")
	if err != nil {
		return nil, err
	}
	defer st.Close()
	gold := make([]int, len(vs))
	system := make([]string, len(vs))
	for i, d := range docs {
		res, err := st.Put(ctx, d, store.PutOptions{SourceURL: vs[i].URL})
		if err != nil {
			return nil, err
		}
		gold[i] = vs[i].Story
		system[i] = res.Story
	}
	rep := &Report{Suite: "stories", Data: fmt.Sprintf("embedded demo corpus: %d articles × 4 synthetic variants", len(arts)),
		Metrics: map[string]float64{}, Baselines: map[string]map[string]float64{}}
	addClusterMetrics(rep.Metrics, gold, system)
	rep.Metrics["pages"] = float64(len(vs))
	rep.Metrics["stories_gold"] = float64(len(arts))
	rep.Metrics["stories_found"] = float64(distinct(system))

	simhash := make([]string, len(vs))
	var fps []uint64
	for i, d := range docs {
		fp, _ := strconv.ParseUint(d.Fingerprint, 16, 64)
		simhash[i] = strconv.Itoa(i)
		for j, f := range fps {
			if bits.OnesCount64(f^fp) <= cluster.NearDistance {
				simhash[i] = simhash[j]
				break
			}
		}
		fps = append(fps, fp)
	}
	rep.Baselines["simhash-only"] = map[string]float64{}
	addClusterMetrics(rep.Baselines["simhash-only"], gold, simhash)
	singletons := make([]string, len(vs))
	for i := range singletons {
		singletons[i] = strconv.Itoa(i)
	}
	rep.Baselines["singletons"] = map[string]float64{}
	addClusterMetrics(rep.Baselines["singletons"], gold, singletons)
	rep.Notes = append(rep.Notes, "synthetic variants of one-topic Wikinews texts; thresholds in cluster/story.go and store/sqlite/stories.go")
	return rep, nil
}

func distinct(labels []string) int {
	m := map[string]bool{}
	for _, l := range labels {
		m[l] = true
	}
	return len(m)
}

// addClusterMetrics writes pairwise and BCubed precision, recall and F1
// of the system clustering against the gold one.
func addClusterMetrics(m map[string]float64, gold []int, system []string) {
	var tp, fp, fn int
	for i := range gold {
		for j := i + 1; j < len(gold); j++ {
			g, s := gold[i] == gold[j], system[i] == system[j]
			switch {
			case g && s:
				tp++
			case s:
				fp++
			case g:
				fn++
			}
		}
	}
	p, r := ratio(tp, tp+fp), ratio(tp, tp+fn)
	m["pairwise_precision"], m["pairwise_recall"], m["pairwise_f1"] = p, r, f1(p, r)

	// BCubed: for each item, the share of its system cluster that is in
	// its gold cluster (precision) and the share of its gold cluster that
	// is in its system cluster (recall), averaged over items.
	both := map[[2]string]int{}
	sys := map[string]int{}
	gc := map[int]int{}
	for i := range gold {
		both[[2]string{strconv.Itoa(gold[i]), system[i]}]++
		sys[system[i]]++
		gc[gold[i]]++
	}
	var bp, br float64
	for i := range gold {
		n := float64(both[[2]string{strconv.Itoa(gold[i]), system[i]}])
		bp += n / float64(sys[system[i]])
		br += n / float64(gc[gold[i]])
	}
	bp /= float64(len(gold))
	br /= float64(len(gold))
	m["bcubed_precision"], m["bcubed_recall"], m["bcubed_f1"] = bp, br, f1(bp, br)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
