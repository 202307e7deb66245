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
	"syscall"

	"newsgraph/demo"
	"newsgraph/server"
	"newsgraph/store/postgres"
)

const serveSynopsis = "newsgraph serve [--addr HOST:PORT] [--store PATH|postgres://… | --demo]"

// runServe serves the HTTP API and web UI over a store until interrupted.
func runServe(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; the default is loopback only")
	storeFlag := fs.String("store", "", "the store to serve, made by newsgraph ingest (default $NEWSGRAPH_STORE, else "+defaultStorePath+")")
	withDemo := fs.Bool("demo", false, "load the bundled demo corpus (Wikinews, CC BY 2.5) into a temporary store and serve it")
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

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	path := storePath(*storeFlag)
	opts := server.Options{}
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
	})
}
