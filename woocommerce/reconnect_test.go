package woocommerce_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/pipeline"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/jobs"
	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

// queue keeps the steps it is handed.
type queue struct {
	mu    sync.Mutex
	steps []*store.Step
}

func (q *queue) Enqueue(_ context.Context, steps ...*store.Step) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.steps = append(q.steps, steps...)
	return nil
}

func (q *queue) take() []*store.Step {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := q.steps
	q.steps = nil
	return out
}

// A request whose discovery finds the store's key revoked waits with the
// shop in needs_reauth; the reconnect e-mail links to Lethe's connect
// flow for the store. Following it and approving a new key stores it on
// the same shop, active, and hands the waiting step to the queue in that
// transaction; it then finds the person with the new key.
func TestReconnectingTheStoreContinuesWaitingRequests(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			st := testenv.Store(t, dialect)
			log := slog.New(slog.NewTextHandler(io.Discard, nil))
			srv := server.New(server.Deps{Log: log})
			ts := httptest.NewTLSServer(srv.Handler())
			t.Cleanup(ts.Close)
			emu := wctest.StartTLS(t, wctest.Options{CallbackClient: ts.Client()})
			anna := emu.SeedGerman()
			app := woocommerce.NewApp(woocommerce.AppConfig{PublicURL: ts.URL, HTTPClient: emu.Client}, st, log)
			app.Mount(srv.Echo())
			q := &queue{}
			app.Enqueue = q.Enqueue
			reg := connect.NewRegistry()
			reg.Register(woocommerce.Platform, app.ConnectorFactory())
			reg.RegisterReconnect(woocommerce.Platform, app.Reconnect)
			p := &pipeline.Pipeline{Store: st, Connectors: reg, PublicURL: ts.URL, LinkTTL: time.Hour, Log: log, Now: time.Now, Enqueue: q.Enqueue}
			e := &connectEnv{st: st, emu: emu, url: ts.URL}

			b := e.merchant(t)
			if res := emu.Approve(e.start(t, b)); res.Status != http.StatusFound {
				t.Fatalf("approve: %+v", res)
			}
			sh, err := st.ShopByDomain(ctx, woocommerce.Platform, e.host())
			if err != nil {
				t.Fatal(err)
			}
			var r *store.Request
			var first *store.Step
			err = st.Tx(ctx, func(tx *store.Store) error {
				r, first, err = requests.Create(ctx, tx, sh, requests.New{Type: store.TypeAccess, Source: "manual", Channel: "email",
					Subject: store.Subject{Email: anna.AnnaEmail}, ReceivedAt: time.Now(), Locale: "de"})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			emu.RevokeKey(emu.Keys()[0].ConsumerKey) // the merchant's "Revoke" in WooCommerce
			claimed, _, _ := st.ClaimStep(ctx, first.ID, time.Minute)
			if err := p.Run(ctx, claimed); !errors.Is(err, jobs.ErrWaiting) {
				t.Fatalf("discover: %v, want it to wait", err)
			}
			if got, _ := st.Shop(ctx, sh.ID); got.Status != store.ShopNeedsReauth {
				t.Fatalf("shop %s", got.Status)
			}
			var ids []int64
			st.GormForTests().Table("emails").Where("shop_id = ? AND kind = ?", sh.ID, mail.KindReconnectNotice).Pluck("id", &ids)
			if len(ids) != 1 {
				t.Fatalf("%d reconnect notices", len(ids))
			}
			notice, _ := st.Email(ctx, sh.ID, ids[0])
			link := ts.URL + "/woocommerce/connect?store_url=" + url.QueryEscape(emu.URL)
			if !strings.Contains(notice.BodyText, link) || !strings.Contains(notice.BodyText, "bestätigen Sie den Zugang für Lethe") {
				t.Fatalf("notice:\n%s", notice.BodyText)
			}
			q.take()

			// The merchant follows the e-mail's link and approves a new key.
			resp, _ := get(t, b, link)
			if resp.StatusCode != http.StatusFound {
				t.Fatalf("reconnect link: %d", resp.StatusCode)
			}
			if res := emu.Approve(resp.Header.Get("Location")); res.Status != http.StatusFound {
				t.Fatalf("approve again: %+v", res)
			}
			again, _ := st.Shop(ctx, sh.ID)
			if again.Status != store.ShopActive || again.ID != sh.ID {
				t.Fatalf("shop after reconnecting %+v", again)
			}
			handed := q.take()
			if len(handed) != 1 || handed[0].ID != first.ID || handed[0].Status != store.StepPending {
				t.Fatalf("handed to the queue: %+v", handed)
			}
			claimed, ok, err := st.ClaimStep(ctx, first.ID, time.Minute)
			if err != nil || !ok {
				t.Fatal(ok, err)
			}
			if err := p.Run(ctx, claimed); err != nil {
				t.Fatalf("discover after reconnecting: %v", err)
			}
			if next := q.take(); len(next) == 0 || next[0].Kind != step.Answer {
				t.Fatalf("after discovery: %+v", next)
			}
			items, err := st.Items(ctx, sh.ID, r.ID)
			if err != nil || len(items) == 0 {
				t.Fatalf("items %d (%v)", len(items), err)
			}
		})
	}
}
