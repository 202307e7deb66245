package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"newsgraph/document"
	"newsgraph/extract"
	"newsgraph/pipeline"
	"newsgraph/store"
)

// DefaultMaxArticleBytes caps the body of POST /api/v1/articles when
// Options.MaxArticleBytes is 0: far above any news page, far below what
// would hurt the server.
const DefaultMaxArticleBytes = 8 << 20

// postArticle is the JSON form of POST /api/v1/articles.
type postArticle struct {
	Content   string `json:"content"`   // the raw HTML page or text
	URL       string `json:"url"`       // where it was published, optional
	Published string `json:"published"` // ISO 8601 publication date, optional
	Title     string `json:"title"`     // used when the page has none
	Plain     bool   `json:"plain"`     // the content is the article body exactly
}

// postedArticle is the answer to POST /api/v1/articles.
type postedArticle struct {
	ID       string `json:"id"`
	New      bool   `json:"new"` // false when an article with the same URL or text was replaced
	Story    string `json:"story"`
	Location string `json:"location"`
}

// apiPostArticle reads one article (raw HTML or text, or JSON), runs the
// same extraction and pipeline as newsgraph ingest, stores it and returns
// its id: 201 for a new article, 200 when it replaced a stored one.
func (s *Server) apiPostArticle(w http.ResponseWriter, r *http.Request) {
	v, status, err := s.postArticle(r)
	if err != nil {
		status, msg := statusOf(s.storeError(err))
		writeJSONError(w, status, msg)
		return
	}
	w.Header().Set("Location", v.Location)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (s *Server) postArticle(r *http.Request) (*postedArticle, int, error) {
	req, err := decodePostArticle(r, s.maxArticleBytes())
	if err != nil {
		return nil, 0, err
	}
	doc, err := extract.Read([]byte(req.Content), extract.Options{URL: req.URL, Published: req.Published, Plain: req.Plain})
	if err != nil {
		return nil, 0, extractError(err)
	}
	if doc.Title == "" {
		doc.Title = req.Title
	}
	if err := s.analyse(r.Context(), doc); err != nil {
		return nil, 0, err
	}
	res, err := s.store.Put(r.Context(), doc, store.PutOptions{SourceURL: req.URL})
	if err != nil {
		return nil, 0, err
	}
	slog.Info("api: article stored", "id", res.ID, "new", res.New, "client", s.client(r).String())
	status := http.StatusOK
	if res.New {
		status = http.StatusCreated
	}
	return &postedArticle{ID: res.ID, New: res.New, Story: res.Story, Location: "/api/v1/articles/" + url.PathEscape(res.ID)}, status, nil
}

// analyse runs the pipeline, at most one document per CPU at a time: a
// burst of posts waits its turn (or its client gives up) rather than
// starving the readers.
func (s *Server) analyse(ctx context.Context, doc *document.Document) error {
	select {
	case s.analysing <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-s.analysing }()
	if err := s.pipeline().Process(ctx, doc); err != nil {
		return fmt.Errorf("analyse posted article: %w", err)
	}
	return nil
}

// pipeline is Options.Pipeline, or the default one made on first use so
// that a read-only server never loads the models.
func (s *Server) pipeline() *pipeline.Pipeline {
	if s.opts.Pipeline != nil {
		return s.opts.Pipeline
	}
	return s.defaultPipeline()
}

func newAnalysisSlots() chan struct{} { return make(chan struct{}, max(1, runtime.GOMAXPROCS(0))) }

func (s *Server) maxArticleBytes() int64 {
	if s.opts.MaxArticleBytes > 0 {
		return s.opts.MaxArticleBytes
	}
	return DefaultMaxArticleBytes
}

// decodePostArticle reads the body of POST /api/v1/articles: JSON
// (Content-Type application/json, see postArticle), or the raw page or
// text with url, published, title and plain as query parameters.
func decodePostArticle(r *http.Request, limit int64) (*postArticle, error) {
	if r.ContentLength > limit {
		return nil, &http.MaxBytesError{Limit: limit}
	}
	ct := r.Header.Get("Content-Type")
	media := ""
	if ct != "" {
		var err error
		if media, _, err = mime.ParseMediaType(ct); err != nil {
			return nil, &apiError{http.StatusUnsupportedMediaType, "bad Content-Type: " + clip(ct)}
		}
	}
	req := &postArticle{}
	q := r.URL.Query()
	switch media {
	case "application/json":
		for k := range q {
			return nil, badRequest("unknown parameter %q: with a JSON body, give every field in the body", clip(k))
		}
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(req); err != nil {
			if isMaxBytes(err) {
				return nil, err
			}
			if errors.Is(err, io.EOF) {
				return nil, badRequest("empty body: want a JSON object with \"content\"")
			}
			return nil, badRequest("bad JSON body: %s", clip(err.Error()))
		}
		if _, err := dec.Token(); !errors.Is(err, io.EOF) {
			if isMaxBytes(err) {
				return nil, err
			}
			return nil, badRequest("bad JSON body: more than one value")
		}
	case "", "text/html", "application/xhtml+xml", "text/plain", "application/octet-stream":
		for k := range q {
			switch k {
			case "url", "published", "title", "plain":
			default:
				return nil, badRequest("unknown parameter %q (want url, published, title or plain)", clip(k))
			}
		}
		b, err := io.ReadAll(r.Body)
		if err != nil {
			if isMaxBytes(err) {
				return nil, err
			}
			return nil, badRequest("read body: %s", clip(err.Error()))
		}
		req.Content = string(b)
		req.URL, req.Published, req.Title = q.Get("url"), q.Get("published"), q.Get("title")
		switch q.Get("plain") {
		case "", "false":
		case "true":
			req.Plain = true
		default:
			return nil, badRequest("plain %q: want true or false", clip(q.Get("plain")))
		}
	default:
		return nil, &apiError{http.StatusUnsupportedMediaType, "Content-Type " + clip(media) + ": want text/html, text/plain or application/json"}
	}
	return req, req.validate()
}

func (p *postArticle) validate() error {
	if strings.TrimSpace(p.Content) == "" {
		return badRequest("empty article: send the page or text as the body (or as \"content\" in JSON)")
	}
	if p.URL != "" {
		u, err := url.Parse(p.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(p.URL) > 2048 || !validUTF8(p.URL) {
			return badRequest("url %q: want an absolute http(s) URL of at most 2048 bytes", clip(p.URL))
		}
	}
	if p.Published != "" && !isoDate(p.Published) {
		return badRequest("published %q: want an ISO 8601 date (2024-03-20 or 2024-03-20T09:30:00Z)", clip(p.Published))
	}
	if len(p.Title) > 1000 || !validUTF8(p.Title) {
		return badRequest("title: want valid UTF-8 of at most 1000 bytes")
	}
	return nil
}

// isoDate accepts the forms newsgraph extract --published takes.
func isoDate(s string) bool {
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

func isMaxBytes(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

// extractError maps extract's sentinels to statuses: the content was
// understood as a request but holds no article (422), is not a page at
// all (415), or is too large (413).
func extractError(err error) error {
	msg := "extract: " + err.Error()
	switch {
	case errors.Is(err, extract.ErrTooLarge):
		return &apiError{http.StatusRequestEntityTooLarge, msg}
	case errors.Is(err, extract.ErrBinary):
		return &apiError{http.StatusUnsupportedMediaType, msg}
	case errors.Is(err, extract.ErrEmpty):
		return badRequest("%s", msg)
	}
	return &apiError{http.StatusUnprocessableEntity, msg}
}

// backupResult is the answer to POST /api/v1/admin/backup.
type backupResult struct {
	Path    string  `json:"path"`
	Bytes   int64   `json:"bytes"`
	Seconds float64 `json:"seconds"`
}

// apiBackup writes a consistent copy of the store, while it stays online,
// into Options.BackupDir under a name the server picks (the client never
// names a path on the server). One backup runs at a time.
func (s *Server) apiBackup(r *http.Request) (any, error) {
	if err := noParams(r); err != nil {
		return nil, err
	}
	if s.opts.BackupDir == "" {
		return nil, &apiError{http.StatusNotImplemented, "backups are not enabled on this server: start newsgraph serve with --backup-dir DIR"}
	}
	if !s.backingUp.TryLock() {
		return nil, &apiError{http.StatusConflict, "a backup is already running; try again when it is done"}
	}
	defer s.backingUp.Unlock()
	suffix := s.opts.BackupSuffix
	if suffix == "" {
		suffix = ".db"
	}
	start := time.Now()
	name := "newsgraph-" + start.UTC().Format("20060102T150405.000000000Z") + suffix
	path := filepath.Join(s.opts.BackupDir, name)
	// The backup runs to its end even when the client goes away: a half
	// written copy would only be removed again.
	ctx := context.WithoutCancel(r.Context())
	if err := s.store.Backup(ctx, path); err != nil {
		return nil, fmt.Errorf("admin backup: %w", err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("admin backup: %w", err)
	}
	slog.Info("api: store backed up", "path", path, "bytes", fi.Size(), "client", s.client(r).String())
	return backupResult{Path: path, Bytes: fi.Size(), Seconds: time.Since(start).Seconds()}, nil
}
