package server

import (
	_ "embed"
	"net/http"
)

// openAPIDoc describes the API (OpenAPI 3.1). TestOpenAPICoversRoutes
// keeps it and the routes in step.
//
//go:embed openapi.json
var openAPIDoc []byte

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(openAPIDoc)
}
