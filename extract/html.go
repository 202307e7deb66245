package extract

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"

	"newsgraph/document"
)

// readHTML reads a web page. The page is parsed once; that one tree goes
// to our metadata walk (readPageMeta), htmldate, go-trafilatura (without
// its own fallback extractors) and last to readeck's readability, which
// prunes it. The body is go-trafilatura's, corrected by readability's
// second opinion where the two disagree (mergeBodies); title, authors and
// date come from our rules over both libraries' findings and the page's
// own metadata. doc/extraction.md has the figures.
func readHTML(in *source, opts Options) (*document.Document, error) {
	s, err := in.decodeHTML()
	if err != nil {
		return nil, fmt.Errorf("read HTML: %w", err)
	}
	// Same normalisation as go-trafilatura's own parser: composed
	// characters, and no soft hyphens, which only mark where a browser may
	// break a word and would split words for every later stage.
	s = strings.ReplaceAll(norm.NFC.String(s), "\u00AD", "")
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	pm := readPageMeta(root)
	pageU := parseURL(opts.URL)
	res, date, terr := extractHTML(root, pm, pageU)
	var md trafilatura.Metadata
	var base []string
	if terr == nil {
		md = res.Metadata
		base = paragraphs(contentRoot(root, res.ContentNode))
	}
	// Readability prunes the tree it reads, so it runs last.
	secondNode, secondByline, serr := secondOpinion(root, pageU)
	var second []string
	if serr == nil && secondNode != nil {
		second = paragraphs(secondNode)
	}
	if terr != nil && len(second) == 0 {
		return nil, fmt.Errorf("%w: %w", ErrNoArticle, terr)
	}
	paras, furniture := mergeBodies(base, second)

	pageURL := canonicalURL(opts.URL, firstNonEmpty(md.URL, pm.canonical, pm.meta["og:url"]))
	if md.Title == "" {
		md.Title = firstNonEmpty(pm.meta["og:title"], pm.title)
	}
	title := chooseTitle(pm, md.Title, cleanTitle(pm.h1, md.Title, md.Sitename, pageURL))
	// Extractors often keep the headline as the first heading of the body;
	// the contract keeps the title out of the text.
	if len(paras) > 0 && title != "" && sameText(paras[0], title) {
		paras = paras[1:]
	}
	var cta []string
	paras, cta = dropFurniture(paras)
	furniture = append(furniture, cta...)
	if !hasProse(paras) {
		return nil, ErrNoArticle
	}

	doc := document.New()
	doc.Title = title
	doc.Text = strings.Join(paras, "\n\n")
	doc.Furniture = furniture
	doc.URL = pageURL
	doc.Site = strings.TrimSpace(firstNonEmpty(pm.meta["og:site_name"], md.Sitename))
	if doc.Site == "" || strings.Contains(doc.Site, "/") {
		doc.Site = siteOf(doc.URL)
	}
	doc.Authors = chooseAuthors(pm, md.Author, secondByline, firstNonEmpty(pm.meta["og:site_name"], md.Sitename), pageURL)
	doc.Published = formatDate(date)
	if doc.Language = detectLanguageOr(doc.Text, primaryLang(md.Language)); doc.Language == "" {
		doc.Language = primaryLang(pm.lang)
	}
	return doc, nil
}

// parseURL returns the caller's page URL when it is absolute, else nil.
func parseURL(s string) *url.URL {
	if u, err := url.Parse(strings.TrimSpace(s)); err == nil && u.IsAbs() && u.Host != "" {
		return u
	}
	return nil
}

// firstNonEmpty returns the first of ss that is not blank.
func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// primaryLang returns the language part of a language tag ("de-AT" gives
// "de"), lower-cased, or "".
func primaryLang(tag string) string {
	tag, _, _ = strings.Cut(strings.TrimSpace(tag), "-")
	tag, _, _ = strings.Cut(tag, "_")
	if len(tag) != 2 {
		return ""
	}
	return strings.ToLower(tag)
}

