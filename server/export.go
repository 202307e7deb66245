package server

import (
	"bufio"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"

	"newsgraph/export"
)

// apiExport streams every matching article's rows of one kind as JSON
// lines or CSV through package export (the same files as newsgraph
// export), one article at a time, so memory stays flat however large the
// store.
func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	kind := r.PathValue("kind")
	if !slices.Contains(export.Kinds, kind) {
		writeJSONError(w, http.StatusNotFound, fmt.Sprintf("no export %q: want articles, events, quotes or entities", clip(kind)))
		return
	}
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = "jsonl"
	}
	if formats := export.FormatsOf(kind); !slices.Contains(formats, format) {
		writeJSONError(w, http.StatusBadRequest, fmt.Sprintf("format %q: want %s", clip(format), strings.Join(formats, ", ")))
		return
	}
	p, err := parseParams(q)
	if err == nil && (p.Q != "" || p.Cursor != "" || q.Has("limit") || q.Has("offset")) {
		err = badRequest("exports take filters only (source, country, language, from, to, event_type, entity, place, story, topic)")
	}
	if err != nil {
		status, msg := statusOf(err)
		writeJSONError(w, status, msg)
		return
	}
	lw := &lazyResponse{w: w, kind: kind, format: format}
	bw := bufio.NewWriterSize(lw, 32<<10)
	_, err = export.Write(r.Context(), s.store, kind, format, p.filter(), bw)
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		if !lw.started {
			status, msg := statusOf(s.storeError(err))
			writeJSONError(w, status, msg)
			return
		}
		// The status is sent; all we can do is stop. The client sees a
		// body cut short.
		slog.Warn("export stopped", "kind", kind, "err", err)
		return
	}
	lw.start() // an empty export is still a 200 with its headers
}

// lazyResponse sends the export's headers with its first bytes, so that
// an error before any row can still be a JSON error with its status.
type lazyResponse struct {
	w       http.ResponseWriter
	kind    string
	format  string
	started bool
}

func (l *lazyResponse) start() {
	if l.started {
		return
	}
	l.started = true
	h := l.w.Header()
	ext := l.format
	switch l.format {
	case "csv":
		h.Set("Content-Type", "text/csv; charset=utf-8")
	case "gdelt":
		h.Set("Content-Type", "text/tab-separated-values; charset=utf-8")
		ext = "tsv"
	case "plover":
		h.Set("Content-Type", "application/x-ndjson; charset=utf-8")
		ext = "plover.jsonl"
	default:
		h.Set("Content-Type", "application/x-ndjson; charset=utf-8")
	}
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="newsgraph-%s.%s"`, l.kind, ext))
	l.w.WriteHeader(http.StatusOK)
}

func (l *lazyResponse) Write(b []byte) (int, error) {
	l.start()
	n, err := l.w.Write(b)
	if f, ok := l.w.(http.Flusher); ok && err == nil {
		f.Flush()
	}
	return n, err
}
