package main

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/lethe-gdpr/lethe/shopify/schema"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// demoApp is the Shopify app the demo's emulator knows: a fixed client id
// and a secret made fresh for each run, so nobody else can sign webhooks
// or session tokens for it.
func demoApp() shopifytest.App {
	b := make([]byte, 24)
	_, _ = rand.Read(b) // crypto/rand does not fail
	return shopifytest.App{ClientID: "lethe-demo", ClientSecret: "shpss_" + hex.EncodeToString(b),
		Scopes: "read_customers,read_orders,read_all_orders,read_locales,write_customer_data_erasure"}
}

// startEmulator serves the Shopify emulator on a loopback port, validating
// every GraphQL document against Shopify's real Admin schema (vendored in
// the repository and embedded in the binary, so the demo runs from any
// folder). stop ends it.
func startEmulator(app shopifytest.App) (emu *shopifytest.Emulator, stop func(), err error) {
	sch, err := schema.Embedded()
	if err != nil {
		return nil, nil, fmt.Errorf("the demo needs Shopify's Admin schema: %w", err)
	}
	if emu, err = shopifytest.New(shopifytest.Options{App: app, Schema: sch}); err != nil {
		return nil, nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, fmt.Errorf("the Shopify emulator cannot listen: %w", err)
	}
	srv := &http.Server{Handler: emu, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	emu.URL = "http://" + ln.Addr().String()
	return emu, func() { srv.Close() }, nil
}
