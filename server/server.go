// Package server is newsgraph's HTTP side: a JSON API under /api/v1
// (described by the OpenAPI document at /api/v1/openapi.json) and a web
// interface of server-rendered pages over a [store.Store].
//
// Everything the pages need is embedded (web/): templates, one stylesheet,
// one small script and the world map drawn from Natural Earth outlines.
// Article text is always escaped (html/template and the JSON encoder); the
// Content-Security-Policy allows scripts from this server's own files only,
// so text that holds <script> is shown and never run.
package server

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"newsgraph/pipeline"
	"newsgraph/store"
)

//go:embed web/templates/*.html web/static
var webFS embed.FS

// Options configure a Server.
type Options struct {
	// Credit is shown in the footer of every page, e.g. the licence of a
	// demo corpus. Articles carry their own credit as well.
	Credit string

	// Tokens are the API tokens that authorise the write and admin
	// endpoints (Authorization: Bearer TOKEN), each at least
	// MinTokenLength characters. With none, the API is read-only and
	// those endpoints answer 403.
	Tokens []string
	// Pipeline analyses articles posted to the API; nil means
	// pipeline.Default(), made on the first post.
	Pipeline *pipeline.Pipeline
	// MaxArticleBytes caps the body of POST /api/v1/articles; 0 means
	// DefaultMaxArticleBytes. Every other body is capped at 64 KiB.
	MaxArticleBytes int64
	// BackupDir is where POST /api/v1/admin/backup writes; "" disables
	// it. BackupSuffix ends each file's name (".db" when ""; a Postgres
	// store writes SQL, ".sql").
	BackupDir    string
	BackupSuffix string
	// Rate is how many requests per second each client address may make
	// (a token bucket holding Burst); 0 means no limit. newsgraph serve
	// uses DefaultRate and DefaultBurst.
	Rate  float64
	Burst int
	// ProxyHeader names the header (X-Forwarded-For, X-Real-IP) that a
	// reverse proxy on loopback sets to the client's address; requests
	// from loopback are then counted against that address. "" counts
	// every request against its peer address.
	ProxyHeader string
}

// Server serves the API and the web pages of one store.
type Server struct {
	store store.Store
	opts  Options
	pages map[string]*template.Template
	mux   *http.ServeMux

	tokens          *tokenSet
	limiter         *clientLimiter
	analysing       chan struct{} // one slot per CPU for posted articles
	defaultPipeline func() *pipeline.Pipeline
	backingUp       sync.Mutex
}

