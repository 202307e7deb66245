package server

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"net/http"
	"os"
	"strings"
)

// MinTokenLength is the shortest API token accepted. Tokens are compared
// in constant time, but a short one can still be guessed; 16 characters
// of a random token (openssl rand -hex 16 gives 32) put that out of reach
// under any rate limit.
const MinTokenLength = 16

// TokenEnv is the environment variable newsgraph serve reads one API
// token from.
const TokenEnv = "NEWSGRAPH_TOKEN"

// noTokenMessage is the 403 body of a write endpoint on a server that has
// no token: the API is read-only until one is configured.
const noTokenMessage = "this server is read-only: write and admin endpoints need an API token, and none is configured; " +
	"start newsgraph serve with " + TokenEnv + "=TOKEN or --token-file FILE (one token per line, at least 16 characters), " +
	"then send Authorization: Bearer TOKEN"

// tokenSet holds the SHA-256 digests of the accepted tokens. Comparing
// digests of equal length with crypto/subtle leaks neither a token's
// content nor its length through timing.
type tokenSet struct {
	digests [][sha256.Size]byte
}

func newTokenSet(tokens []string) (*tokenSet, error) {
	ts := &tokenSet{}
	for i, t := range tokens {
		if err := checkToken(t); err != nil {
			return nil, fmt.Errorf("token %d: %w", i+1, err)
		}
		ts.digests = append(ts.digests, sha256.Sum256([]byte(t)))
	}
	return ts, nil
}

func checkToken(t string) error {
	if len(t) < MinTokenLength {
		return fmt.Errorf("API token shorter than %d characters", MinTokenLength)
	}
	if strings.ContainsFunc(t, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return fmt.Errorf("API token holds white space or control characters")
	}
	return nil
}

func (ts *tokenSet) empty() bool { return ts == nil || len(ts.digests) == 0 }

// match reports whether t is one of the tokens. It compares against every
// token whatever the outcome, so the time taken does not say which one
// matched or how far.
func (ts *tokenSet) match(t string) bool {
	d := sha256.Sum256([]byte(t))
	ok := 0
	for i := range ts.digests {
		ok |= subtle.ConstantTimeCompare(d[:], ts.digests[i][:])
	}
	return ok == 1
}

// bearer returns the token of an "Authorization: Bearer TOKEN" header.
func bearer(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	const prefix = "bearer "
	if len(h) <= len(prefix) || !strings.EqualFold(h[:len(prefix)], prefix) {
		return "", false
	}
	return strings.TrimSpace(h[len(prefix):]), true
}

// requireToken lets a request through to h only with a valid token. With
// no token configured the answer is 403 and says how to configure one;
// a missing or wrong token is 401 with a Bearer challenge. The token is
// never logged or echoed.
func (s *Server) requireToken(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.tokens.empty() {
			writeJSONError(w, http.StatusForbidden, noTokenMessage)
			return
		}
		t, ok := bearer(r)
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="newsgraph"`)
			writeJSONError(w, http.StatusUnauthorized, "this endpoint needs an API token: send Authorization: Bearer TOKEN")
			return
		}
		if !s.tokens.match(t) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="newsgraph", error="invalid_token"`)
			writeJSONError(w, http.StatusUnauthorized, "the API token is not valid")
			return
		}
		h(w, r)
	}
}

// ReadTokenFile reads API tokens from a file, one per line. Blank lines
// and lines starting with # are skipped; surrounding white space is
// trimmed. A file without a token is an error, as is a token shorter than
// MinTokenLength. The error never quotes a token.
func ReadTokenFile(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("token file: %w", err)
	}
	var tokens []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := checkToken(line); err != nil {
			return nil, fmt.Errorf("token file %s line %d: %w", path, n, err)
		}
		tokens = append(tokens, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("token file %s: %w", path, err)
	}
	if len(tokens) == 0 {
		return nil, fmt.Errorf("token file %s: no token in it", path)
	}
	return tokens, nil
}
