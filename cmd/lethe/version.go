package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func init() {
	register(command{
		name:    "version",
		summary: "print the version of this binary",
		usage:   "lethe version\n\nPrints the version and the Go toolchain it was built with.",
		run: func(_ context.Context, _ []string, stdout, _ io.Writer) int {
			gov := "unknown"
			if bi, ok := debug.ReadBuildInfo(); ok {
				gov = bi.GoVersion
			}
			fmt.Fprintf(stdout, "lethe %s (%s)\n", version, gov)
			return 0
		},
	})
}
