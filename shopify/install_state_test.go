package shopify_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/shopify"
)

// A state (cookie and state parameter) works for one callback: replaying
// both with a fresh authorization code within the state's lifetime is
// refused, by this process and by another one on the same database.
func TestCallbackReplayedStateIsRefused(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newAppEnv(t, dialect)
			c := browser(t)
			auth := e.startInstall(t, c, shopBerlin)
			state := auth.Query().Get("state")
			u, _ := url.Parse(e.url + "/shopify/callback")
			saved := c.Jar.Cookies(u)[0] // what an attacker who saw the browser keeps
			cb := e.authorize(t, c, auth)
			if a := browse(t, c, cb); a.status != http.StatusFound {
				t.Fatalf("first callback: %d %s", a.status, a.body)
			}

			// Another process: a second app on the same database.
			log := slog.New(slog.DiscardHandler)
			srv := server.New(server.Deps{Log: log})
			other := shopify.NewApp(shopify.AppConfig{
				APIKey: e.emu.App().ClientID, Secret: e.secret(), Scopes: strings.Split(e.emu.App().Scopes, ","),
				APIOrigin: e.emu.URL, PublicURL: e.url, Clock: e.clock,
			}, e.st, log)
			other.Mount(srv.Echo())
			ts := httptest.NewServer(srv.Handler())
			t.Cleanup(ts.Close)

			for _, base := range []string{e.url, ts.URL} {
				replay := browser(t)
				replay.Jar.SetCookies(u, []*http.Cookie{{Name: saved.Name, Value: saved.Value, Path: "/shopify/callback"}})
				link := strings.Replace(e.callbackURL(shopBerlin, e.emu.NewAuthorizationCode(shopBerlin), state), e.url, base, 1)
				a := browse(t, replay, link)
				if a.status != http.StatusForbidden || !strings.Contains(a.errorMessage(t), "state") {
					t.Errorf("replayed state at %s: %d %s", base, a.status, a.body)
				}
			}
			if g := e.emu.Grants(); g.AuthorizationCode != 1 {
				t.Errorf("a replayed state exchanged a code: grants %+v", g)
			}
		})
	}
}
