package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

const tokenUsage = `lethe token create --shop DOMAIN [--name NAME]
lethe token list   --shop DOMAIN
lethe token revoke --shop DOMAIN ID

API tokens open one shop's admin API (/api/…) for automation and support:
send Authorization: Bearer <token>. Only a keyed hash is stored.

  create  make a token and print it on stdout: it is shown only this once
  list    the shop's tokens: id, name, created, last used, revoked (never the token)
  revoke  end the token ID of the shop at once (its id from list)

  --shop      the shop's domain (a.myshopify.com)
  --platform  the shop's platform (default shopify)
  --name      what the token is for (create)

Uses LETHE_DATABASE_URL (or the SQLite file in LETHE_DATA_DIR).`

// tokenActor is who the audit trail names for the CLI's token changes.
const tokenActor = "cli"

func init() {
	register(command{
		name:    "token",
		summary: "create, list or revoke API tokens of a shop's admin API",
		usage:   tokenUsage,
		run:     runToken,
	})
}

// tokenArgs are the parsed arguments of `lethe token`.
type tokenArgs struct {
	action, shop, platform, name string
	id                           int64
}

func runToken(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	ta, err := parseTokenArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, tokenUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "lethe token: %v (run `lethe help token`)\n", err)
		return 2
	}
	a, err := newAdminApp(ctx, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	defer a.close()
	if err := a.checkSchema(ctx); err != nil {
		return fail(stderr, err)
	}
	sh, err := a.store.ShopByDomain(ctx, ta.platform, ta.shop)
	if errors.Is(err, store.ErrNotFound) {
		return fail(stderr, fmt.Errorf("no %s shop %s (it must have installed the app)", ta.platform, ta.shop))
	}
	if err != nil {
		return fail(stderr, err)
	}
	switch ta.action {
	case "create":
		err = createToken(ctx, a.store, sh, ta.name, stdout, stderr)
	case "list":
		err = listTokens(ctx, a.store, sh, stdout)
	default:
		err = tenant.RevokeToken(ctx, a.store, sh.ID, ta.id, tokenActor, time.Now())
		if errors.Is(err, store.ErrNotFound) {
			err = fmt.Errorf("shop %s has no API token %d", sh.Domain, ta.id)
		}
		if err == nil {
			fmt.Fprintf(stdout, "revoked API token %d of %s\n", ta.id, sh.Domain)
		}
	}
	if err != nil {
		return fail(stderr, err)
	}
	return 0
}

// parseTokenArgs reads the action, its flags (before or after the id) and
// the id of revoke.
func parseTokenArgs(args []string) (tokenArgs, error) {
	ta := tokenArgs{}
	if len(args) == 0 {
		return ta, errors.New("name an action: create, list or revoke")
	}
	ta.action, args = args[0], args[1:]
	if ta.action == "-h" || ta.action == "--help" || ta.action == "help" {
		return ta, flag.ErrHelp
	}
	fs := flag.NewFlagSet("token "+ta.action, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&ta.shop, "shop", "", "")
	fs.StringVar(&ta.platform, "platform", "shopify", "")
	if ta.action == "create" {
		fs.StringVar(&ta.name, "name", "", "")
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return ta, err
		}
		if fs.NArg() == 0 {
			break
		}
		pos, args = append(pos, fs.Arg(0)), fs.Args()[1:]
	}
	switch {
	case ta.action != "create" && ta.action != "list" && ta.action != "revoke":
		return ta, fmt.Errorf("unknown action %q: create, list or revoke", ta.action)
	case ta.shop == "":
		return ta, errors.New("--shop is required")
	case ta.action == "revoke" && len(pos) != 1:
		return ta, errors.New("revoke takes one token id")
	case ta.action != "revoke" && len(pos) > 0:
		return ta, fmt.Errorf("unexpected argument %q", pos[0])
	}
	if ta.action == "revoke" {
		id, err := strconv.ParseInt(pos[0], 10, 64)
		if err != nil || id <= 0 {
			return ta, fmt.Errorf("token id %q is not a positive whole number", pos[0])
		}
		ta.id = id
	}
	return ta, nil
}

// createToken prints the new token alone on stdout (for scripts) and what
// it is on stderr.
func createToken(ctx context.Context, st *store.Store, sh *store.Shop, name string, stdout, stderr io.Writer) error {
	token, row, err := tenant.IssueToken(ctx, st, sh.ID, name, tokenActor, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, token)
	fmt.Fprintf(stderr, "created API token %d for %s; it is shown only this once: send it as Authorization: Bearer <token>\n", row.ID, sh.Domain)
	return nil
}

func listTokens(ctx context.Context, st *store.Store, sh *store.Shop, stdout io.Writer) error {
	rows, err := st.APITokens(ctx, sh.ID)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tCREATED\tLAST USED\tREVOKED")
	for _, r := range rows {
		name := r.Name
		if name == "" {
			name = "-"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", r.ID, name, tokenTime(&r.CreatedAt), tokenTime(r.LastUsedAt), tokenTime(r.RevokedAt))
	}
	return tw.Flush()
}

// tokenTime is t in UTC to the second, or "-" when unset.
func tokenTime(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}
