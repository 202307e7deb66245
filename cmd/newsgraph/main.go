// Command newsgraph turns news articles into structured knowledge: the
// clean text, entities, places, times, quotes and events of each article,
// as newsgraph/v1 documents (doc/schema.md).
//
// Usage:
//
//	newsgraph extract [--format json|text] [--published DATE] [--url URL] [--plain] PATH|-
//	newsgraph eval SUITE [--data DIR] [--json] [--out DIR] [--split NAME] [--limit N]
//	newsgraph train MODEL [--data DIR] [--out PATH]
//	newsgraph ingest [--store PATH|postgres://…] [--queue nats://…] [--workers N] [--allow-private] [--no-robots] [--force] SOURCE...
//	newsgraph export articles|events|quotes|entities [--format jsonl|csv] [--store PATH] [--out FILE]
//	newsgraph watch [--store PATH] [--interval DURATION] [--rounds N] FEED...
//	newsgraph serve [--addr HOST:PORT] [--store PATH|postgres://… | --demo] [--token-file FILE] [--rate N] [--burst N] [--proxy-header H] [--backup-dir DIR]
//	newsgraph worker --queue nats://HOST:PORT [--store PATH|postgres://…] [--workers N] [--drain]
//	newsgraph version
//
// Exit status: 0 on success, 1 on bad input, 2 on bad usage.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// Exit statuses that scripts rely on.
const (
	exitOK    = 0
	exitInput = 1 // the input (a file, a page, a data folder) was bad
	exitUsage = 2 // the command line was bad
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// usageError marks an error as the caller's misuse of the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

const usage = `newsgraph turns news articles into structured knowledge.

Usage:
  newsgraph extract [--format json|text] [--published DATE] [--url URL] [--plain] PATH|-
  newsgraph eval SUITE [--data DIR] [--json] [--out DIR] [--split NAME] [--limit N]
  newsgraph train MODEL [--data DIR] [--out PATH]
  newsgraph ingest [--store PATH|postgres://…] [--queue nats://…] [--workers N] [--allow-private] [--no-robots] [--force] SOURCE...
  newsgraph export articles|events|quotes|entities [--format jsonl|csv] [--store PATH] [--out FILE]
  newsgraph watch [--store PATH] [--interval DURATION] [--rounds N] FEED...
  newsgraph serve [--addr HOST:PORT] [--store PATH|postgres://… | --demo] [--token-file FILE] [--rate N] [--burst N] [--proxy-header H] [--backup-dir DIR]
  newsgraph worker --queue nats://HOST:PORT [--store PATH|postgres://…] [--workers N] [--drain]
  newsgraph version

Run 'newsgraph COMMAND --help' for a command's flags.
`

// run is main without the process: it returns the exit status, so that
// tests can call it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "extract":
		err = runExtract(args[1:], stdin, stdout, stderr)
	case "eval":
		err = runEval(args[1:], stdout, stderr)
	case "train":
		err = runTrain(args[1:], stdout, stderr)
	case "ingest":
		err = runIngest(args[1:], stdout, stderr)
	case "export":
		err = runExport(args[1:], stdout, stderr)
	case "watch":
		err = runWatch(args[1:], stdout, stderr)
	case "serve":
		err = runServe(args[1:], stdout, stderr)
	case "worker":
		err = runWorker(args[1:], stdout, stderr)
	case "version", "--version":
		fmt.Fprintf(stdout, "newsgraph %s\n", version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		err = usagef("unknown command %q (see 'newsgraph help')", args[0])
	}
	return report(err, stderr)
}

// report prints err as one line and maps it to an exit status.
func report(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errHelp) {
		return exitOK
	}
	fmt.Fprintf(stderr, "newsgraph: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitInput
}
