// Command lethe answers GDPR data-subject requests for online shops.
//
// main only parses the subcommand and hands over; each subcommand lives in a
// file named after it and registers itself in the commands table.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
	_ "time/tzdata" // shop time zones on machines without a zoneinfo database
)

// command is one subcommand of the binary.
type command struct {
	name    string
	summary string // one line for `lethe help`
	usage   string // the full help text for `lethe help NAME`
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches to a subcommand; `serve` is the default.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	name := "serve"
	if len(args) > 0 {
		name, args = args[0], args[1:]
	}
	switch name {
	case "help", "-h", "-help", "--help":
		return help(args, stdout, stderr)
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "lethe: unknown command %q; run `lethe help` for the list\n", name)
		return 2
	}
	return c.run(ctx, args, stdout, stderr)
}

func help(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		c, ok := commands[args[0]]
		if !ok {
			fmt.Fprintf(stderr, "lethe: unknown command %q\n", args[0])
			return 2
		}
		fmt.Fprintln(stdout, c.usage)
		return 0
	}
	fmt.Fprintln(stdout, "Lethe answers GDPR data-subject requests for Shopify and WooCommerce shops.")
	fmt.Fprintln(stdout, "\nUsage: lethe <command> [flags]   (no command = serve)\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(stdout, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(stdout, "\nRun `lethe help <command>` for details. Configuration comes from environment variables; see README.md.")
	return 0
}
