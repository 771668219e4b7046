package shopify

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// PlatformLimit is Shopify's own deadline for compliance webhooks.
const PlatformLimit = 30 * 24 * time.Hour

// Enqueuer hands committed steps to the queue.
type Enqueuer interface {
	Enqueue(ctx context.Context, steps ...*store.Step) error
}

// Webhooks receives every topic at POST /webhooks/shopify.
type Webhooks struct {
	Secret   string
	MaxBytes int64
	Store    *store.Store
	Queue    Enqueuer
	Log      *slog.Logger
	// RejectBurst and RejectRate (per second) limit the rejected deliveries
	// of one client address (zero: DefaultRejectBurst, DefaultRejectRate).
	RejectBurst int
	RejectRate  float64
	// Refresh reads an installed shop's profile again (shop/update; the
	// App's RefreshShop) and returns the steps to enqueue; nil: not done.
	Refresh func(ctx context.Context, shopID int64) ([]*store.Step, error)

	rejected rejections
}

// errDuplicate rolls back a repeat delivery's transaction.
var errDuplicate = errors.New("duplicate delivery")

// Handle verifies, records and answers; the work runs in the background.
//  1. the body is capped before anything else (413);
//  2. the HMAC over the raw bytes is checked in constant time (401);
//  3. the delivery is recorded and its request created atomically (one
//     statement on Postgres, see intake); a delivery seen before — its
//     X-Shopify-Webhook-Id, its event's X-Shopify-Event-Id or its
//     data_request.id in the same shop — has no second effect (200);
//  4. the first step is enqueued after the commit.
//
// Rejections (400, 401, 413) count against the client address's limit
// (429 beyond it) and are logged sampled; see reject.
func (h *Webhooks) Handle(c echo.Context) error {
	req := c.Request()
	if req.ContentLength > h.MaxBytes {
		return h.reject(c, "too_large", tooLarge(h.MaxBytes))
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Response(), req.Body, h.MaxBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return h.reject(c, "too_large", tooLarge(h.MaxBytes))
	}
	if err != nil {
		return h.reject(c, "unreadable", fault.BadRequest("bad_request", "cannot read body"))
	}
	sig := req.Header.Get("X-Shopify-Hmac-Sha256")
	if sig == "" {
		return h.reject(c, "unsigned", fault.Unauthorized("missing X-Shopify-Hmac-Sha256"))
	}
	if !VerifyWebhook(body, sig, h.Secret) {
		return h.reject(c, "bad_signature", fault.Unauthorized("HMAC does not match"))
	}
	if len(body) == 0 {
		return h.reject(c, "empty", fault.BadRequest("bad_request", "empty body"))
	}
	topic, domain, id := req.Header.Get("X-Shopify-Topic"), req.Header.Get("X-Shopify-Shop-Domain"), req.Header.Get("X-Shopify-Webhook-Id")
	event := req.Header.Get("X-Shopify-Event-Id") // optional; shared by the deliveries of one event
	switch {
	case !headerText(topic):
		return h.reject(c, "bad_header", fault.BadRequest("bad_request", "missing or invalid X-Shopify-Topic"))
	case !headerText(id):
		return h.reject(c, "bad_header", fault.BadRequest("bad_request", "missing or invalid X-Shopify-Webhook-Id"))
	case event != "" && !headerText(event):
		return h.reject(c, "bad_header", fault.BadRequest("bad_request", "invalid X-Shopify-Event-Id"))
	case !ValidShopDomain(domain):
		return h.reject(c, "bad_header", fault.BadRequest("bad_request", "missing or invalid X-Shopify-Shop-Domain"))
	}

	ctx := req.Context()
	d := &store.Delivery{Platform: "shopify", DeliveryID: id, EventID: event, ShopDomain: domain, Topic: topic, Status: store.DeliveryAccepted}
	var payload *compliance
	var perr error
	switch topic {
	case TopicDataRequest, TopicRedact, TopicShopRedact:
		payload, perr = parseCompliance(topic, body)
		if perr == nil && payload.ShopDomain != domain {
			perr = errors.New("malformed payload: shop_domain differs from X-Shopify-Shop-Domain")
		}
	}
	var step *store.Step
	var refresh int64 // the shop whose profile shop/update changed
	if perr == nil && (topic == TopicDataRequest || topic == TopicRedact) {
		step, err = h.intake(ctx, topic, payload, d)
	} else {
		err = h.Store.Tx(ctx, func(tx *store.Store) error {
			switch {
			case perr != nil: // kept (sealed) for inspection
				d.Status, d.Error = store.DeliveryMalformed, perr.Error()
				return recordDelivery(ctx, tx, d, body)
			case topic != TopicShopRedact && topic != TopicUninstalled && topic != TopicShopUpdate:
				d.Status, d.Error = store.DeliveryIgnored, "unhandled topic"
				return recordDelivery(ctx, tx, d, nil)
			}
			sh, err := tx.ShopByDomain(ctx, "shopify", domain)
			if errors.Is(err, store.ErrNotFound) {
				d.Status, d.Error = store.DeliveryIgnored, "shop not installed"
				return recordDelivery(ctx, tx, d, nil)
			}
			if err != nil {
				return err
			}
			if err := recordDelivery(ctx, tx, d, nil); err != nil {
				return err
			}
			if topic == TopicShopUpdate {
				refresh = sh.ID
			}
			step, err = h.apply(ctx, tx, sh, topic, d)
			return err
		})
	}
	switch {
	case errors.Is(err, errDuplicate):
		h.Log.Info("webhook repeated", "topic", topic, "delivery", id)
		return c.JSON(http.StatusOK, map[string]string{"status": "duplicate"})
	case err != nil:
		return err // 500: Shopify retries
	case perr != nil:
		return h.reject(c, "malformed", fault.BadRequest("bad_request", perr.Error()), "topic", topic, "delivery", id, "err", perr.Error())
	}
	if step != nil {
		if err := h.Queue.Enqueue(ctx, step); err != nil {
			// Committed: the reconciler enqueues it. Shopify still gets 200.
			h.Log.Warn("enqueue failed; left to the reconciler", "step", step.ID, "err", err)
		}
	}
	if refresh != 0 && h.Refresh != nil {
		h.refresh(ctx, refresh)
	}
	var requestID int64
	if d.RequestID != nil {
		requestID = *d.RequestID
	}
	h.Log.Info("webhook", "topic", topic, "delivery", id, "status", d.Status, "request_id", requestID)
	return c.JSON(http.StatusOK, map[string]string{"status": d.Status})
}

