package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"testing"
	"time"
)

// TestRateLimit drives the handler with requests from given addresses:
// past its burst a client gets 429 with Retry-After and a JSON error,
// while other clients and static files are unaffected.
func TestRateLimit(t *testing.T) {
	st := newTestStore(t)
	srv, err := New(st, Options{Rate: 0.5, Burst: 3, ProxyHeader: "X-Forwarded-For"})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	do := func(path, remote, xff string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", "http://127.0.0.1"+path, nil)
		req.RemoteAddr = remote
		if xff != "" {
			req.Header.Set("X-Forwarded-For", xff)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	for _, tc := range []struct {
		name   string
		path   string
		remote string
		xff    string
		want   int
	}{
		{"burst 1", "/api/v1/stats", "192.0.2.1:1000", "", 200},
		{"burst 2", "/", "192.0.2.1:1001", "", 200},
		{"burst 3", "/api/v1/stats", "192.0.2.1:1002", "", 200},
		{"over, API", "/api/v1/stats", "192.0.2.1:1003", "", 429},
		{"over, page", "/entities", "192.0.2.1:1003", "", 429},
		{"static not counted", "/static/style.css", "192.0.2.1:1004", "", 200},
		{"another client", "/api/v1/stats", "192.0.2.2:1000", "", 200},
		{"header ignored from a non-loopback peer", "/api/v1/stats", "192.0.2.1:1005", "198.51.100.7", 429},
		{"proxied client 1", "/api/v1/stats", "127.0.0.1:2000", "192.0.2.1, 198.51.100.9", 200},
		{"proxied client 2", "/api/v1/stats", "127.0.0.1:2001", "198.51.100.9", 200},
		{"proxied client 3", "/api/v1/stats", "127.0.0.1:2002", "6.6.6.6,198.51.100.9", 200},
		{"proxied client over: the proxy's own entry counts, not the spoofable first", "/api/v1/stats", "127.0.0.1:2003", "203.0.113.5, 198.51.100.9", 429},
		{"IPv6 /64 one client 1", "/api/v1/stats", "[2001:db8:1:2::1]:1", "", 200},
		{"IPv6 /64 one client 2", "/api/v1/stats", "[2001:db8:1:2::2]:1", "", 200},
		{"IPv6 /64 one client 3", "/api/v1/stats", "[2001:db8:1:2:ffff::3]:1", "", 200},
		{"IPv6 /64 one client over", "/api/v1/stats", "[2001:db8:1:2::4]:1", "", 429},
		{"IPv6 next /64", "/api/v1/stats", "[2001:db8:1:3::1]:1", "", 200},
	} {
		rec := do(tc.path, tc.remote, tc.xff)
		if rec.Code != tc.want {
			t.Errorf("%s: status %d, want %d: %s", tc.name, rec.Code, tc.want, rec.Body.String())
			continue
		}
		if tc.want != 429 {
			continue
		}
		secs, err := strconv.Atoi(rec.Header().Get("Retry-After"))
		if err != nil || secs < 1 || secs > 2 {
			t.Errorf("%s: Retry-After %q, want 1 or 2 s at 0.5 requests/s", tc.name, rec.Header().Get("Retry-After"))
		}
		if rec.Header().Get("Content-Security-Policy") == "" {
			t.Errorf("%s: 429 without the security headers", tc.name)
		}
		if tc.path == "/api/v1/stats" {
			var e struct{ Error string }
			if json.Unmarshal(rec.Body.Bytes(), &e) != nil || e.Error == "" {
				t.Errorf("%s: body %q is not a JSON error", tc.name, rec.Body.String())
			}
		}
	}
}

// TestRateLimitRefills: a bucket refills at the rate.
func TestRateLimitRefills(t *testing.T) {
	cl := newClientLimiter(10, 2)
	key := netip.MustParseAddr("192.0.2.1")
	now := time.Now()
	for i, want := range []bool{true, true, false} {
		if ok, _ := cl.allow(key, now); ok != want {
			t.Fatalf("request %d: allowed %v", i, ok)
		}
	}
	if ok, wait := cl.allow(key, now); ok || wait <= 0 || wait > 100*time.Millisecond {
		t.Errorf("over: %v, wait %v; want a wait of at most 100 ms at 10/s", ok, wait)
	}
	if ok, _ := cl.allow(key, now.Add(150*time.Millisecond)); !ok {
		t.Error("no token after 150 ms at 10/s")
	}
	// Idle clients are swept.
	cl.allow(netip.MustParseAddr("192.0.2.2"), now)
	cl.allow(netip.MustParseAddr("192.0.2.3"), now.Add(2*clientIdle))
	if _, ok := cl.clients[netip.MustParseAddr("192.0.2.2")]; ok {
		t.Error("idle client kept")
	}
}

// TestNoRateLimitByDefault: the library's zero Options do not limit (the
// load test relies on that); newsgraph serve passes DefaultRate.
func TestNoRateLimitByDefault(t *testing.T) {
	srv, err := New(newTestStore(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	for i := range 3 * DefaultBurst {
		req := httptest.NewRequest("GET", "http://127.0.0.1/api/v1/stats", nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("request %d: %d", i, rec.Code)
		}
	}
	if _, err := New(newTestStore(t), Options{Rate: -1}); err == nil {
		t.Error("negative rate accepted")
	}
}
