package server

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"newsgraph/demo"
	"newsgraph/store"
	"newsgraph/store/sqlite"
)

// chromiumPath finds Debian's chromium; the browser test skips without it.
func chromiumPath() string {
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// TestBrowser drives headless Chromium through the web UI over the demo
// corpus (plus the fixture article with a planted <script>): search, open
// an article, click an entity, see its timeline, see the map; at 390 px and
// 1440 px wide. It fails on any script error or CSP violation in the
// console, on a page wider than the window, and if the planted script
// runs. With NEWSGRAPH_SCREENSHOTS=DIR it saves screenshots there:
//
//	NEWSGRAPH_SCREENSHOTS=doc/screenshots go test ./server/ -run TestBrowser
func TestBrowser(t *testing.T) {
	exe := chromiumPath()
	if exe == "" {
		t.Skip("chromium not installed (apt-get install -y chromium); skipping the browser test")
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	shots := os.Getenv("NEWSGRAPH_SCREENSHOTS")
	if shots != "" {
		if !filepath.IsAbs(shots) {
			// go test runs in the package folder; a relative path is
			// meant from the repository root.
			shots = filepath.Join("..", shots)
		}
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}

	// The demo corpus and the fixture articles, served on loopback.
	ctx := t.Context()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "browser.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Load(ctx, st, demo.Options{}); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	for _, d := range analysedFixtures(t) {
		cp := *d
		if _, err := st.Put(ctx, &cp, store.PutOptions{SourceURL: d.URL}); err != nil {
			t.Fatal(err)
		}
	}
	// The rate limit newsgraph serve applies by default: a person
	// clicking through the UI never meets it.
	srv, err := New(st, Options{Credit: demo.Credit, Rate: DefaultRate, Burst: DefaultBurst})
	if err != nil {
		t.Fatal(err)
	}
	addrc := make(chan string, 1)
	srvCtx, stopSrv := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := srv.ListenAndServe(srvCtx, "127.0.0.1:0", func(a net.Addr) { addrc <- a.String() }); err != nil {
			t.Errorf("serve: %v", err)
			addrc <- ""
		}
	}()
	defer func() { stopSrv(); wg.Wait() }()
	addr := <-addrc
	if addr == "" {
		return
	}
	base := "http://" + addr

	profile, err := os.MkdirTemp("", "newsgraph-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	defer removeAllRetry(profile)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
	)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}

	// Every console error, exception and CSP report fails the test.
	var mu sync.Mutex
	var problems []string
	go func() {
		for m, err := range chromedp.Console(bctx) {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() || strings.Contains(m.Text, "Content Security Policy") {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()

	for _, vp := range []struct {
		name string
		w, h int64
	}{{"390", 390, 844}, {"1440", 1440, 900}} {
		t.Run(vp.name, func(t *testing.T) {
			tctx, cancel := context.WithTimeout(bctx, 90*time.Second)
			defer cancel()
			run := func(what string, steps ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				if err := chromedp.Do(tctx, steps...); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
			}
			eval := func(js string) any {
				t.Helper()
				v, err := chromedp.Run(tctx, chromedp.Evaluate[any](js))
				if err != nil {
					t.Fatalf("evaluate %s: %v", js, err)
				}
				return v
			}
			clickAndLoad := func(what string, sel string) {
				t.Helper()
				if _, err := chromedp.Run(tctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel)))); err != nil {
					t.Fatalf("%s: click %s: %v", what, sel, err)
				}
			}
			shot := func(name string) {
				t.Helper()
				// The page must fit the window: no sideways scrolling.
				if over := eval(`document.documentElement.scrollWidth - window.innerWidth`); toFloat(over) > 1 {
					t.Errorf("%s at %s px: page is %v px wider than the window", name, vp.name, over)
				}
				if shots == "" {
					return
				}
				buf, err := chromedp.Run(tctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatalf("screenshot %s: %v", name, err)
				}
				if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("%s-%s.png", name, vp.name)), buf, 0o644); err != nil {
					t.Fatal(err)
				}
			}

			run("viewport", chromedp.EmulateViewport(vp.w, vp.h))
			// Search from the home page's search box.
			run("home", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("header.top input[name=q]")))
			if _, err := chromedp.Run(tctx, chromedp.WaitEvent(page.LoadEventFired, nil,
				chromedp.SendKeys(chromedp.CSS("header.top input[name=q]"), "floods\n"))); err != nil {
				t.Fatalf("search: %v", err)
			}
			run("results", chromedp.WaitVisible(chromedp.CSS("ol.results li a.title")))
			if n := toFloat(eval(`document.querySelectorAll("ol.results li").length`)); n < 2 {
				t.Fatalf("search for floods listed %v results", n)
			}
			if got := eval(`document.querySelector("ol.results .snippet b") !== null`); got != true {
				t.Errorf("search results do not mark the matched word")
			}
			if got := eval(`document.querySelectorAll("aside.facets li").length > 0`); got != true {
				t.Errorf("search page has no facets")
			}
			shot("search")

			// Open the first result; its text carries highlights.
			clickAndLoad("open article", "ol.results li a.title")
			run("article", chromedp.WaitVisible(chromedp.CSS(".article-text")))
			if n := toFloat(eval(`document.querySelectorAll(".article-text .hl-ent").length`)); n == 0 {
				t.Fatalf("article has no highlighted entities")
			}
			if got := eval(`document.querySelector("footer").textContent.includes("Wikinews")`); got != true {
				t.Errorf("footer does not credit Wikinews")
			}
			// The highlight toggles (the one script) work.
			run("toggle", chromedp.Click(chromedp.CSS(`input[data-layer="ent"]`)))
			if got := eval(`document.querySelector(".article-text").classList.contains("no-ent")`); got != true {
				t.Errorf("entity highlight toggle did nothing")
			}
			run("toggle back", chromedp.Click(chromedp.CSS(`input[data-layer="ent"]`)))
			// Related articles arrive by fetch after the page.
			deadline := time.Now().Add(5 * time.Second)
			for toFloat(eval(`document.querySelectorAll("#related .related-list li").length`)) == 0 {
				if time.Now().After(deadline) {
					t.Errorf("related articles never appeared")
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
			shot("article")

			// Click an entity in the text: its page has a timeline.
			name := eval(`document.querySelector(".article-text a.hl-ent").title`)
			clickAndLoad("open entity", ".article-text a.hl-ent")
			run("entity", chromedp.WaitVisible(chromedp.ID("entity-name")))
			got := eval(`document.getElementById("entity-name").textContent`)
			if !strings.HasPrefix(fmt.Sprint(name), fmt.Sprint(got)) {
				t.Errorf("clicked %v, landed on %v", name, got)
			}
			run("timeline", chromedp.WaitVisible(chromedp.ID("timeline")))
			shot("entity")

			// An entity with dated articles draws its timeline chart.
			run("dated entity", chromedp.Navigate(base+"/entities/"+url.PathEscape("person:emmanuel-macron")),
				chromedp.WaitVisible(chromedp.CSS("#timeline svg rect.bar")))
			shot("timeline")

			// The map draws the outlines and a marker per place.
			run("map", chromedp.Navigate(base+"/map"), chromedp.WaitVisible(chromedp.CSS(".map svg")))
			if n := toFloat(eval(`document.querySelectorAll(".map circle.place").length`)); n < 10 {
				t.Errorf("map shows %v places", n)
			}
			if got := eval(`(() => { const i = document.querySelector(".map image"); return i !== null && i.getBBox().width > 0 })()`); got != true {
				t.Errorf("map outline image not drawn")
			}
			shot("map")

			// A topic page and a story page, reached by clicking.
			run("topics", chromedp.Navigate(base+"/topics"), chromedp.WaitVisible(chromedp.CSS("table.list")))
			clickAndLoad("open topic", "table.list tbody a")
			run("topic", chromedp.WaitVisible(chromedp.CSS("h1")))
			if got := eval(`document.body.textContent.includes("Attention over time")`); got != true {
				t.Errorf("topic page has no attention chart section")
			}
			shot("topic")
			run("stories", chromedp.Navigate(base+"/stories"), chromedp.WaitVisible(chromedp.CSS("table.list")))
			clickAndLoad("open story", "table.list tbody a")
			run("story", chromedp.WaitVisible(chromedp.CSS("ol.results li")))
			shot("story")

			// The planted <script> is shown as text and never runs.
			run("script article", chromedp.Navigate(base+"/articles/"+fixtureID(t, 2)), chromedp.WaitVisible(chromedp.CSS(".article-text")))
			if got := eval(`window.__pwned === undefined && document.title !== "PWNED"`); got != true {
				t.Fatalf("the planted script ran")
			}
			if got := eval(`document.querySelector(".article-text").textContent.includes("<script>window.__pwned=1")`); got != true {
				t.Errorf("the planted script is not shown as text")
			}
			if got := eval(`document.querySelector("h1").textContent.includes("<script>")`); got != true {
				t.Errorf("the planted script in the title is not shown as text")
			}
			run("search script", chromedp.Navigate(base+"/?q=reader"), chromedp.WaitVisible(chromedp.CSS("ol.results")))
			if got := eval(`window.__pwned === undefined`); got != true {
				t.Fatalf("the planted script ran on the results page")
			}
		})
	}
	time.Sleep(200 * time.Millisecond) // let the last console events arrive
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("browser console: %s", p)
	}
}

func toFloat(v any) float64 {
	f, _ := v.(float64)
	return f
}

// removeAllRetry removes a Chromium profile; the browser's children can
// write into it for a moment after it stops.
func removeAllRetry(dir string) {
	for range 50 {
		if err := os.RemoveAll(dir); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}
