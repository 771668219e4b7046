package shopify_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/shopify"
	"github.com/lethe-gdpr/lethe/shopify/admin"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// tokenEnv is Tokens on a real store against the emulator, with a shop
// installed with an expiring offline token issued at appEnvStart.
type tokenEnv struct {
	emu    *shopifytest.Emulator
	clock  *shopifytest.Clock
	st     *store.Store
	oauth  *shopify.OAuth
	tokens *shopify.Tokens
	shop   *store.Shop
	issued shopifytest.TokenSet
	logs   *lockedBuffer
}

func newTokenEnv(t *testing.T, dialect string, expiring bool) *tokenEnv {
	t.Helper()
	ctx := context.Background()
	clock := shopifytest.NewClock(appEnvStart)
	emu := shopifytest.Start(t, shopifytest.Options{Now: clock.Now})
	emu.AddShop(shopBerlin, shopifytest.ShopOptions{})
	st := testenv.Store(t, dialect)
	logs := &lockedBuffer{}
	o := &shopify.OAuth{APIKey: emu.App().ClientID, Secret: emu.App().ClientSecret, Origin: emu.URL, Now: clock.Now}
	e := &tokenEnv{emu: emu, clock: clock, st: st, oauth: o, logs: logs,
		tokens: shopify.NewTokens(st, o, logging.New(logs, "json", "debug"))}
	e.issued = emu.InstallApp(shopBerlin, expiring)
	e.shop = &store.Shop{Platform: "shopify", Domain: shopBerlin}
	if err := st.UpsertShop(ctx, e.shop); err != nil {
		t.Fatal(err)
	}
	c := shopify.Credentials{AccessToken: e.issued.AccessToken, Scope: e.issued.Scope, RefreshToken: e.issued.RefreshToken}
	if expiring {
		c.ExpiresAt = appEnvStart.Add(shopifytest.AccessTokenLifetime)
		c.RefreshExpiresAt = appEnvStart.Add(shopifytest.RefreshTokenLifetime)
	}
	e.save(t, c)
	return e
}

func (e *tokenEnv) save(t *testing.T, c shopify.Credentials) {
	t.Helper()
	if err := e.tokens.Save(context.Background(), e.st, e.shop.ID, c); err != nil {
		t.Fatal(err)
	}
}

func (e *tokenEnv) stored(t *testing.T) (*store.Shop, shopify.Credentials) {
	t.Helper()
	sh, err := e.st.Shop(context.Background(), e.shop.ID)
	if err != nil {
		t.Fatal(err)
	}
	var c shopify.Credentials
	if len(sh.Credentials) > 0 {
		if err := e.st.OpenCredentials(sh, &c); err != nil {
			t.Fatal(err)
		}
	}
	return sh, c
}

// works checks the token against the emulator's Admin API.
func (e *tokenEnv) works(t *testing.T, token string) {
	t.Helper()
	cl, err := admin.New(admin.Config{Shop: shopBerlin, Tokens: admin.StaticToken(token), APIOrigin: e.emu.URL, Clock: e.clock})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.Shop(context.Background()); err != nil {
		t.Errorf("token does not work: %v", err)
	}
}

// burst calls Token for shopID from n goroutines at once, spread over
// tokens (one Tokens per process), and returns the answers.
func burst(n int, shopID int64, tokens ...*shopify.Tokens) ([]string, []error) {
	got, errs := make([]string, n), make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		tk := tokens[i%len(tokens)]
		wg.Go(func() {
			<-start
			got[i], errs[i] = tk.Token(context.Background(), shopID)
		})
	}
	close(start)
	wg.Wait()
	return got, errs
}

func TestTokenRefreshedOnceUnderLoad(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newTokenEnv(t, dialect, true)
			e.clock.Advance(time.Hour + time.Minute) // past expiry
			got, errs := burst(50, e.shop.ID, e.tokens)
			for i := range got {
				if errs[i] != nil || got[i] == "" || got[i] != got[0] {
					t.Fatalf("call %d: %q %v (first: %q)", i, got[i], errs[i], got[0])
				}
			}
			if got[0] == e.issued.AccessToken {
				t.Fatal("the expired token was handed out")
			}
			if g := e.emu.Grants(); g.Refresh != 1 {
				t.Fatalf("refresh grants: %d, want 1", g.Refresh)
			}
			e.works(t, got[0])

			sh, c := e.stored(t)
			if sh.Status != store.ShopActive || c.AccessToken != got[0] || c.RefreshToken == e.issued.RefreshToken ||
				!c.ExpiresAt.Equal(e.clock.Now().Add(time.Hour)) {
				t.Errorf("stored after refresh: status %s, same token %v, rotated refresh %v, expires %v",
					sh.Status, c.AccessToken == got[0], c.RefreshToken != e.issued.RefreshToken, c.ExpiresAt)
			}
			// A second wave finds the fresh token.
			got2, _ := burst(20, e.shop.ID, e.tokens)
			if got2[0] != got[0] || e.emu.Grants().Refresh != 1 {
				t.Errorf("second wave refreshed again")
			}
			// And an hour later it is refreshed once more, with the rotated
			// refresh token.
			e.clock.Advance(time.Hour)
			got3, errs3 := burst(10, e.shop.ID, e.tokens)
			if errs3[0] != nil || got3[0] == got[0] || e.emu.Grants().Refresh != 2 {
				t.Errorf("second refresh: %v, grants %+v", errs3[0], e.emu.Grants())
			}
			if strings.Contains(e.logs.String(), got[0]) || strings.Contains(e.logs.String(), c.RefreshToken) {
				t.Error("a token is in the logs")
			}
		})
	}
}

