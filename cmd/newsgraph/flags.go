package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// errHelp reports that --help was asked for and the usage printed.
var errHelp = errors.New("help requested")

// parseInterspersed parses flags that may come before or after the
// positional arguments ("extract page.html --format text"), as people type
// them. A lone "-" is a positional argument (standard input); "--" ends the
// flags. Mistakes come back as one usage error line; --help prints the
// flags to stdout.
func parseInterspersed(fs *flag.FlagSet, synopsis string, args []string, stdout io.Writer) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprintf(stdout, "Usage: %s\n\nFlags:\n", synopsis)
				fs.SetOutput(stdout)
				fs.PrintDefaults()
				return nil, errHelp
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}
