package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// demoDataRequestID is the id Shopify gives the demo's data request.
const demoDataRequestID = 4711

// sendDemoRequests has the emulator's Shopify send the two compliance
// webhooks, signed with the app's secret, to Lethe's webhook endpoint: a
// customers/data_request for people.access and a customers/redact for
// people.erasure, each naming the customer's orders.
func sendDemoRequests(ctx context.Context, base string, emu *shopifytest.Emulator, app shopifytest.App, people demoPeople) error {
	shopID := emu.ShopID(demoDomain)
	access, accessOrders := emu.CustomerWebhook(demoDomain, people.access)
	erasure, erasureOrders := emu.CustomerWebhook(demoDomain, people.erasure)
	hooks := []struct {
		topic   string
		payload any
	}{
		{shopifytest.TopicCustomersDataRequest, shopifytest.DataRequest(shopID, demoDomain, access, accessOrders, demoDataRequestID)},
		{shopifytest.TopicCustomersRedact, shopifytest.CustomersRedact(shopID, demoDomain, erasure, erasureOrders)},
	}
	for _, h := range hooks {
		resp, err := shopifytest.SendWebhook(ctx, base+"/webhooks/shopify", h.topic, demoDomain, h.payload, app.ClientSecret)
		if err != nil {
			return fmt.Errorf("sending %s: %w", h.topic, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("lethe answered %s with %s", h.topic, resp.Status)
		}
	}
	return nil
}

// demoSettled reports whether a demo request has got as far as the
// pipeline takes it without the merchant: an access answer ready for
// review (or sent, with automatic sending on), an erasure done. Statuses
// that need the merchant count as settled too, so the wait ends.
func demoSettled(r *store.Request) bool {
	switch r.Status {
	case store.StatusReceived, store.StatusProcessing, store.StatusErasing:
		return false
	}
	return true
}

// waitDemoRequests waits until the shop has n requests, and then until
// they are settled, calling arrived once when all n exist; it returns the
// requests as they are at the end (or when ctx or the timeout ends first).
func waitDemoRequests(ctx context.Context, st *store.Store, shopID int64, n int, timeout time.Duration, arrived func([]store.Request)) ([]store.Request, error) {
	deadline := time.Now().Add(timeout)
	told := false
	for {
		rs, err := st.ListRequests(ctx, shopID, store.RequestFilter{Sort: store.SortReceivedAsc})
		if err != nil {
			return nil, err
		}
		if len(rs) >= n && !told {
			told = true
			arrived(rs)
		}
		settled := len(rs) >= n
		for i := range rs {
			settled = settled && demoSettled(&rs[i])
		}
		if settled || time.Now().After(deadline) {
			return rs, nil
		}
		select {
		case <-ctx.Done():
			return rs, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}