// intake takes a customers/data_request or customers/redact: the delivery
// and the request it creates are stored in one atomic write without a
// transaction round trip of their own (one statement on Postgres), so that
// Shopify's burst of deliveries is answered quickly.
func (h *Webhooks) intake(ctx context.Context, topic string, p *compliance, d *store.Delivery) (*store.Step, error) {
	sh, err := h.Store.ShopByDomain(ctx, "shopify", d.ShopDomain)
	if errors.Is(err, store.ErrNotFound) {
		d.Status, d.Error = store.DeliveryIgnored, "shop not installed"
		return nil, recordDelivery(ctx, h.Store, d, nil)
	}
	if err != nil {
		return nil, err
	}
	typ, orders, ext := store.TypeAccess, p.OrdersRequested, ""
	if topic == TopicRedact {
		typ, orders = store.TypeErasure, p.OrdersToRedact
	}
	if p.DataRequest != nil {
		ext = string(p.DataRequest.ID)
	}
	subject := store.Subject{
		CustomerID: customerGID(p.Customer.ID), Email: p.Customer.Email, Phone: p.Customer.Phone,
		OrderIDs: orderGIDs(orders),
	}
	if topic == TopicRedact {
		// Shopify's customers/redact for a person whose erasure Lethe already
		// handles (Lethe asked Shopify with customerRequestDataErasure) joins
		// that request instead of starting a second one.
		joined, err := h.join(ctx, sh, subject, d)
		if joined || err != nil {
			return nil, err
		}
	}
	d.ExternalID = ext // a second delivery of the same data request is a repeat
	_, st, err := requests.Intake(ctx, h.Store, sh, d, requests.New{
		Type: typ, Source: "shopify", Channel: "shopify", Subject: subject,
		ReceivedAt: h.Store.Now(), ExternalID: ext, PlatformLimit: PlatformLimit,
		// Shopify's own request: Shopify erases its data itself, and its
		// customers/redact must complete without the merchant's review.
		Initiator: System, Automatic: topic == TopicRedact,
		// Shopify holds customers/redact back: the person asked earlier.
		ReceiptUnknown: topic == TopicRedact,
	})
	if errors.Is(err, store.ErrConflict) {
		return nil, errDuplicate
	}
	return st, err
}

