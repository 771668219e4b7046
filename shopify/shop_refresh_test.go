package shopify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/shopify"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// shop/update reads the shop's profile again: what changed in Shopify is
// stored, what the merchant edited in Lethe stays, and the state follows a
// new postcode unless the merchant chose it. Each stage: the merchant's
// PATCH in Lethe (if any), the change in Shopify, then shop/update.
func TestShopUpdateRefreshesProfile(t *testing.T) {
	stages := []struct {
		what  string
		patch string
		edit  func(o *shopifytest.ShopOptions)
		want  profile
	}{
		{"moved to Munich and renamed in Shopify", "", func(o *shopifytest.ShopOptions) {
			o.Name, o.Email, o.PrimaryDomain = "Möbel München", "kontakt@moebel.example", "moebel.example"
			o.Address1, o.Zip, o.City = "Sendlinger Str. 1", "80331", "München"
		}, profile{Name: "Möbel München", Email: "kontakt@moebel.example", Website: "https://moebel.example",
			Street: "Sendlinger Str. 1", Postcode: "80331", City: "München", Region: "BY", Source: "postcode"}},
		// The merchant's state, e-mail and website stay; the name and the
		// address still follow Shopify.
		{"the merchant's state, e-mail and website", `{"state":"BW","email":"datenschutz@moebel.example","website":"https://www.moebel.example"}`,
			func(o *shopifytest.ShopOptions) {
				o.Name, o.Email, o.PrimaryDomain = "Möbel Leipzig", "neu@moebel.example", "leipzig.example"
				o.Address1, o.Zip, o.City = "Markt 1", "04109", "Leipzig"
			}, profile{Name: "Möbel Leipzig", Email: "datenschutz@moebel.example", Website: "https://www.moebel.example",
				Street: "Markt 1", Postcode: "04109", City: "Leipzig", Region: "BW", Source: "merchant"}},
		// Shopify's address (and the state its postcode would give) no
		// longer replaces the merchant's.
		{"the merchant's address", `{"street":"Markt 2"}`,
			func(o *shopifytest.ShopOptions) { o.Address1, o.Zip, o.City = "Marienplatz 1", "80331", "München" },
			profile{Name: "Möbel Leipzig", Email: "datenschutz@moebel.example", Website: "https://www.moebel.example",
				Street: "Markt 2", Postcode: "04109", City: "Leipzig", Region: "BW", Source: "merchant"}},
	}
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newRefreshEnv(t, dialect)
			e.install(t, shopBerlin)
			want := profile{Name: "Möbel Berlin GmbH", Email: "owner@" + shopBerlin, Website: "https://" + shopBerlin,
				Street: "Unter den Linden 1", Postcode: "10115", City: "Berlin", Region: "BE", Source: "postcode"}
			if got := e.profile(t, shopBerlin); got != want {
				t.Fatalf("installed: %+v, want %+v", got, want)
			}
			for _, s := range stages {
				e.clock.Advance(time.Minute)
				if s.patch != "" {
					e.patchShop(t, shopBerlin, s.patch)
				}
				e.emu.UpdateShop(shopBerlin, s.edit)
				e.shopUpdate(t, shopBerlin)
				if got := e.profile(t, shopBerlin); got != s.want {
					t.Fatalf("%s: %+v, want %+v", s.what, got, s.want)
				}
				if at := e.refreshedAt(t, shopBerlin); !at.Equal(e.clock.Now()) {
					t.Errorf("%s: profile_refreshed_at %v, want %v", s.what, at, e.clock.Now())
				}
			}
		})
	}
}

// An unsigned or wrongly signed shop/update is refused and changes nothing.
func TestShopUpdateUnsigned(t *testing.T) {
	e := newRefreshEnv(t, store.SQLite)
	e.install(t, shopBerlin)
	before := e.profile(t, shopBerlin)
	e.emu.UpdateShop(shopBerlin, func(o *shopifytest.ShopOptions) { o.Name = "Fremd" })
	body, _ := json.Marshal(e.emu.ShopUpdate(shopBerlin))
	for name, sig := range map[string]string{"unsigned": "", "wrong key": shopifytest.WebhookHMAC(body, "not-the-secret")} {
		req, _ := http.NewRequest(http.MethodPost, e.hook, bytes.NewReader(body))
		req.Header.Set("X-Shopify-Topic", shopify.TopicShopUpdate)
		req.Header.Set("X-Shopify-Shop-Domain", shopBerlin)
		req.Header.Set("X-Shopify-Webhook-Id", "wh-"+strings.ReplaceAll(name, " ", "-"))
		if sig != "" {
			req.Header.Set("X-Shopify-Hmac-Sha256", sig)
		}
		if a := fetch(t, http.DefaultClient, req); a.status != http.StatusUnauthorized {
			t.Errorf("%s shop/update: %d %s", name, a.status, a.body)
		}
	}
	if got := e.profile(t, shopBerlin); got != before {
		t.Errorf("refused shop/update changed the profile: %+v", got)
	}
}

