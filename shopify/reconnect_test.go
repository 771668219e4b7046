package shopify_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/pipeline"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/jobs"
	"github.com/lethe-gdpr/lethe/shopify"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// A request whose discovery finds the shop's Shopify tokens revoked waits
// (never fails) with the shop in needs_reauth; the reconnect e-mail says
// to open the app in the Shopify admin, with its link. The merchant opens
// the app: token exchange installs the shop again, active, and the waiting
// step is pending and handed to the queue in that transaction; it then
// runs with the new token, where the request stopped.
func TestOpeningTheAppContinuesWaitingRequests(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			e := newAppEnv(t, dialect)
			q := &stepQueue{}
			e.app.Enqueue = q.Enqueue
			const shop = "mode-leipzig.myshopify.com"
			e.emu.AddShop(shop, shopifytest.ShopOptions{Name: "Mode Leipzig", Email: "inhaber@mode-leipzig.example", Country: "DE",
				Address1: "Markt 1", Zip: "04109", City: "Leipzig", Timezone: "Europe/Berlin"})
			sh := e.install(t, shop)
			if !requests.Readiness(sh).Ready {
				t.Fatalf("the shop is not ready: %v", requests.Readiness(sh).Missing)
			}
			reg := connect.NewRegistry()
			reg.Register(shopify.System, shopify.ConnectorFactory(e.app.AdminClient))
			reg.RegisterReconnect(shopify.System, e.app.Reconnect)
			p := &pipeline.Pipeline{Store: e.st, Connectors: reg, PublicURL: e.url, LinkTTL: time.Hour,
				Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: e.clock.Now, Enqueue: q.Enqueue}

			var r *store.Request
			var first *store.Step
			err := e.st.Tx(ctx, func(tx *store.Store) error {
				var err error
				r, first, err = requests.Create(ctx, tx, sh, requests.New{Type: store.TypeAccess, Source: "manual", Channel: "email",
					Subject: store.Subject{Email: "kundin@example.de"}, ReceivedAt: e.clock.Now(), Locale: "de"})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			e.emu.RevokeTokens(shop) // the merchant rotated the app's tokens
			claimed, _, err := e.st.ClaimStep(ctx, first.ID, time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Run(ctx, claimed); !errors.Is(err, jobs.ErrWaiting) {
				t.Fatalf("discover: %v, want it to wait", err)
			}
			if got := e.shop(t, shop); got.Status != store.ShopNeedsReauth {
				t.Fatalf("shop %s", got.Status)
			}
			got, _ := e.st.Request(ctx, sh.ID, r.ID)
			if got.Status != store.StatusProcessing || got.WaitReason != store.WaitReconnect(shopify.System) {
				t.Fatalf("request %s waiting %q", got.Status, got.WaitReason)
			}
			var ids []int64
			e.st.GormForTests().Table("emails").Where("shop_id = ? AND kind = ?", sh.ID, mail.KindReconnectNotice).Pluck("id", &ids)
			if len(ids) != 1 {
				t.Fatalf("%d reconnect notices", len(ids))
			}
			notice, _ := e.st.Email(ctx, sh.ID, ids[0])
			admin := "https://" + shop + "/admin/apps/" + e.emu.App().ClientID + "/app"
			if !strings.Contains(notice.BodyText, admin) || !strings.Contains(notice.BodyText, "Öffnen Sie die App Lethe in Ihrem Shopify-Adminbereich") {
				t.Fatalf("notice:\n%s", notice.BodyText)
			}
			q.take()

			// The merchant opens the app: a session token, token exchange.
			requestsOf(t, e.api(t, e.sessionToken(shop), "/api/requests"))
			if got := e.shop(t, shop); got.Status != store.ShopActive {
				t.Fatalf("shop %s after opening the app", got.Status)
			}
			handed := q.take()
			if len(handed) != 1 || handed[0].ID != first.ID || handed[0].Status != store.StepPending {
				t.Fatalf("handed to the queue: %+v", handed)
			}
			if got, _ := e.st.Request(ctx, sh.ID, r.ID); got.WaitReason != "" {
				t.Fatalf("still waiting %q", got.WaitReason)
			}
			claimed, ok, err := e.st.ClaimStep(ctx, first.ID, time.Minute)
			if err != nil || !ok {
				t.Fatal(ok, err)
			}
			if err := p.Run(ctx, claimed); err != nil {
				t.Fatalf("discover after reconnecting: %v", err)
			}
			next := q.take()
			if len(next) == 0 || next[0].Kind != step.Answer {
				t.Fatalf("after discovery: %+v", next)
			}
			if st, _ := e.st.GetStep(ctx, first.ID); st.Status != store.StepDone {
				t.Fatalf("discover step %s", st.Status)
			}
		})
	}
}