// join links a customers/redact delivery to the erasure request it belongs
// to, if there is one.
func (h *Webhooks) join(ctx context.Context, sh *store.Shop, subject store.Subject, d *store.Delivery) (bool, error) {
	joined := false
	err := h.Store.Tx(ctx, func(tx *store.Store) error {
		r, err := requests.FindJoinable(ctx, tx, sh.ID, subject, tx.Now())
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		d.RequestID = &r.ID
		if err := recordDelivery(ctx, tx, d, nil); err != nil {
			return err
		}
		joined = true
		return requests.Join(ctx, tx, r, "shopify", d.DeliveryID)
	})
	return joined, err
}

// headerText reports whether a header value can be stored as it is: not
// empty, at most 200 bytes, valid UTF-8 without NUL (Postgres TEXT takes
// neither invalid UTF-8 nor NUL; the HMAC covers the body, not the headers).
func headerText(v string) bool {
	return v != "" && len(v) <= 200 && utf8.ValidString(v) && !strings.ContainsRune(v, 0)
}

func recordDelivery(ctx context.Context, tx *store.Store, d *store.Delivery, body []byte) error {
	err := tx.RecordDelivery(ctx, d, body)
	if errors.Is(err, store.ErrConflict) {
		return errDuplicate
	}
	return err
}

// apply does the effect of shop/redact and app/uninstalled inside the
// delivery's transaction.
func (h *Webhooks) apply(ctx context.Context, tx *store.Store, sh *store.Shop, topic string, d *store.Delivery) (*store.Step, error) {
	now := tx.Now()
	switch topic {
	case TopicShopRedact:
		return requests.ScheduleShopRedaction(ctx, tx, sh)
	case TopicShopUpdate: // the profile is read after the commit (refresh)
		return nil, tx.MarkDeliveryProcessed(ctx, d.ID)
	case TopicUninstalled:
		// Tokens are dropped at once; the data stays until shop/redact (48 h
		// later) so a merchant who reinstalls finds their requests.
		if err := tx.SetCredentials(ctx, sh.ID, nil); err != nil {
			return nil, err
		}
		if err := tx.MarkShopUninstalled(ctx, sh.ID, now); err != nil {
			return nil, err
		}
		return nil, tx.MarkDeliveryProcessed(ctx, d.ID)
	}
	return nil, nil
}

// tooLarge is the answer to a body over the limit.
func tooLarge(limit int64) *fault.Error {
	return fault.New(http.StatusRequestEntityTooLarge, "body_too_large", fmt.Sprintf("body larger than %d bytes", limit))
}

// refresh reads the shop's profile again after shop/update. A failure is
// logged: the delivery is recorded, and the daily refresh catches up.
func (h *Webhooks) refresh(ctx context.Context, shopID int64) {
	steps, err := h.Refresh(ctx, shopID)
	if err != nil {
		h.Log.Warn("shop/update: refresh failed; the daily refresh retries", "shop", shopID, "err", err)
		return
	}
	if len(steps) > 0 {
		if err := h.Queue.Enqueue(ctx, steps...); err != nil {
			h.Log.Warn("enqueue failed; left to the reconciler", "err", err)
		}
	}
}
