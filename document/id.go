package document

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// StableID returns the contract's stable document id: a hash of the
// canonical URL when there is one, else of the normalised text (case
// folded, white space collapsed), so re-reading the same article gives the
// same id.
func StableID(canonicalURL, text string) string {
	var basis string
	if u := strings.TrimSpace(canonicalURL); u != "" {
		basis = "url:" + u
	} else {
		basis = "text:" + strings.Join(strings.Fields(strings.ToLower(text)), " ")
	}
	sum := sha256.Sum256([]byte(basis))
	return hex.EncodeToString(sum[:10])
}