// extractHTML runs go-trafilatura over a parsed page, without its own
// fallback extractors (readeck's readability is run beside it instead,
// see mergeBodies), and htmldate for the publication date. The date is
// found here rather than by go-trafilatura, with the same settings it
// would use, because its metadata keeps only a time.Time and loses
// whether the page gave a time of day. Both are large third-party bodies
// of code; a panic inside them on some odd page is turned into an error,
// so that one bad page never brings down a batch.
func extractHTML(root *html.Node, pm *pageMeta, pageURL *url.URL) (res *trafilatura.ExtractResult, date htmldate.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("extractor failed: %v", r)
		}
	}()
	opts := trafilatura.Options{ExcludeComments: true, OriginalURL: pageURL}
	u := ""
	if pageURL != nil {
		u = pageURL.String()
	}
	// A page without a date is no error: the date stays zero.
	date = publicationDate(root, pm, u)
	opts.HtmlDateOverride = &date
	res, err = trafilatura.ExtractDocument(root, opts)
	if err != nil {
		return nil, date, err
	}
	if res == nil || res.ContentNode == nil {
		return nil, date, fmt.Errorf("empty extraction")
	}
	return res, date, nil
}

// sameText reports whether a and b are the same text up to case and
// white space.
func sameText(a, b string) bool {
	return strings.EqualFold(collapse(a), collapse(b))
}

// dropFurniture removes paragraphs that are calls to action (share, follow,
// subscribe prompts) which the extractor let through. It is deliberately
// narrower than the plain-text rules: the extractor has already judged
// the page's structure, and short trailing paragraphs of an extracted body
// (an address, a signature, a last list item) are mostly content.
func dropFurniture(paras []string) (kept, dropped []string) {
	kept = paras[:0:0]
	links := false // inside a list of links under a "Related" label
	for _, p := range paras {
		switch {
		case isRelatedLabel(p):
			links = true
			dropped = append(dropped, p)
			continue
		case isRelatedLead(p):
			dropped = append(dropped, p)
			continue
		case links && !isProse(p) && wordCount(p) <= maxLinkWords:
			dropped = append(dropped, p)
			continue
		}
		links = false
		if isCallToAction(p) || isCaption(p) {
			dropped = append(dropped, p)
			continue
		}
		kept = append(kept, p)
	}
	// A short label ending in a colon with nothing after it ("Contact:",
	// "More on this topic:") introduced links the extractor removed.
	n := len(kept)
	for n > 0 && wordCount(kept[n-1]) <= 5 && strings.HasSuffix(kept[n-1], ":") {
		n--
	}
	return kept[:n], append(dropped, kept[n:]...)
}

// maxLinkWords bounds a headline in a list of links to other stories.
const maxLinkWords = 20

// relatedLabel matches the label over links to other stories, in the
// languages of the evaluation sets ("Related", "Das könnte Sie auch
// interessieren", "Vea también", "Czytaj też", "Lire aussi").
// relatedLabels are the labels over or before links to other stories.
const relatedLabels = `related(?:\s+\w+)?|(?:das\s+)?könnte\s+(?:sie|dich)\s+auch\s+interessieren|auch\s+interessant|weitere\s+(?:themen|artikel|beiträge|nachrichten|meldungen)|mehr\s+zum\s+thema|lesen\s+sie\s+(?:auch|mehr)|lies\s+auch|(?:empfohlene|ähnliche|verwandte)\s+(?:beiträge|artikel|themen)|vea\s+también|(?:le|te)\s+puede\s+interesar|puedes\s+ver|lee\s+también|(?:contenido|noticias|artículos)\s+relacionad[oa]s?|(?:leia|veja)\s+também|(?:czytaj|zobacz)\s+(?:też|także)|(?:à\s+)?lire\s+aussi|voir\s+aussi|leggi\s+anche|articoli\s+correlati|schon\s+gelesen|zum\s+weiterlesen|auch\s+lesen|lesen\s+sie\s+auch(?:\s+\S+){1,4}|mehr\s+themen|weitere\s+beiträge(?:\s+\S+){1,4}|(?:das\s+)?thema\s+könnte\s+(?:sie|dich)\s+auch\s+interessieren`

