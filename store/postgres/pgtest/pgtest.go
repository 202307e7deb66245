// Package pgtest gives tests a PostgreSQL server: the one named by
// $NEWSGRAPH_TEST_POSTGRES (a DSN), else a throwaway cluster made with the
// initdb and postgres binaries found on PATH or under
// /usr/lib/postgresql/*/bin, listening on 127.0.0.1 on a free port with
// its socket in its own temporary folder; else the test is skipped with a
// message saying how to get one.
//
// As root (CI containers), initdb refuses to run, so the cluster runs as
// the "postgres" user (Debian's postgresql package makes it) or "nobody".
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvDSN names the environment variable with a DSN of a server to use
// instead of a throwaway cluster.
const EnvDSN = "NEWSGRAPH_TEST_POSTGRES"

// Server is a PostgreSQL server for tests.
type Server struct {
	DSN string // of its postgres database

	bin   string // folder of the binaries; "" for an external server
	data  string
	port  int
	cred  *syscall.Credential
	mu    sync.Mutex
	proc  *exec.Cmd
	done  chan struct{}
	log   *os.File
	count int
}

// Start returns a server for t, stopped and removed when t ends.
func Start(t testing.TB) *Server {
	t.Helper()
	if dsn := os.Getenv(EnvDSN); dsn != "" {
		return &Server{DSN: dsn}
	}
	bin := findBin()
	if bin == "" {
		t.Skipf("no PostgreSQL: set %s to a DSN, or install the server (apt-get install -y postgresql) so that initdb is on PATH or under /usr/lib/postgresql/*/bin", EnvDSN)
	}
	s := &Server{bin: bin}
	if os.Geteuid() == 0 {
		cred, err := unprivileged()
		if err != nil {
			t.Skipf("no PostgreSQL: running as root and %v", err)
		}
		s.cred = cred
	}
	// Not t.TempDir: its parent folder is private to root, and the
	// server may run as another user.
	dir, err := os.MkdirTemp("", "newsgraph-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if s.cred != nil {
		if err := os.Chown(dir, int(s.cred.Uid), int(s.cred.Gid)); err != nil {
			t.Fatal(err)
		}
	}
	s.data = filepath.Join(dir, "data")
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", s.data, "-U", "postgres", "--auth=trust",
		"-E", "UTF8", "--locale=C", "--no-sync")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	if s.log, err = os.Create(filepath.Join(dir, "postgres.log")); err != nil {
		t.Fatal(err)
	}
	if s.port, err = freePort(); err != nil {
		t.Fatal(err)
	}
	s.DSN = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", s.port)
	t.Cleanup(func() {
		s.Stop()
		s.log.Close()
		if t.Failed() {
			if b, err := os.ReadFile(s.log.Name()); err == nil && len(b) > 0 {
				t.Logf("postgres log:\n%s", tail(b, 4000))
			}
		}
	})
	if err := s.Restart(); err != nil {
		t.Fatal(err)
	}
	return s
}

// Tool returns the path of a PostgreSQL client program (psql, pg_dump
// …): beside the server's binaries, on PATH, or under
// /usr/lib/postgresql/*/bin; "" when there is none.
func Tool(name string) string {
	if bin := findBin(); bin != "" {
		if _, err := os.Stat(filepath.Join(bin, name)); err == nil {
			return filepath.Join(bin, name)
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
	sort.Slice(dirs, func(i, j int) bool { return version(filepath.Dir(dirs[i])) > version(filepath.Dir(dirs[j])) })
	if len(dirs) > 0 {
		return dirs[0]
	}
	return ""
}

// Stop stops a throwaway server (fast shutdown: sessions are ended,
// committed work is kept); a no-op for an external one.
func (s *Server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc == nil {
		return
	}
	s.proc.Process.Signal(syscall.SIGINT)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		s.proc.Process.Kill()
		<-s.done
	}
	s.proc = nil
}

// Restart starts a stopped throwaway server on the same port and data
// and waits until it accepts connections.
func (s *Server) Restart() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.bin == "" || s.proc != nil {
		return nil
	}
	cmd := exec.Command(filepath.Join(s.bin, "postgres"), "-D", s.data,
		"-c", "listen_addresses=127.0.0.1", "-p", strconv.Itoa(s.port),
		"-c", "unix_socket_directories="+filepath.Dir(s.data),
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
		"-c", "max_connections=200")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred, Setpgid: true}
	cmd.Stdout, cmd.Stderr = s.log, s.log
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	s.proc = cmd
	s.done = make(chan struct{})
	go func() { cmd.Wait(); close(s.done) }()
	deadline := time.Now().Add(60 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		conn, err := pgx.Connect(ctx, s.DSN)
		cancel()
		if err == nil {
			conn.Close(context.Background())
			return nil
		}
		select {
		case <-s.done:
			s.proc = nil
			return fmt.Errorf("postgres exited at start (see %s)", s.log.Name())
		default:
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("postgres did not accept connections in 60s: %w", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Schema creates a fresh schema in the server and returns a DSN whose
// search_path is that schema, so that each test gets an empty store;
// the schema is dropped when t ends.
func (s *Server) Schema(t testing.TB) string {
	t.Helper()
	s.mu.Lock()
	s.count++
	name := fmt.Sprintf("ngtest_%d_%d", os.Getpid(), s.count)
	s.mu.Unlock()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, s.DSN)
	if err != nil {
		t.Fatalf("connect %s: %v", s.DSN, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, s.DSN)
		if err != nil {
			return // the server is gone already
		}
		defer conn.Close(ctx)
		conn.Exec(ctx, "DROP SCHEMA "+pgx.Identifier{name}.Sanitize()+" CASCADE")
	})
	return WithSearchPath(s.DSN, name)
}

// WithSearchPath adds search_path=schema to a URL or key=value DSN.
func WithSearchPath(dsn, schema string) string {
	if strings.Contains(dsn, "://") {
		sep := "?"
		if strings.Contains(dsn, "?") {
			sep = "&"
		}
		return dsn + sep + "search_path=" + schema
	}
	return dsn + " search_path=" + schema
}

func findBin() string {
	if p, err := exec.LookPath("initdb"); err == nil {
		dir := filepath.Dir(p)
		if _, err := os.Stat(filepath.Join(dir, "postgres")); err == nil {
			return dir
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	// Newest major version first.
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d
		}
	}
	return ""
}

func version(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

func unprivileged() (*syscall.Credential, error) {
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
	}
	return nil, errors.New(`there is no "postgres" or "nobody" user to run initdb as`)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}
