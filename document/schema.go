package document

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SchemaJSON is the JSON Schema (draft 2020-12) of the newsgraph/v1
// document. TestSchemaMatchesTypes keeps it in step with the Go types.
//
//go:embed schema.json
var SchemaJSON []byte

var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaJSON))
	if err != nil {
		return nil, fmt.Errorf("parse schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("schema.json", doc); err != nil {
		return nil, fmt.Errorf("add schema: %w", err)
	}
	return c.Compile("schema.json")
})

// ValidateJSON checks an encoded document against the contract's schema.
func ValidateJSON(b []byte) error {
	s, err := compiled()
	if err != nil {
		return err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("parse document: %w", err)
	}
	if err := s.Validate(v); err != nil {
		return fmt.Errorf("document does not match %s: %w", Schema, err)
	}
	return nil
}
