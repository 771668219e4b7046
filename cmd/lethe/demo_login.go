package main

import (
	"context"
	"path"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// demoLogin is how the demo's visitor gets in: a one-time link that logs
// the shop's user in (the standalone login), or, where this build has no
// standalone login, an API token for the admin API.
type demoLogin struct {
	Email    string // the user's address: the shop's own
	Link     string // the one-time login link; empty when the login is not available
	APIToken string // the fallback
	Problem  string // why there is no link
}

// createDemoLogin makes the shop's user (the shop's contact address) and
// a one-time link for them; when logins fail it issues an API token.
func createDemoLogin(ctx context.Context, st *store.Store, sh *store.Shop, base string) (demoLogin, error) {
	l := demoLogin{Email: sh.Email}
	logins := tenant.NewLogins(st)
	uid, err := logins.CreateUser(ctx, sh.ID, l.Email)
	if err == nil {
		if l.Link, err = logins.InviteLink(ctx, uid, base); err == nil {
			return l, nil
		}
	}
	l.Problem = err.Error()
	tok, _, err := tenant.IssueToken(ctx, st, sh.ID, "lethe demo", "demo", time.Now())
	if err != nil {
		return l, err
	}
	l.APIToken = tok
	return l, nil
}

// entryOf is what the demo's / shows: the one-time login page itself
// while its link has not been used (whoever runs the demo opens the
// printed URL and sees the product, ready to choose a password), a
// redirect to the panel afterwards (its login page, or the inbox).
func (d *demoRun) entryOf(ctx context.Context, a *app) (string, bool) {
	link := d.entry.Load()
	if link == nil {
		return "/app", false
	}
	if _, err := tenant.NewLogins(a.store).CheckLink(ctx, store.LoginInvite, path.Base(*link)); err != nil {
		return "/app", false
	}
	return *link, true
}
