package main

import (
	"context"
	"strconv"
	"testing"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// A second customers/redact of a person whose records are archived already
// (another event, so another webhook id) completes as the first did, and
// the archive keeps each record once. On Postgres the duplicate archive
// entry used to abort the archive step's transaction (SQLSTATE 25P02) on
// every attempt, and the request stayed erasing.
func TestShopifyRedactTwiceCompletes(t *testing.T) {
	s, _ := startStack(t, testenv.MemoryRedis, nil)
	e := seedErika(s.emu, s.domain)
	var orders []int64
	for id := range e.invoices {
		orders = append(orders, id)
	}
	ctx := context.Background()
	redact := func() apiRequest {
		t.Helper()
		p := shopifytest.CustomersRedact(1, s.domain, shopifytest.WebhookCustomer{ID: e.customerID, Email: e.email}, orders)
		resp, err := shopifytest.SendWebhook(ctx, s.base+"/webhooks/shopify", "customers/redact", s.domain, p, s.app.ClientSecret)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("redact webhook: %v %v", resp, err)
		}
		resp.Body.Close()
		return s.requests()[0] // newest first
	}

	first := redact()
	s.waitStatus(first.ID, store.StatusCompleted)
	st := openStore(t)
	shop := sh(t, st, s.domain)
	archived, _ := st.ArchiveEntries(ctx, shop.ID)
	if len(archived) == 0 {
		t.Fatal("the first erasure archived nothing")
	}

	second := redact()
	if second.ID == first.ID {
		t.Fatalf("the second customers/redact made no request of its own: %+v", s.requests())
	}
	s.waitStatus(second.ID, store.StatusCompleted)
	// Each record once: the first erasure's entries stay as they were, and
	// the only new one is Lethe's record of the first request, which the
	// second one found.
	again, _ := st.ArchiveEntries(ctx, shop.ID)
	if len(again) != len(archived)+1 {
		t.Fatalf("archive: %d entries after the second erasure, %d after the first", len(again), len(archived))
	}
	for i, a := range archived {
		if again[i].ID != a.ID {
			t.Errorf("entry %d of the first erasure changed: %+v", a.ID, again[i])
		}
	}
	if last := again[len(again)-1]; last.System != "lethe" || last.RecordID != strconv.FormatInt(first.ID, 10) {
		t.Errorf("new entry %s %s %s, want Lethe's record of request %d", last.System, last.RecordType, last.RecordID, first.ID)
	}
}
