// Package natstest runs an embedded NATS server with JetStream for tests:
// on 127.0.0.1, a free port, file storage in a temporary folder.
package natstest

import (
	"errors"
	"fmt"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Server is an embedded NATS server that can be stopped and restarted on
// the same port and storage.
type Server struct {
	URL string

	mu   sync.Mutex
	opts server.Options
	srv  *server.Server
}

// Start starts a server for t and shuts it down when t ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{opts: server.Options{
		Host:      "127.0.0.1",
		Port:      server.RANDOM_PORT,
		JetStream: true,
		StoreDir:  t.TempDir(),
		NoLog:     true,
		NoSigs:    true,
	}}
	if err := s.Restart(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

// Stop shuts the server down (its file storage stays).
func (s *Server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.srv != nil {
		s.srv.Shutdown()
		s.srv.WaitForShutdown()
		s.srv = nil
	}
}

// Restart starts a stopped server on the same port and storage.
func (s *Server) Restart() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.srv != nil {
		return nil
	}
	opts := s.opts
	srv, err := server.NewServer(&opts)
	if err != nil {
		return fmt.Errorf("nats server: %w", err)
	}
	go srv.Start()
	if !srv.ReadyForConnections(20 * time.Second) {
		srv.Shutdown()
		return errors.New("nats server not ready in 20s")
	}
	s.srv = srv
	addr, ok := srv.Addr().(*net.TCPAddr)
	if !ok {
		return errors.New("nats server: no TCP address")
	}
	s.opts.Port = addr.Port
	s.URL = fmt.Sprintf("nats://127.0.0.1:%d", addr.Port)
	return nil
}