// Two processes (two Tokens on one database) refresh once between them:
// the row lock makes the second find the first one's token.
func TestTokenRefreshedOnceAcrossProcesses(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newTokenEnv(t, dialect, true)
			other := shopify.NewTokens(e.st, e.oauth, logging.New(e.logs, "json", "debug"))
			e.clock.Advance(2 * time.Hour)
			got, errs := burst(50, e.shop.ID, e.tokens, other)
			for i := range got {
				if errs[i] != nil || got[i] != got[0] {
					t.Fatalf("call %d: %q %v", i, got[i], errs[i])
				}
			}
			if g := e.emu.Grants(); g.Refresh != 1 {
				t.Errorf("refresh grants: %d, want 1", g.Refresh)
			}
			e.works(t, got[0])
		})
	}
}

func TestTokenNotDueIsNotRefreshed(t *testing.T) {
	e := newTokenEnv(t, store.SQLite, true)
	ctx := context.Background()
	e.clock.Advance(30 * time.Minute)
	tok, err := e.tokens.Token(ctx, e.shop.ID)
	if err != nil || tok != e.issued.AccessToken || e.emu.Grants().Refresh != 0 {
		t.Fatalf("30 min in: %q %v, grants %+v", tok, err, e.emu.Grants())
	}
	// Just before the refresh window (5 min before expiry): still the same.
	e.clock.Advance(24*time.Minute + 59*time.Second)
	if tok, _ := e.tokens.Token(ctx, e.shop.ID); tok != e.issued.AccessToken || e.emu.Grants().Refresh != 0 {
		t.Fatalf("54:59 in: refreshed early")
	}
	// Inside the window it is refreshed before it expires.
	e.clock.Advance(2 * time.Second)
	tok, err = e.tokens.Token(ctx, e.shop.ID)
	if err != nil || tok == e.issued.AccessToken || e.emu.Grants().Refresh != 1 {
		t.Fatalf("55:01 in: %v, grants %+v", err, e.emu.Grants())
	}
	e.works(t, tok)
}

func TestTokenNonExpiringIsNeverRefreshed(t *testing.T) {
	e := newTokenEnv(t, store.SQLite, false)
	e.clock.Advance(400 * 24 * time.Hour)
	tok, err := e.tokens.Token(context.Background(), e.shop.ID)
	if err != nil || tok != e.issued.AccessToken || e.emu.Grants().Refresh != 0 {
		t.Fatalf("%q %v, grants %+v", tok, err, e.emu.Grants())
	}
	e.works(t, tok)
}

func TestTokenRefreshRefusedNeedsReauth(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newTokenEnv(t, dialect, true)
			ctx := context.Background()
			e.emu.RevokeTokens(shopBerlin) // the merchant rotated the app's tokens
			e.clock.Advance(time.Hour + time.Minute)
			_, errs := burst(20, e.shop.ID, e.tokens)
			for i, err := range errs {
				if !errors.Is(err, shopify.ErrNeedsReauth) {
					t.Fatalf("call %d: %v, want ErrNeedsReauth", i, err)
				}
			}
			if sh, _ := e.stored(t); sh.Status != store.ShopNeedsReauth {
				t.Errorf("status %s, want needs_reauth", sh.Status)
			}
			if n := strings.Count(e.logs.String(), "token refresh refused"); n != 1 {
				t.Errorf("refused refresh logged %d times, want 1", n)
			}
			// Later calls fail fast without asking Shopify again.
			if _, err := e.tokens.Token(ctx, e.shop.ID); !errors.Is(err, shopify.ErrNeedsReauth) {
				t.Errorf("later call: %v", err)
			}
			if n := strings.Count(e.logs.String(), "token refresh refused"); n != 1 {
				t.Errorf("a needs_reauth shop's refresh token was tried again (%d refusals)", n)
			}
			// Re-authentication (token exchange or a new install) saves new
			// tokens and the shop is active again.
			fresh := e.emu.InstallApp(shopBerlin, true)
			e.save(t, shopify.Credentials{AccessToken: fresh.AccessToken, RefreshToken: fresh.RefreshToken,
				ExpiresAt: e.clock.Now().Add(time.Hour), RefreshExpiresAt: e.clock.Now().Add(90 * 24 * time.Hour)})
			tok, err := e.tokens.Token(ctx, e.shop.ID)
			if err != nil || tok != fresh.AccessToken {
				t.Errorf("after re-authentication: %v", err)
			}
			if sh, _ := e.stored(t); sh.Status != store.ShopActive {
				t.Errorf("status %s after re-authentication", sh.Status)
			}
		})
	}
}

