package shopify_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/shopify"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// stepQueue keeps the steps it is handed, as the queue would run them.
type stepQueue struct {
	mu    sync.Mutex
	steps []*store.Step
}

func (q *stepQueue) Enqueue(_ context.Context, steps ...*store.Step) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.steps = append(q.steps, steps...)
	return nil
}

func (q *stepQueue) take() []*store.Step {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := q.steps
	q.steps = nil
	return out
}

// refreshEnv is an appEnv with Lethe's webhook endpoint, refreshing
// profiles from the emulator on shop/update.
type refreshEnv struct {
	*appEnv
	hook  string // the webhook URL
	queue *stepQueue
}

func newRefreshEnv(t *testing.T, dialect string) *refreshEnv {
	t.Helper()
	e := newAppEnv(t, dialect)
	q := &stepQueue{}
	log := logging.New(e.logs, "json", "debug")
	srv := server.New(server.Deps{Log: log})
	wh := &shopify.Webhooks{Secret: e.secret(), MaxBytes: 1 << 20, Store: e.st, Queue: q, Log: log, Refresh: e.app.RefreshShop}
	srv.Echo().POST("/webhooks/shopify", wh.Handle)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &refreshEnv{appEnv: e, hook: ts.URL + "/webhooks/shopify", queue: q}
}

// shopUpdate sends a signed shop/update for domain as it is in the emulator.
func (e *refreshEnv) shopUpdate(t *testing.T, domain string) {
	t.Helper()
	resp, err := shopifytest.SendWebhook(context.Background(), e.hook, shopify.TopicShopUpdate, domain, e.emu.ShopUpdate(domain), e.secret())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("shop/update: %d", resp.StatusCode)
	}
}

// patchShop calls PATCH /api/shop as the shop's merchant.
func (e *refreshEnv) patchShop(t *testing.T, domain, body string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPatch, e.url+"/api/shop", bytes.NewBufferString(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+e.sessionToken(domain))
	req.Header.Set("Content-Type", "application/json")
	if a := fetch(t, http.DefaultClient, req); a.status != http.StatusOK {
		t.Fatalf("PATCH /api/shop %s: %d %s", body, a.status, a.body)
	}
}

// profile is what the checks compare of a stored shop.
type profile struct {
	Name, Email, Website, Street, Postcode, City, Region, Source string
}

func (e *refreshEnv) profile(t *testing.T, domain string) profile {
	t.Helper()
	sh := e.shop(t, domain)
	a := requests.Address(sh)
	return profile{Name: sh.Name, Email: sh.Email, Website: sh.Website, Street: a.Street, Postcode: a.Postcode, City: a.City,
		Region: sh.Region, Source: sh.RegionSource}
}

// refreshedAt is when the shop's profile was last read from Shopify.
func (e *refreshEnv) refreshedAt(t *testing.T, domain string) time.Time {
	t.Helper()
	sh := e.shop(t, domain)
	if sh.ProfileRefreshedAt == nil {
		return time.Time{}
	}
	return sh.ProfileRefreshedAt.UTC()
}
