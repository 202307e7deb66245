package server

import (
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Defaults for newsgraph serve's --rate and --burst: generous for a person
// in a browser (a page is one request, its script and style are not
// counted) and for a script that paces itself, while one client cannot
// take the whole server.
const (
	DefaultRate  = 50
	DefaultBurst = 100
)

// clientIdle is how long a client's bucket is kept after its last
// request; a bucket idle that long is full again anyway.
const clientIdle = 5 * time.Minute

// maxClients bounds the buckets kept at once, so that a flood from many
// addresses cannot grow the table without end. Past it, idle buckets are
// swept; if none is idle the new client shares an overflow bucket.
const maxClients = 100_000

// clientLimiter is a token bucket per client address (golang.org/x/time/rate).
type clientLimiter struct {
	rate  rate.Limit
	burst int

	mu        sync.Mutex
	clients   map[netip.Addr]*clientBucket
	overflow  *rate.Limiter
	lastSweep time.Time
}

type clientBucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newClientLimiter(perSecond float64, burst int) *clientLimiter {
	if burst < 1 {
		burst = max(1, int(math.Ceil(perSecond)))
	}
	return &clientLimiter{
		rate:     rate.Limit(perSecond),
		burst:    burst,
		clients:  map[netip.Addr]*clientBucket{},
		overflow: rate.NewLimiter(rate.Limit(perSecond), burst),
	}
}

// clientKey is the address a request is counted against: the peer's IP,
// with IPv6 addresses taken as their /64 (one host usually has a whole
// /64 to pick addresses from). When the peer is a reverse proxy on
// loopback and proxyHeader names the header it sets (X-Forwarded-For,
// X-Real-IP), the last address in that header is the client: it is the
// one the proxy itself added, the earlier ones are the client's say-so.
func clientKey(r *http.Request, proxyHeader string) netip.Addr {
	a := peerAddr(r)
	if proxyHeader != "" && a.IsLoopback() {
		if vals := r.Header.Values(proxyHeader); len(vals) > 0 {
			parts := strings.Split(vals[len(vals)-1], ",")
			if fa, err := netip.ParseAddr(strings.TrimSpace(parts[len(parts)-1])); err == nil {
				a = fa
			}
		}
	}
	return subnetKey(a)
}

func peerAddr(r *http.Request) netip.Addr {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	return a
}

func subnetKey(a netip.Addr) netip.Addr {
	a = a.Unmap().WithZone("")
	if a.Is6() {
		p, _ := a.Prefix(64)
		a = p.Addr()
	}
	return a
}

func (cl *clientLimiter) bucket(key netip.Addr, now time.Time) *rate.Limiter {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	if b, ok := cl.clients[key]; ok {
		b.seen = now
		return b.lim
	}
	if len(cl.clients) >= maxClients || now.Sub(cl.lastSweep) > clientIdle {
		for k, b := range cl.clients {
			if now.Sub(b.seen) > clientIdle {
				delete(cl.clients, k)
			}
		}
		cl.lastSweep = now
		if len(cl.clients) >= maxClients {
			return cl.overflow
		}
	}
	b := &clientBucket{lim: rate.NewLimiter(cl.rate, cl.burst), seen: now}
	cl.clients[key] = b
	return b.lim
}

// allow takes a token for the client key, or says how long until one is
// there.
func (cl *clientLimiter) allow(key netip.Addr, now time.Time) (bool, time.Duration) {
	lim := cl.bucket(key, now)
	res := lim.ReserveN(now, 1)
	if !res.OK() {
		return false, time.Second
	}
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return false, d
	}
	return true, 0
}

// rateLimit answers 429 with Retry-After and a JSON error (an HTML page
// for the web pages) to a client over its rate. Static files are not
// counted: they are cached and cost nothing.
func (s *Server) rateLimit(next http.Handler) http.Handler {
	if s.limiter == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") {
			next.ServeHTTP(w, r)
			return
		}
		ok, wait := s.limiter.allow(s.client(r), time.Now())
		if !ok {
			secs := max(1, int(math.Ceil(wait.Seconds())))
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			msg := "too many requests from this client: the limit is " + formatRate(float64(s.limiter.rate)) +
				" requests per second with bursts of " + strconv.Itoa(s.limiter.burst) + "; retry after " + strconv.Itoa(secs) + " s"
			if strings.HasPrefix(r.URL.Path, "/api/") {
				writeJSONError(w, http.StatusTooManyRequests, msg)
			} else {
				w.Header().Set("Content-Type", "text/plain; charset=utf-8")
				w.Header().Set("Cache-Control", "no-store")
				w.WriteHeader(http.StatusTooManyRequests)
				_, _ = w.Write([]byte(msg + "\n"))
			}
			return
		}
		next.ServeHTTP(w, r)
	})
}

func formatRate(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// client is the address r is counted and logged against.
func (s *Server) client(r *http.Request) netip.Addr { return clientKey(r, s.opts.ProxyHeader) }
