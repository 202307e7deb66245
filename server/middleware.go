package server

import (
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
)

// maxBodyBytes bounds every request body but a posted article's: the API
// takes small JSON search requests, nothing larger.
const maxBodyBytes = 64 << 10

// contentSecurityPolicy allows only this server's own scripts, styles and
// images: no inline script, no inline style attribute, no other origin.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
	"font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// secure sets the security headers on every response, bounds the request
// body to limit(r) bytes (a larger one is a 413 with a JSON error), and
// turns a panic into a 500 rather than a dropped connection.
func secure(next http.Handler, limit func(*http.Request) int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, limit(r))
		}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				slog.Error("panic serving request", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				if strings.HasPrefix(r.URL.Path, "/api/") {
					writeJSONError(w, http.StatusInternalServerError, "internal error")
				} else {
					http.Error(w, "internal error", http.StatusInternalServerError)
				}
			}
		}()
		next.ServeHTTP(w, r)
	})
}