// A shop/update that makes the shop ready lets its waiting requests go on.
func TestShopUpdateContinuesWaitingRequests(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			e := newRefreshEnv(t, dialect)
			const grenz = "grenz-shop.myshopify.com"
			e.emu.AddShop(grenz, shopifytest.ShopOptions{Name: "Grenz-Shop", Email: "info@grenz.example", Country: "DE",
				Address1: "Hauptstr. 1", Zip: "07919", City: "Mühltroff"}) // Saxony or Thuringia
			sh := e.install(t, grenz)
			if rd := requests.Readiness(sh); rd.Ready || strings.Join(rd.Missing, ",") != "state,authority" {
				t.Fatalf("readiness %+v", rd)
			}
			var waiting []*store.Request
			for _, mail := range []string{"a@kunde.example", "b@kunde.example"} {
				err := e.st.Tx(ctx, func(tx *store.Store) error {
					r, _, err := requests.Create(ctx, tx, sh, requests.New{Type: store.TypeAccess, Source: "manual", Channel: "email",
						Subject: store.Subject{Email: mail}, ReceivedAt: e.clock.Now()})
					if err != nil {
						return err
					}
					waiting = append(waiting, r)
					return requests.WaitForSetup(ctx, tx, r, requests.Readiness(sh).Missing)
				})
				if err != nil {
					t.Fatal(err)
				}
			}

			// A shop/update that changes nothing that matters: they wait.
			e.emu.UpdateShop(grenz, func(o *shopifytest.ShopOptions) { o.Name = "Grenz-Shop GmbH" })
			e.shopUpdate(t, grenz)
			if steps := e.queue.take(); len(steps) != 0 {
				t.Fatalf("a shop still not ready continued %d requests", len(steps))
			}

			// The shop moves to Plauen (08523, Saxony only).
			e.emu.UpdateShop(grenz, func(o *shopifytest.ShopOptions) { o.Address1, o.Zip, o.City = "Markt 1", "08523", "Plauen" })
			e.shopUpdate(t, grenz)
			if got := e.profile(t, grenz); got.Region != "SN" || got.Source != "postcode" {
				t.Fatalf("after moving: %+v", got)
			}
			steps := e.queue.take()
			if len(steps) != len(waiting) {
				t.Fatalf("%d steps enqueued, want %d", len(steps), len(waiting))
			}
			for i, r := range waiting {
				got, err := e.st.Request(ctx, sh.ID, r.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.Status != store.StatusProcessing || got.SetupMissing != "" || got.DueAt.String() != r.DueAt.String() {
					t.Errorf("request %d: %s missing %q due %s (was %s)", r.ID, got.Status, got.SetupMissing, got.DueAt, r.DueAt)
				}
				if steps[i].Kind != step.Discover || steps[i].RequestID == nil || *steps[i].RequestID != r.ID {
					t.Errorf("step %d: %s of %v", i, steps[i].Kind, steps[i].RequestID)
				}
			}
		})
	}
}