var relatedLabel = regexp.MustCompile(`(?i)^(?:` + relatedLabels + `)$`)

// relatedLead matches a link to another story written inline with its
// label, a convention of Spanish, German and French news sites: "Lea
// también: Headline", "VEA TAMBIÉN: …", "MIRA: …", "Lesen Sie auch: …".
var relatedLead = regexp.MustCompile(`(?i)^(?:` + relatedLabels + `|lea(?:\s+(?:también|más))?|mire|mira|read\s+(?:more|also)|also\s+read|see\s+also)\s*:\s*\S`)

// isRelatedLabel reports whether a paragraph is only a label over links
// to other stories.
func isRelatedLabel(p string) bool {
	p = strings.TrimFunc(p, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	return wordCount(p) <= 8 && relatedLabel.MatchString(p)
}

// isRelatedLead reports whether a paragraph is a label and the headline
// of another story after it, on one line. A headline does not end in a
// full stop; a line of an interview ("Mira: I said so.") does.
func isRelatedLead(p string) bool {
	p = strings.TrimSpace(p)
	return !strings.Contains(p, "\n") && !strings.HasSuffix(p, ".") &&
		wordCount(p) <= maxLinkWords+4 && relatedLead.MatchString(p)
}

// maxCaptionWords bounds a picture caption; longer text ending in a
// credit is story text that quotes one.
const maxCaptionWords = 40

// pictureCredit matches the end of a picture caption: a credit in
// brackets ("(Foto: Jane Roe)", "(Photo: Reuters)") or after a copyright
// sign ("Jane Roe, minister. © AFP / John Doe").
var pictureCredit = regexp.MustCompile(`(?i)(?:[(\[]\s*(?:fotos?|photos?|bild|bilder|imagen|image|credit|crédit|fotografía|picture)\s*:[^)\]]*[)\]]\.?|©\s*[^\s.!?][^.!?]{0,60})$`)

// isCaption reports whether an extracted paragraph is a picture caption,
// which extractors keep when the <figcaption> sits inside the article.
func isCaption(p string) bool {
	return wordCount(p) <= maxCaptionWords && pictureCredit.MatchString(strings.TrimSpace(p))
}

// blockTags are the elements that start a paragraph of their own.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true,
	"body": true, "caption": true, "center": true, "dd": true, "details": true,
	"dialog": true, "dir": true, "div": true, "dl": true, "dt": true,
	"fieldset": true, "figcaption": true, "figure": true, "footer": true,
	"form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "header": true, "hgroup": true, "hr": true, "li": true,
	"main": true, "menu": true, "nav": true, "ol": true, "p": true, "pre": true,
	"section": true, "summary": true, "table": true, "tbody": true,
	"tfoot": true, "thead": true, "tr": true, "ul": true,
}

// skipTags are the elements whose content is never text.
var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true,
	"head": true, "svg": true, "math": true, "iframe": true, "object": true,
	"select": true, "option": true, "button": true, "textarea": true,
}

// paragraphs walks an extracted content tree and returns its text as
// paragraphs, one per block element. Inline elements join their text
// without adding spaces, unlike go-trafilatura's ContentText, which puts
// a space at every element boundary ("here ." for "<a>here</a>.").
// A single <br> is a line break inside a paragraph, two or more in a row
// end the paragraph, as old pages use them that way.
func paragraphs(root *html.Node) []string {
	w := &paraWriter{}
	w.walk(root)
	w.flush()
	return w.paras
}