// New returns a server over st.
func New(st store.Store, opts Options) (*Server, error) {
	s := &Server{store: st, opts: opts, mux: http.NewServeMux(), analysing: newAnalysisSlots(),
		defaultPipeline: sync.OnceValue(pipeline.Default)}
	tokens, err := newTokenSet(opts.Tokens)
	if err != nil {
		return nil, err
	}
	s.tokens = tokens
	if opts.Rate < 0 || opts.Burst < 0 {
		return nil, fmt.Errorf("rate %v and burst %d: want 0 or more", opts.Rate, opts.Burst)
	}
	if opts.Rate > 0 {
		s.limiter = newClientLimiter(opts.Rate, opts.Burst)
	}
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

// Handler is the server's root handler, with the security headers, body
// limits and the rate limit applied to every route.
func (s *Server) Handler() http.Handler { return secure(s.rateLimit(s.mux), s.bodyLimit) }

// bodyLimit is the most bytes a request's body may have: posted articles
// may be pages of a few MiB, every other body is a small JSON request.
func (s *Server) bodyLimit(r *http.Request) int64 {
	if r.Method == http.MethodPost && r.URL.Path == "/api/v1/articles" {
		return s.maxArticleBytes()
	}
	return maxBodyBytes
}

func (s *Server) routes() {
	static, err := fs.Sub(webFS, "web/static")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	files := http.FileServerFS(static)
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(files)))

	// API
	s.mux.HandleFunc("GET /api/v1/openapi.json", s.apiOpenAPI)
	s.mux.HandleFunc("GET /api/v1/stats", s.api(s.apiStats))
	s.mux.HandleFunc("GET /api/v1/articles", s.api(s.apiArticles))
	s.mux.HandleFunc("GET /api/v1/articles/{id}", s.api(s.apiArticle))
	s.mux.HandleFunc("GET /api/v1/articles/{id}/related", s.api(s.apiRelated))
	s.mux.HandleFunc("GET /api/v1/search", s.api(s.apiSearch))
	s.mux.HandleFunc("POST /api/v1/search", s.api(s.apiSearchPost))
	s.mux.HandleFunc("GET /api/v1/entities", s.api(s.apiEntities))
	s.mux.HandleFunc("GET /api/v1/entities/{key}", s.api(s.apiEntity))
	s.mux.HandleFunc("GET /api/v1/quotes", s.api(s.apiQuotes))
	s.mux.HandleFunc("GET /api/v1/events", s.api(s.apiEvents))
	s.mux.HandleFunc("GET /api/v1/stories", s.api(s.apiStories))
	s.mux.HandleFunc("GET /api/v1/stories/{id}", s.api(s.apiStory))
	s.mux.HandleFunc("GET /api/v1/places", s.api(s.apiPlaces))
	s.mux.HandleFunc("GET /api/v1/timeline", s.api(s.apiTimeline))
	s.mux.HandleFunc("GET /api/v1/topics", s.api(s.apiTopics))
	s.mux.HandleFunc("GET /api/v1/export/{kind}", s.apiExport)
	// Write and admin endpoints: a token is needed (see auth.go).
	s.mux.HandleFunc("POST /api/v1/articles", s.requireToken(s.apiPostArticle))
	s.mux.HandleFunc("POST /api/v1/admin/backup", s.requireToken(s.api(s.apiBackup)))
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		// A path that another method serves is a 405 with Allow, as
		// RFC 9110 asks, not a 404.
		var allow []string
		for _, m := range []string{http.MethodGet, http.MethodPost} {
			if m == r.Method {
				continue
			}
			other := r.Clone(r.Context())
			other.Method = m
			if _, pattern := s.mux.Handler(other); pattern != "/api/" && pattern != "" {
				allow = append(allow, m)
			}
		}
		if len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			writeJSONError(w, http.StatusMethodNotAllowed, r.Method+" "+clip(r.URL.Path)+": want "+strings.Join(allow, " or "))
			return
		}
		writeJSONError(w, http.StatusNotFound, "no such API endpoint: "+r.Method+" "+clip(r.URL.Path))
	})

	// Pages
	s.mux.HandleFunc("GET /{$}", s.page(s.pageSearch))
	s.mux.HandleFunc("GET /articles/{id}", s.page(s.pageArticle))
	s.mux.HandleFunc("GET /articles/{id}/related", s.page(s.pageRelated))
	s.mux.HandleFunc("GET /entities", s.page(s.pageEntities))
	s.mux.HandleFunc("GET /entities/{key}", s.page(s.pageEntity))
	s.mux.HandleFunc("GET /stories", s.page(s.pageStories))
	s.mux.HandleFunc("GET /stories/{id}", s.page(s.pageStory))
	s.mux.HandleFunc("GET /topics", s.page(s.pageTopics))
	s.mux.HandleFunc("GET /topics/{name}", s.page(s.pageTopic))
	s.mux.HandleFunc("GET /map", s.page(s.pageMap))
	s.mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	s.mux.HandleFunc("/", s.page(func(w http.ResponseWriter, r *http.Request) error {
		return notFound("no such page: %s", clip(r.URL.Path))
	}))
}

func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}

// api adapts a handler that returns a value or an error: the value is
// written as JSON, the error as {"error": "..."} with its status.
func (s *Server) api(h func(r *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := h(r)
		if err != nil {
			status, msg := statusOf(s.storeError(err))
			writeJSONError(w, status, msg)
			return
		}
		writeJSON(w, v)
	}
}

// page adapts a page handler: an error becomes an error page.
func (s *Server) page(h func(w http.ResponseWriter, r *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			status, msg := statusOf(s.storeError(err))
			w.Header().Set("Cache-Control", "no-store")
			s.render(w, status, "error", pageData{Title: http.StatusText(status), Body: errorPage{Status: status, Message: msg}})
		}
	}
}

// storeError maps the store's sentinel errors to statuses. A query the
// full-text engine rejects is the client's mistake: 400 with the reason.
func (s *Server) storeError(err error) error {
	var ae *apiError
	if errors.As(err, &ae) {
		return err
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		return notFound("%s", strings.TrimSpace(err.Error()))
	case errors.Is(err, store.ErrBadQuery):
		return badRequest("%s", strings.TrimSpace(err.Error()))
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return &apiError{http.StatusServiceUnavailable, "request cancelled or timed out"}
	}
	return err
}

// ListenAndServe serves on addr until ctx is done, then shuts down
// gracefully. ready, when not nil, receives the bound address (useful with
// port 0).
func (s *Server) ListenAndServe(ctx context.Context, addr string, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutCtx); err != nil {
			slog.Warn("shutdown", "err", err)
		}
		return nil
	}
}
