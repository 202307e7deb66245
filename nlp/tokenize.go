package nlp

import (
	"newsgraph/document"
	"newsgraph/nlp/tokenize"
)

// Tokenize splits text into tokens with byte offsets; see tokenize.Text.
// The stage's callers use it to tokenise exactly as the stage does.
func Tokenize(text string) []document.Token { return tokenize.Text(text) }
