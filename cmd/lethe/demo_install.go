package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/shopify"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// installDemo installs Lethe on the demo shop the way a merchant does who
// opens the app in the Shopify admin (a managed install): the first call
// carries a session token signed with the app's secret, and Lethe
// exchanges it for an offline access token at the emulator, then reads the
// shop's details from it. It returns the installed shop, which must be
// ready to answer (its address names the state and the authority).
func installDemo(ctx context.Context, a *app, base string, app shopifytest.App) (*store.Shop, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/shop", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+shopifytest.SessionToken(demoDomain, app.ClientID, app.ClientSecret, time.Now()))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("installing the demo shop: %w", err)
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("installing the demo shop: %s %s", resp.Status, strings.TrimSpace(string(body)))
	}
	sh, err := a.store.ShopByDomain(ctx, shopify.Platform, demoDomain)
	if err != nil {
		return nil, fmt.Errorf("the demo shop is not installed: %w", err)
	}
	if missing := requests.Readiness(sh).Missing; len(missing) > 0 {
		return nil, fmt.Errorf("the demo shop's profile lacks %s", strings.Join(missing, ", "))
	}
	return sh, nil
}
