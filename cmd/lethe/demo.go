package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/lethe-gdpr/lethe/app/mail/mailtest"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

const demoUsage = `lethe demo

Runs Lethe with everything it needs in one process, with no configuration
and no external service: the embedded default (an SQLite file in a fresh
temporary folder, an in-process Redis), a Shopify emulator serving a demo
shop with German customers and orders, and an SMTP server that catches
every e-mail. Lethe is installed on the shop as from the Shopify admin;
then Shopify sends a data request and an erasure request as signed
webhooks, and Lethe works on them as it would for a real shop. The panel
shows both requests and, under "Mailbox (demo)", the e-mails Lethe sent.

It prints the panel's URL and a one-time login link. It listens on
LETHE_ADDR (default 127.0.0.1:8080, or a free port when that one is in
use). Ctrl-C stops it and deletes the demo's data.

For a real installation run ` + "`lethe serve`" + ` (see README.md).`

func init() {
	register(command{
		name:    "demo",
		summary: "try Lethe: a demo shop, two requests and caught mail, no configuration",
		usage:   demoUsage,
		run:     runDemo,
	})
}

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, demoUsage)
		return 0
	} else if err != nil || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "lethe demo: takes no arguments (run `lethe help demo`)")
		return 2
	}
	return demo(ctx, stdout, stderr, nil)
}

// demoRun is a running demo, handed to a test once both requests are in.
type demoRun struct {
	base   string // Lethe's URL
	dir    string // the data folder, deleted at the end
	app    shopifytest.App
	emu    *shopifytest.Emulator
	smtp   *mailtest.Server
	shop   *store.Shop
	people demoPeople
	login  demoLogin
	entry  atomic.Pointer[string] // the login link's path while it is unused (demoEntry)
	reqs   []store.Request        // as they were when the demo stopped waiting
}

// demo runs the demo until ctx ends; ready, when set, is called once the
// demo's requests have arrived and settled (tests).
func demo(ctx context.Context, stdout, stderr io.Writer, ready func(*demoRun)) int {
	d := &demoRun{app: demoApp()}
	emu, stopEmu, err := startEmulator(d.app)
	if err != nil {
		return fail(stderr, err)
	}
	defer stopEmu()
	d.emu = emu
	emu.AddShop(demoDomain, demoShop)
	d.people = seedDemo(emu, time.Now())

	if d.smtp, err = mailtest.Listen(mailtest.Options{}); err != nil {
		return fail(stderr, fmt.Errorf("the demo's SMTP server cannot listen: %w", err))
	}
	defer d.smtp.Close()
	ln, moved, err := demoListen()
	if err != nil {
		return fail(stderr, err)
	}
	if moved != "" {
		fmt.Fprintln(stdout, moved)
	}
	dir, err := os.MkdirTemp("", "lethe-demo-")
	if err != nil {
		ln.Close()
		return fail(stderr, err)
	}
	defer os.RemoveAll(dir)
	d.dir = dir
	cfg, err := demoConfig(ln, dir, d.smtp.URL(), emu, d.app)
	if err != nil {
		ln.Close()
		return fail(stderr, err)
	}
	started := func(ctx context.Context, a *app, base string) error {
		d.base = base
		return d.run(ctx, a, stdout, ready)
	}
	return serveApp(ctx, stderr, cfg, role{web: true, worker: true}, serveHooks{
		listener: ln, mailbox: demoMailbox{d.smtp}, started: started, entry: d.entryOf,
	})
}

// run installs the app on the demo shop, prints how to get in, sends the
// two requests and reports on them.
func (d *demoRun) run(ctx context.Context, a *app, stdout io.Writer, ready func(*demoRun)) error {
	sh, err := installDemo(ctx, a, d.base, d.app)
	if err != nil {
		return err
	}
	d.shop = sh
	if d.login, err = createDemoLogin(ctx, a.store, sh, d.base); err != nil {
		return err
	}
	if link := strings.TrimPrefix(d.login.Link, d.base); link != "" {
		d.entry.Store(&link)
	}
	printDemoIntro(stdout, d)
	if err := sendDemoRequests(ctx, d.base, d.emu, d.app, d.people); err != nil {
		return err
	}
	d.reqs, err = waitDemoRequests(ctx, a.store, sh.ID, 2, 45*time.Second, func(rs []store.Request) {
		fmt.Fprintf(stdout, "\nBoth requests have arrived: open %s/app\n", d.base)
	})
	if err != nil {
		return err
	}
	printDemoOutcome(stdout, d)
	if ready != nil {
		ready(d)
	}
	return nil
}