// The daily refresh reads the profiles older than a day, at most a batch
// at a time, and leaves fresh and uninstalled shops alone; a shop that
// cannot be read does not stop the others.
func TestRefreshDue(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			e := newRefreshEnv(t, dialect)
			shops := []string{shopBerlin, shopWien, shopNYC}
			installed := e.clock.Now().UTC()
			for _, d := range shops {
				e.install(t, d)
				if at := e.refreshedAt(t, d); !at.Equal(installed) {
					t.Errorf("%s: install read the profile but stamped %v", d, at)
				}
			}
			if steps := e.app.RefreshDue(ctx, 10); len(steps) != 0 || e.refreshedAt(t, shopBerlin) != installed {
				t.Fatalf("fresh profiles refreshed")
			}

			// A day later: Wien is uninstalled, Berlin renamed.
			e.clock.Advance(25 * time.Hour)
			e.emu.UpdateShop(shopBerlin, func(o *shopifytest.ShopOptions) { o.Name = "Möbel Berlin Neu" })
			if err := e.st.MarkShopUninstalled(ctx, e.shop(t, shopWien).ID, e.clock.Now()); err != nil {
				t.Fatal(err)
			}
			e.app.RefreshDue(ctx, 10)
			now := e.clock.Now().UTC()
			if at := e.refreshedAt(t, shopBerlin); !at.Equal(now) || e.shop(t, shopBerlin).Name != "Möbel Berlin Neu" {
				t.Errorf("Berlin not refreshed: %v %q", at, e.shop(t, shopBerlin).Name)
			}
			if at := e.refreshedAt(t, shopNYC); !at.Equal(now) {
				t.Errorf("NYC not refreshed: %v", at)
			}
			if at := e.refreshedAt(t, shopWien); !at.Equal(installed) {
				t.Errorf("uninstalled Wien refreshed: %v", at)
			}

			// Fresh again: nothing to do an hour later.
			e.clock.Advance(time.Hour)
			e.app.RefreshDue(ctx, 10)
			if at := e.refreshedAt(t, shopBerlin); !at.Equal(now) {
				t.Errorf("fresh Berlin refreshed again: %v", at)
			}

			// Another day: one shop per run with a batch of one.
			e.clock.Advance(24 * time.Hour)
			later := e.clock.Now().UTC()
			for run, want := range []int{1, 2, 2} {
				e.app.RefreshDue(ctx, 1)
				n := 0
				for _, d := range []string{shopBerlin, shopNYC} {
					if e.refreshedAt(t, d).Equal(later) {
						n++
					}
				}
				if n != want {
					t.Errorf("run %d with a batch of 1: %d shops refreshed, want %d", run+1, n, want)
				}
			}

			// Shopify fails Berlin's read (the first): it stays due, NYC is read.
			e.clock.Advance(25 * time.Hour)
			e.emu.FailNext(shopifytest.FaultInternalError)
			e.app.RefreshDue(ctx, 10)
			if at := e.refreshedAt(t, shopBerlin); !at.Equal(later) {
				t.Errorf("Berlin's read failed, yet refreshed at %v", at)
			}
			if at := e.refreshedAt(t, shopNYC); !at.Equal(e.clock.Now().UTC()) {
				t.Errorf("NYC not refreshed after Berlin failed: %v", at)
			}
		})
	}
}

// Installing the app again over a shop whose requests wait for setup, with
// the setup now complete, continues them.
func TestReinstallContinuesWaitingRequests(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			e := newRefreshEnv(t, dialect)
			e.app.Enqueue = e.queue.Enqueue
			const grenz = "grenz-shop.myshopify.com"
			e.emu.AddShop(grenz, shopifytest.ShopOptions{Name: "Grenz-Shop", Email: "info@grenz.example", Country: "DE",
				Address1: "Hauptstr. 1", Zip: "07919", City: "Mühltroff"}) // Saxony or Thuringia
			sh := e.install(t, grenz)
			var waiting *store.Request
			err := e.st.Tx(ctx, func(tx *store.Store) error {
				r, _, err := requests.Create(ctx, tx, sh, requests.New{Type: store.TypeAccess, Source: "manual", Channel: "email",
					Subject: store.Subject{Email: "a@kunde.example"}, ReceivedAt: e.clock.Now()})
				if err != nil {
					return err
				}
				waiting = r
				return requests.WaitForSetup(ctx, tx, r, requests.Readiness(sh).Missing)
			})
			if err != nil {
				t.Fatal(err)
			}
			e.queue.take()
			// Reinstalled after moving to Plauen (08523, Saxony only).
			e.emu.UpdateShop(grenz, func(o *shopifytest.ShopOptions) { o.Address1, o.Zip, o.City = "Markt 1", "08523", "Plauen" })
			e.install(t, grenz)
			got, err := e.st.Request(ctx, sh.ID, waiting.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != store.StatusProcessing || got.DueAt.String() != waiting.DueAt.String() {
				t.Fatalf("after reinstall: %s due %s (was %s)", got.Status, got.DueAt, waiting.DueAt)
			}
			steps := e.queue.take()
			if len(steps) != 1 || steps[0].Kind != step.Discover || *steps[0].RequestID != waiting.ID {
				t.Fatalf("steps enqueued: %+v", steps)
			}
		})
	}
}
