package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/lethe-gdpr/lethe/app/mail/mailtest"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// The worker is killed (SIGKILL) in the middle of an erasure and Redis is
// flushed; after a restart the request completes, and every effect — the
// Shopify mutation, the archive rows, the e-mail — happened exactly once.
func TestCrashMidErasureEffectsExactlyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it")
	}
	bin := filepath.Join(t.TempDir(), "lethe")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	app := shopifytest.App{ClientID: "lethe-crash", ClientSecret: "shpss_crash", Scopes: shopScopes}
	emu := shopifytest.Start(t, shopifytest.Options{App: app})
	smtp := mailtest.Start(t, mailtest.Options{})
	redisURL := testenv.Redis(t, testenv.RealRedis)
	addr := freeAddr(t)
	clearEnv(t)
	for k, v := range map[string]string{
		"LETHE_ADDR": addr, "LETHE_PUBLIC_URL": "http://" + addr, "LETHE_DATA_DIR": t.TempDir(),
		"LETHE_SECRET_KEY": testKey, "LETHE_DATABASE_URL": testenv.DatabaseURL(t, store.Postgres), "LETHE_AUTO_MIGRATE": "true",
		"LETHE_REDIS_URL": redisURL, "LETHE_SMTP_URL": smtp.URL(), "SHOPIFY_API_KEY": app.ClientID, "SHOPIFY_API_SECRET": app.ClientSecret,
		"LETHE_SHOPIFY_API_ORIGIN": emu.URL, "LETHE_RECONCILE_INTERVAL": "1s", "LETHE_RETRY_DELAY": "200ms", "LETHE_STEP_LEASE": "2s",
	} {
		t.Setenv(k, v)
	}
	s := &stack{t: t, emu: emu, app: app, domain: "crash-test.myshopify.com"}
	emu.AddShop(s.domain, shopifytest.ShopOptions{Name: "Crash Test", Country: "DE",
		Address1: "Königsallee 1", Zip: "40213", City: "Düsseldorf", RestoreRate: 2000})
	e := seedErika(emu, s.domain)
	for i := range 400 { // a long archive step: the kill lands inside the erasure
		at := time.Date(2019+i%7, time.Month(1+i%12), 1+i%28, 10, 0, 0, 0, time.UTC)
		id := emu.AddOrder(s.domain, shopifytest.Order{CustomerID: e.customerID, Email: e.email, CreatedAt: at,
			LineItems: []shopifytest.LineItem{{Title: "Birne", Quantity: 1, UnitPrice: "4.90"}}})
		e.invoices[id] = at
	}
	var stopWeb func() int
	s.base, stopWeb = started(t, "web")
	defer stopWeb()
	if code := s.api("GET", "/api/requests", "", nil); code != 200 {
		t.Fatalf("install: %d", code)
	}
	// The merchant turns automation on, as in the settings.
	if code := s.api("PATCH", "/api/shop", `{"auto_erase":true,"auto_send":true}`, nil); code != 200 {
		t.Fatalf("PATCH /api/shop: %d", code)
	}
	st := openStore(t)
	ctx := context.Background()
	shop := sh(t, st, s.domain)

	worker := func() *exec.Cmd {
		cmd := exec.Command(bin, "worker")
		cmd.Env = append(os.Environ(), "LETHE_ADDR=127.0.0.1:0")
		logf, _ := os.Create(filepath.Join(t.TempDir(), "worker.log"))
		cmd.Stdout, cmd.Stderr = logf, logf
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	w := worker()
	var created apiRequest
	if code := s.api("POST", "/api/requests", `{"type":"erasure","email":"`+e.email+`"}`, &created); code != 201 {
		t.Fatalf("intake: %d", code)
	}
	// Kill the worker while an erasure step runs (it holds the step's
	// lease, mid-transaction), flush Redis, restart; twice, at two phases.
	phase := func(kinds ...string) (running int) {
		q := "SELECT count(*) FROM steps WHERE request_id = $1 AND status = 'running' AND kind = ANY($2)"
		s.db().QueryRow(q, created.ID, kinds).Scan(&running)
		return running
	}
	killDuring := func(kinds ...string) {
		t.Helper()
		deadline := time.Now().Add(120 * time.Second)
		for phase(kinds...) == 0 {
			var st string
			s.db().QueryRow("SELECT status FROM requests WHERE id = $1", created.ID).Scan(&st)
			if time.Now().After(deadline) || st == store.StatusCompleted {
				w.Process.Kill()
				t.Fatalf("never caught %v running (request %q)", kinds, st)
			}
			time.Sleep(time.Millisecond)
		}
		if err := w.Process.Kill(); err != nil { // SIGKILL: no cleanup at all
			t.Fatal(err)
		}
		w.Wait()
		opt, _ := redis.ParseURL(redisURL)
		rc := redis.NewClient(opt)
		if err := rc.FlushDB(ctx).Err(); err != nil { // all of Lethe's Redis; FLUSHALL would hit other tests' databases
			t.Fatal(err)
		}
		rc.Close()
		t.Logf("killed during %v; archive rows: %d, erasure calls: %d", kinds,
			s.count("SELECT count(*) FROM archive_entries WHERE request_id = $1", created.ID),
			emu.MutationCount(s.domain, "customerRequestDataErasure", "", nil))
		w = worker()
	}
	killDuring("request:archive")
	killDuring("request:erase", "request:confirm", "email:send")
	deadline := time.Now().Add(120 * time.Second)
	defer func() { w.Process.Kill(); w.Wait() }()
	s.waitStatus(created.ID, store.StatusCompleted)
	// Let every queued step (the e-mail) finish.
	for time.Now().Before(deadline) {
		var open int
		s.db().QueryRow("SELECT count(*) FROM steps WHERE request_id = $1 AND status <> 'done'", created.ID).Scan(&open)
		if open == 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}

	if n := emu.MutationCount(s.domain, "customerRequestDataErasure", "customerId", shopifytest.GID("Customer", e.customerID)); n != 1 {
		t.Errorf("customerRequestDataErasure calls: %d, want 1", n)
	}
	var pl struct{ Items []planItem }
	s.api("GET", fmt.Sprintf("/api/requests/%d/plan", created.ID), "", &pl)
	retained := 0
	for _, it := range pl.Items {
		if it.Action == "retain" {
			retained++
		}
	}
	if n := s.count("SELECT count(*) FROM archive_entries WHERE shop_id = $1", shop.ID); n != retained || n == 0 {
		t.Errorf("archive rows: %d, plan retains %d", n, retained)
	}
	time.Sleep(500 * time.Millisecond) // a duplicate e-mail would have arrived by now
	sent := 0
	for _, m := range smtp.Messages() {
		if slices.Contains(m.EnvelopeTo, e.email) {
			sent++
		}
	}
	if sent != 1 {
		t.Errorf("confirmation e-mails to the customer: %d, want 1", sent)
	}
	if n := s.count("SELECT count(*) FROM steps WHERE request_id = $1 AND status = 'failed'", created.ID); n != 0 {
		t.Errorf("%d steps failed", n)
	}
}
