package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

const userUsage = `lethe user create --shop DOMAIN --email ADDRESS
lethe user invite --shop DOMAIN --email ADDRESS
lethe user list   --shop DOMAIN

Users log in to a shop's admin panel (/app) with their e-mail address and
a password, without Shopify (WooCommerce shops, self-hosting). An address
belongs to one user of one shop in the whole installation.

  create  add a user and print their invitation link on stdout: it sets
          the password and logs them in, once, within 7 days
  invite  print a new invitation link for an existing user (the earlier
          one ends); it also sets a new password for a user who has one
  list    the shop's users: id, e-mail, created, password set, last login

  --shop      the shop's domain
  --platform  the shop's platform, when the domain is a shop on several
  --email     the user's e-mail address (create, invite)

Links start with LETHE_PUBLIC_URL. Uses LETHE_DATABASE_URL (or the SQLite
file in LETHE_DATA_DIR).`

func init() {
	register(command{
		name:    "user",
		summary: "create, invite or list the standalone panel's users of a shop",
		usage:   userUsage,
		run:     runUser,
	})
}

// userArgs are the parsed arguments of `lethe user`.
type userArgs struct {
	action, shop, platform, email string
}

func runUser(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	ua, err := parseUserArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, userUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "lethe user: %v (run `lethe help user`)\n", err)
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
	sh, err := shopOfDomain(ctx, a.store, ua.shop, ua.platform)
	if err != nil {
		return fail(stderr, err)
	}
	logins := tenant.NewLogins(a.store)
	base := a.cfg.PublicURL.String()
	switch ua.action {
	case "create":
		err = createUser(ctx, logins, sh, ua.email, base, stdout, stderr)
	case "invite":
		err = inviteUser(ctx, a.store, logins, sh, ua.email, base, stdout, stderr)
	default:
		err = listUsers(ctx, a.store, sh, stdout)
	}
	if err != nil {
		return fail(stderr, err)
	}
	return 0
}

func parseUserArgs(args []string) (userArgs, error) {
	ua := userArgs{}
	if len(args) == 0 {
		return ua, errors.New("name an action: create, invite or list")
	}
	ua.action, args = args[0], args[1:]
	if ua.action == "-h" || ua.action == "--help" || ua.action == "help" {
		return ua, flag.ErrHelp
	}
	fs := flag.NewFlagSet("user "+ua.action, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&ua.shop, "shop", "", "")
	fs.StringVar(&ua.platform, "platform", "", "")
	if ua.action != "list" {
		fs.StringVar(&ua.email, "email", "", "")
	}
	if err := fs.Parse(args); err != nil {
		return ua, err
	}
	switch {
	case ua.action != "create" && ua.action != "invite" && ua.action != "list":
		return ua, fmt.Errorf("unknown action %q: create, invite or list", ua.action)
	case fs.NArg() > 0:
		return ua, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case ua.shop == "":
		return ua, errors.New("--shop is required")
	case ua.action != "list" && strings.TrimSpace(ua.email) == "":
		return ua, errors.New("--email is required")
	}
	return ua, nil
}

// shopOfDomain finds the shop of a domain on any platform (a standalone
// shop may be on any), or on platform when given.
func shopOfDomain(ctx context.Context, st *store.Store, domain, platform string) (*store.Shop, error) {
	shs, err := st.ShopsByDomain(ctx, domain)
	if err != nil {
		return nil, err
	}
	var found []store.Shop
	var platforms []string
	for _, sh := range shs {
		if platform == "" || sh.Platform == platform {
			found = append(found, sh)
			platforms = append(platforms, sh.Platform)
		}
	}
	switch len(found) {
	case 0:
		if platform != "" {
			return nil, fmt.Errorf("no %s shop %s", platform, domain)
		}
		return nil, fmt.Errorf("no shop %s (it must be installed or connected first)", domain)
	case 1:
		return &found[0], nil
	}
	return nil, fmt.Errorf("%s is a shop on %s: name one with --platform", domain, strings.Join(platforms, " and "))
}

// createUser prints the invitation link alone on stdout (for scripts) and
// what it is on stderr.
func createUser(ctx context.Context, l *tenant.Logins, sh *store.Shop, email, base string, stdout, stderr io.Writer) error {
	id, err := l.CreateUser(ctx, sh.ID, email)
	switch {
	case errors.Is(err, tenant.ErrBadEmail):
		return fmt.Errorf("%q is not an e-mail address", email)
	case errors.Is(err, tenant.ErrEmailTaken):
		return errors.New("a user with that e-mail address exists (in this or another shop): use `lethe user invite` for a new link")
	case err != nil:
		return err
	}
	link, err := l.InviteLink(ctx, id, base)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, link)
	fmt.Fprintf(stderr, "created user %d for %s; give them the link above: it sets their password and works once, within 7 days\n", id, sh.Domain)
	return nil
}

func inviteUser(ctx context.Context, st *store.Store, l *tenant.Logins, sh *store.Shop, email, base string, stdout, stderr io.Writer) error {
	u, err := st.UserByEmail(ctx, email)
	if errors.Is(err, store.ErrNotFound) || (err == nil && u.ShopID != sh.ID) {
		return fmt.Errorf("%s has no user with that e-mail address (create one with `lethe user create`)", sh.Domain)
	}
	if err != nil {
		return err
	}
	if u.DisabledAt != nil {
		return fmt.Errorf("user %d is disabled", u.ID)
	}
	link, err := l.InviteLink(ctx, u.ID, base)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, link)
	fmt.Fprintf(stderr, "new invitation link for user %d of %s: it works once, within 7 days; earlier links no longer work\n", u.ID, sh.Domain)
	return nil
}

func listUsers(ctx context.Context, st *store.Store, sh *store.Shop, stdout io.Writer) error {
	us, err := st.Users(ctx, sh.ID)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tE-MAIL\tCREATED\tPASSWORD SET\tLAST LOGIN\tDISABLED")
	for _, u := range us {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", u.ID, u.Email, tokenTime(&u.CreatedAt), tokenTime(u.PasswordSetAt),
			tokenTime(u.LastLoginAt), tokenTime(u.DisabledAt))
	}
	return tw.Flush()
}