func TestTokenRefreshTokenExpired(t *testing.T) {
	t.Run("known expiry: Shopify is not asked", func(t *testing.T) {
		e := newTokenEnv(t, store.SQLite, true)
		e.clock.Advance(shopifytest.RefreshTokenLifetime + time.Hour)
		if _, err := e.tokens.Token(context.Background(), e.shop.ID); !errors.Is(err, shopify.ErrNeedsReauth) {
			t.Fatalf("%v, want ErrNeedsReauth", err)
		}
		if sh, _ := e.stored(t); sh.Status != store.ShopNeedsReauth {
			t.Errorf("status %s", sh.Status)
		}
		if strings.Contains(e.logs.String(), "token refresh refused") {
			t.Error("an expired refresh token was sent to Shopify")
		}
	})
	t.Run("unknown expiry: Shopify refuses", func(t *testing.T) {
		e := newTokenEnv(t, store.SQLite, true)
		e.save(t, shopify.Credentials{AccessToken: e.issued.AccessToken, RefreshToken: e.issued.RefreshToken,
			ExpiresAt: appEnvStart.Add(time.Hour)}) // no refresh_expires_at recorded
		e.clock.Advance(shopifytest.RefreshTokenLifetime + time.Hour)
		if _, err := e.tokens.Token(context.Background(), e.shop.ID); !errors.Is(err, shopify.ErrNeedsReauth) {
			t.Fatalf("%v, want ErrNeedsReauth", err)
		}
		if sh, _ := e.stored(t); sh.Status != store.ShopNeedsReauth {
			t.Errorf("status %s", sh.Status)
		}
	})
	t.Run("no refresh token", func(t *testing.T) {
		e := newTokenEnv(t, store.SQLite, true)
		e.save(t, shopify.Credentials{AccessToken: e.issued.AccessToken, ExpiresAt: appEnvStart.Add(time.Hour)})
		e.clock.Advance(2 * time.Hour)
		if _, err := e.tokens.Token(context.Background(), e.shop.ID); !errors.Is(err, shopify.ErrNeedsReauth) {
			t.Fatalf("%v, want ErrNeedsReauth", err)
		}
	})
}

func TestTokenRefreshTransientFailureKeepsShop(t *testing.T) {
	e := newTokenEnv(t, store.SQLite, true)
	// Shopify's token endpoint cannot be reached.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + l.Addr().String()
	l.Close()
	o := &shopify.OAuth{APIKey: e.oauth.APIKey, Secret: e.oauth.Secret, Origin: dead, Now: e.clock.Now}
	tk := shopify.NewTokens(e.st, o, logging.New(e.logs, "json", "debug"))
	e.clock.Advance(2 * time.Hour)
	_, err = tk.Token(context.Background(), e.shop.ID)
	if err == nil || errors.Is(err, shopify.ErrNeedsReauth) {
		t.Fatalf("%v, want a transient error", err)
	}
	sh, c := e.stored(t)
	if sh.Status != store.ShopActive || c.RefreshToken != e.issued.RefreshToken {
		t.Errorf("a transient failure changed the shop: %s", sh.Status)
	}
	// Once Shopify answers again the refresh succeeds.
	tok, err := e.tokens.Token(context.Background(), e.shop.ID)
	if err != nil || e.emu.Grants().Refresh != 1 {
		t.Fatalf("%v, grants %+v", err, e.emu.Grants())
	}
	e.works(t, tok)
}

func TestTokenShopWithoutToken(t *testing.T) {
	ctx := context.Background()
	e := newTokenEnv(t, store.SQLite, true)
	if err := e.st.SetCredentials(ctx, e.shop.ID, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := e.tokens.Token(ctx, e.shop.ID); !errors.Is(err, shopify.ErrNeedsReauth) {
		t.Errorf("no credentials: %v", err)
	}
	if err := e.st.MarkShopUninstalled(ctx, e.shop.ID, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := e.tokens.Token(ctx, e.shop.ID); err == nil || !strings.Contains(err.Error(), "uninstalled") {
		t.Errorf("uninstalled shop: %v", err)
	}
	if _, err := e.tokens.Token(ctx, e.shop.ID+1000); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown shop: %v", err)
	}
	if e.emu.Grants().Refresh != 0 {
		t.Error("refreshed a token of a shop without one")
	}
}