type paraWriter struct {
	paras    []string
	cur      strings.Builder
	last     rune // last rune written to cur, 0 at a paragraph start
	brs      int  // <br> seen since the last text
	boundary bool // an inline element opened or closed since the last text
}

func (w *paraWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
	case html.DocumentNode:
	default:
		return
	}
	tag := strings.ToLower(n.Data)
	switch {
	case skipTags[tag]:
		return
	case tag == "br":
		w.cur.WriteByte('\n')
		w.last = '\n'
		w.brs++
		return
	case tag == "td" || tag == "th":
		w.cur.WriteByte(' ')
		w.last = ' '
	}
	block := blockTags[tag]
	if block {
		w.flush()
	} else {
		w.boundary = true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if block {
		w.flush()
	} else {
		w.boundary = true
	}
}

// text writes the content of a text node.
func (w *paraWriter) text(s string) {
	if s == "" {
		return
	}
	if strings.TrimFunc(s, unicode.IsSpace) != "" {
		if w.brs > 1 {
			w.flush()
		}
		w.brs = 0
	}
	first, _ := utf8.DecodeRuneInString(s)
	// go-trafilatura trims the text around inline elements, so
	// "<code>Dockerfile</code> to" arrives as "Dockerfile" and "to".
	// Put the lost space back where two words would otherwise run
	// together.
	if w.boundary && wordEnd(w.last) && wordStart(first) {
		w.cur.WriteByte(' ')
	}
	w.boundary = false
	// Source line breaks are white space; only <br> breaks a line.
	w.cur.WriteString(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s))
	w.last, _ = utf8.DecodeLastRuneInString(s)
}

// wordEnd reports whether r can end a word or sentence that a following
// word must be separated from.
func wordEnd(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(".,;:!?)]”’»\"", r)
}

// wordStart reports whether r can begin a word or phrase that needs a
// space before it. Straight quotes are left out: "Biden<a>'s</a>" must
// not become "Biden 's".
func wordStart(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("([“‘«„—–", r)
}

// flush ends the current paragraph: white space runs become one space,
// line breaks from <br> are kept, and empty paragraphs vanish.
func (w *paraWriter) flush() {
	w.brs, w.last, w.boundary = 0, 0, false
	raw := w.cur.String()
	w.cur.Reset()
	var lines []string
	for _, l := range strings.Split(raw, "\n") {
		if l = strings.Join(strings.FieldsFunc(l, unicode.IsSpace), " "); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) > 0 {
		w.paras = append(w.paras, strings.Join(lines, "\n"))
	}
}

// hasProse reports whether paras hold an article: at least one sentence
// of running text, or enough text overall (a list post, a table of
// results). Extractors fall back to whatever text a page has, so a page
// with no article (a home page, a menu, a login wall) comes back as a
// handful of link labels; reading those as an article would invent
// entities from navigation.
func hasProse(paras []string) bool {
	total := 0
	for _, p := range paras {
		words := wordCount(p)
		total += words
		if words >= 5 && isProse(p) {
			return true
		}
	}
	return total >= 40
}

// contentRoot returns the node to take paragraphs from: the extractor's
// content, unless that is go-trafilatura's last-resort baseline, which
// flattens the page's <article> into one paragraph by joining its text
// nodes with no separator ("…the operation.Netanyahu said…"). Then the
// <article> itself is walked, so its paragraphs stay apart.
func contentRoot(page, content *html.Node) *html.Node {
	var only *html.Node
	for c := content.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if only != nil {
				return content
			}
			only = c
		}
	}
	if only == nil || only.Data != "p" {
		return content
	}
	article := findElement(page, "article")
	if article == nil {
		return content
	}
	if alnum(textContent(only)) != alnum(textContent(article)) {
		return content
	}
	return article
}

// findElement returns the first element called tag, depth first.
func findElement(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, tag); f != nil {
			return f
		}
	}
	return nil
}
