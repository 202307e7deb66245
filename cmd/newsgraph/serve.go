package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"newsgraph/demo"
	"newsgraph/server"
	"newsgraph/store/postgres"
)

const serveSynopsis = "newsgraph serve [--addr HOST:PORT] [--store PATH|postgres://… | --demo] [--token-file FILE] [--rate N] [--burst N] [--proxy-header H] [--backup-dir DIR]"

// runServe serves the HTTP API and web UI over a store until interrupted.
func runServe(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; the default is loopback only")
	storeFlag := fs.String("store", "", "the store to serve, made by newsgraph ingest (default $NEWSGRAPH_STORE, else "+defaultStorePath+")")
	withDemo := fs.Bool("demo", false, "load the bundled demo corpus (Wikinews, CC BY 2.5) into a temporary store and serve it")
	tokenFile := fs.String("token-file", "", "file of API tokens, one per line, that authorise the write and admin endpoints (also $"+server.TokenEnv+"); without one the API is read-only")
	rate := fs.Float64("rate", server.DefaultRate, "requests per second each client address may make; 0 turns the limit off")
	burst := fs.Int("burst", server.DefaultBurst, "requests a client may make at once before --rate applies")
	proxyHeader := fs.String("proxy-header", "", "header a reverse proxy on loopback sets to the client address (X-Forwarded-For or X-Real-IP), for the rate limit")
	backupDir := fs.String("backup-dir", "", "directory that POST /api/v1/admin/backup writes store copies into; without it backups over the API are off")
	rest, err := parseInterspersed(fs, serveSynopsis, args, stdout)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return usagef("serve: unexpected argument %q (usage: %s)", rest[0], serveSynopsis)
	}
	if *storeFlag != "" && *withDemo {
		return usagef("serve: give --store PATH or --demo, not both")
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return usagef("serve: --addr %q: %v", *addr, err)
	}
	if *rate < 0 || *burst < 0 {
		return usagef("serve: --rate %v --burst %d: want 0 or more", *rate, *burst)
	}
	tokens, err := serveTokens(*tokenFile, os.Getenv(server.TokenEnv))
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if *backupDir != "" {
		if fi, err := os.Stat(*backupDir); err != nil || !fi.IsDir() {
			return usagef("serve: --backup-dir %s: not a directory", *backupDir)
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	path := storePath(*storeFlag)
	opts := server.Options{Tokens: tokens, Rate: *rate, Burst: *burst, BackupDir: *backupDir, ProxyHeader: *proxyHeader}
	if postgres.IsDSN(path) {
		opts.BackupSuffix = ".sql"
	}
	if *withDemo {
		dir, err := os.MkdirTemp("", "newsgraph-demo-")
		if err != nil {
			return fmt.Errorf("serve: temporary store: %w", err)
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "demo.db")
		opts.Credit = demo.Credit
	} else if _, err := os.Stat(path); err != nil && !postgres.IsDSN(path) {
		// Opening would create an empty store; serving one is never meant.
		return fmt.Errorf("serve: store %s: %w (make one with newsgraph ingest, or try --demo)", path, err)
	}
	st, name, err := openStore(path)
	if err != nil {
		return fmt.Errorf("serve: open store %s: %w", name, err)
	}
	defer st.Close()
	if *withDemo {
		fmt.Fprintln(stderr, "newsgraph: loading the demo corpus …")
		stats, err := demo.Load(ctx, st, demo.Options{})
		if err != nil && stats.Articles == 0 {
			return fmt.Errorf("serve: load demo: %w", err)
		}
		if err != nil {
			fmt.Fprintf(stderr, "newsgraph: %d demo articles failed: %v\n", stats.Failed, err)
		}
		fmt.Fprintf(stderr, "newsgraph: %d demo articles loaded\n", stats.Articles)
	}
	srv, err := server.New(st, opts)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return srv.ListenAndServe(ctx, *addr, func(a net.Addr) {
		fmt.Fprintf(stderr, "newsgraph: serving http://%s/ (API at /api/v1, Ctrl-C to stop)\n", a)
		// The count, never the tokens.
		if len(tokens) == 0 {
			fmt.Fprintf(stderr, "newsgraph: read-only API (set $%s or --token-file to enable the write endpoints)\n", server.TokenEnv)
		} else {
			fmt.Fprintf(stderr, "newsgraph: write endpoints enabled for %d API token(s)\n", len(tokens))
		}
	})
}

// serveTokens gathers the API tokens from --token-file and the
// environment. Errors name where a bad token came from, never the token.
func serveTokens(file, env string) ([]string, error) {
	var tokens []string
	if file != "" {
		t, err := server.ReadTokenFile(file)
		if err != nil {
			return nil, err
		}
		tokens = t
	}
	if env = strings.TrimSpace(env); env != "" {
		if len(env) < server.MinTokenLength {
			return nil, fmt.Errorf("$%s: API token shorter than %d characters", server.TokenEnv, server.MinTokenLength)
		}
		tokens = append(tokens, env)
	}
	return tokens, nil
}
