package woocommerce

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

const (
	// webhookPath receives the companion plugin's confirmed privacy
	// requests (PROTOCOL.md).
	webhookPath = "/webhooks/woocommerce/:shop_id"
	// MaxWebhookBytes bounds a delivery's body.
	MaxWebhookBytes = 64 << 10
	// ChannelWordPress is the channel of the requests the plugin forwards:
	// WordPress's own privacy requests, confirmed by the person.
	ChannelWordPress = "wordpress"
)

// WebhookURL is where the shop's plugin delivers its privacy requests.
func (a *App) WebhookURL(shopID int64) string {
	return a.cfg.PublicURL + "/webhooks/woocommerce/" + strconv.FormatInt(shopID, 10)
}

// webhook serves POST /webhooks/woocommerce/:shop_id: a WordPress privacy
// request the person confirmed by WordPress's e-mail link, forwarded by the
// companion plugin.
//  1. the body is capped (413);
//  2. the shop must be a connected WooCommerce store (404);
//  3. the signature under the shop's plugin secret and the timestamp are
//     checked (401, with the reason);
//  4. the body is checked as data (400, naming the field);
//     every refusal counts against the client address's limit (429 beyond
//     it) and is logged sampled (webhook_reject.go);
//  5. the delivery and the request it makes are recorded in one atomic
//     write: a WordPress request id the shop delivered before (or the
//     same delivery again) is a duplicate (200), also when two arrive at
//     once;
//  6. the first step is enqueued after the commit.
//
// The request counts from the day the person asked in WordPress
// (requested_at), not from the delivery, which a store that could not
// reach Lethe retries for as long as it takes. Nothing personal is logged.
func (a *App) webhook(c echo.Context) error {
	req := c.Request()
	ctx := req.Context()
	if req.ContentLength > MaxWebhookBytes {
		return a.reject(c, http.StatusRequestEntityTooLarge, "lethe_too_large", "too_large", fmt.Sprintf("The body is larger than %d bytes.", MaxWebhookBytes))
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Response(), req.Body, MaxWebhookBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return a.reject(c, http.StatusRequestEntityTooLarge, "lethe_too_large", "too_large", fmt.Sprintf("The body is larger than %d bytes.", MaxWebhookBytes))
	case err != nil:
		return a.reject(c, http.StatusBadRequest, "lethe_invalid", "unreadable", "The body cannot be read.")
	}
	sh, err := a.webhookShop(c)
	if err != nil {
		return err
	}
	if sh == nil {
		return a.reject(c, http.StatusNotFound, "lethe_unknown_shop", "unknown_shop", "Lethe knows no WooCommerce store under this address.")
	}
	var cr Credentials
	if len(sh.Credentials) > 0 {
		if err := a.store.OpenCredentials(sh, &cr); err != nil {
			return err
		}
	}
	if err := VerifyPlugin(body, req.Header.Get(PluginSignatureHeader), cr.PluginSecret, a.now()); err != nil {
		return a.reject(c, http.StatusUnauthorized, "lethe_bad_signature", "bad_signature", "Refused: "+err.Error()+".", "shop_id", sh.ID, "detail", err.Error())
	}
	p, err := parsePrivacyRequest(body, a.now())
	if err != nil {
		return a.reject(c, http.StatusBadRequest, "lethe_invalid", "malformed", err.Error()+".", "shop_id", sh.ID, "detail", err.Error())
	}
	delivery := req.Header.Get(PluginDeliveryHeader)
	if !headerValue(delivery) {
		return a.reject(c, http.StatusBadRequest, "lethe_invalid", "bad_header", "The "+PluginDeliveryHeader+" header is missing or invalid.", "shop_id", sh.ID)
	}
	ext := strconv.FormatInt(p.RequestID, 10)
	d := &store.Delivery{
		Platform: Platform, DeliveryID: strconv.FormatInt(sh.ID, 10) + "/" + delivery, ExternalID: ext,
		ShopDomain: sh.Domain, Topic: "wordpress/" + p.Action, Status: store.DeliveryAccepted,
	}
	r, first, err := requests.Intake(ctx, a.store, sh, d, requests.New{
		Type: p.Type(), Source: Platform, Channel: ChannelWordPress, Subject: store.Subject{Email: p.Email},
		ReceivedAt: p.RequestedAt, ExternalID: ext,
		// WordPress keeps the request open until Lethe tells the plugin
		// it is done (source:close, through this connector).
		CloseSystem: Platform,
	})
	if errors.Is(err, store.ErrConflict) {
		a.log.Info("woocommerce privacy request repeated", "shop_id", sh.ID, "wordpress_request", p.RequestID)
		return c.JSON(http.StatusOK, map[string]string{"status": "duplicate"})
	}
	if err != nil {
		return err // 500: the plugin keeps it and retries
	}
	if a.Enqueue != nil {
		if err := a.Enqueue(ctx, first); err != nil {
			a.log.Warn("enqueue failed; left to the reconciler", "step", first.ID, "err", err)
		}
	}
	a.log.Info("woocommerce privacy request", "shop_id", sh.ID, "request_id", r.ID, "type", r.Type, "wordpress_request", p.RequestID)
	return c.JSON(http.StatusOK, map[string]string{"status": "accepted", "request": strconv.FormatInt(r.ID, 10)})
}

// webhookShop is the WooCommerce shop the path names; nil when there is
// none (another platform's shop, or one whose data were deleted).
func (a *App) webhookShop(c echo.Context) (*store.Shop, error) {
	id, err := strconv.ParseInt(c.Param("shop_id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, nil
	}
	sh, err := a.store.Shop(c.Request().Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, nil
	case err != nil:
		return nil, err
	case sh.Platform != Platform || sh.Status == store.ShopRedacted:
		return nil, nil
	}
	return sh, nil
}

// wpFail answers in WordPress's error shape, which the plugin shows.
func wpFail(c echo.Context, status int, code, message string) error {
	return c.JSON(status, map[string]any{"code": code, "message": message, "data": map[string]int{"status": status}})
}

// headerValue reports whether a header value can be stored: not empty, at
// most 100 bytes of printable ASCII (a UUID is 36).
func headerValue(v string) bool {
	if v == "" || len(v) > 100 || !utf8.ValidString(v) {
		return false
	}
	return !strings.ContainsFunc(v, func(r rune) bool { return r < 0x21 || r > 0x7e })
}
