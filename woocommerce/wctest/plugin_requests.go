package wctest

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"time"
)

// WordPress's privacy requests (user_request posts) and the plugin's
// delivery of the confirmed ones to Lethe (PROTOCOL.md): the emulator is
// the companion plugin for end-to-end tests.

// The statuses of a user_request post.
const (
	RequestPending   = "request-pending"
	RequestConfirmed = "request-confirmed"
	RequestCompleted = "request-completed"
)

// pluginDelivery is the plugin's webhook URL and its queue; e.mu guards it.
type pluginDelivery struct {
	webhook string
	queue   map[int64]*queued // by request id
}

// queued is a confirmed request waiting until Lethe answered 2xx.
type queued struct {
	delivery string // X-Lethe-Delivery: the same on every retry
	attempts int
}

// Delivery is one attempt to deliver a request to Lethe.
type Delivery struct {
	RequestID  int64
	DeliveryID string
	Status     int    // Lethe's HTTP status; 0 when it did not answer
	Body       string // Lethe's answer
	Err        error  // the transport's error
	// Sent and SentHeader are the body and headers the plugin sent.
	Sent       []byte
	SentHeader http.Header
}

// Accepted reports whether Lethe took it (2xx): the plugin drops it from
// the queue then.
func (d Delivery) Accepted() bool { return d.Status >= 200 && d.Status < 300 }

// SetPluginWebhook saves the webhook URL the merchant pasted into the
// plugin's settings (the secret is InstallPlugin's).
func (e *Emulator) SetPluginWebhook(url string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.pluginState().delivery.webhook = url
}

// CreatePrivacyRequest stores a pending privacy request as
// wp_create_user_request does (action export_personal_data or
// remove_personal_data), requested now, and returns its id.
func (e *Emulator) CreatePrivacyRequest(action, email string) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	id := e.newID()
	// post_date_gmt has whole seconds.
	e.pluginState().requests[id] = &PrivacyRequest{ID: id, Action: action, Email: email, Status: RequestPending,
		RequestedAt: e.now().UTC().Truncate(time.Second)}
	return id
}

// SetPrivacyRequestDate backdates a request (the person asked days ago).
func (e *Emulator) SetPrivacyRequestDate(id int64, at time.Time) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if pr, ok := e.pluginState().requests[id]; ok {
		pr.RequestedAt = at.UTC().Truncate(time.Second)
	}
}

// PrivacyRequest returns a copy of the request.
func (e *Emulator) PrivacyRequest(id int64) (PrivacyRequest, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	pr, ok := e.pluginState().requests[id]
	if !ok {
		return PrivacyRequest{}, false
	}
	return *pr, true
}

// PluginQueue lists the request ids waiting for delivery, in order.
func (e *Emulator) PluginQueue() []int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	var ids []int64
	for id := range e.pluginState().delivery.queue {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// ConfirmPrivacyRequest is the person following WordPress's confirmation
// link: the request becomes confirmed and — when the plugin is active and
// the request one Lethe answers — is queued and delivered at once. It
// returns that delivery (ok false when nothing was delivered).
func (e *Emulator) ConfirmPrivacyRequest(id int64) (Delivery, bool) {
	e.mu.Lock()
	p := e.pluginState()
	pr, ok := p.requests[id]
	if !ok || pr.Status != RequestPending {
		e.mu.Unlock()
		return Delivery{}, false
	}
	pr.Status, pr.ConfirmedAt = RequestConfirmed, e.now().UTC().Truncate(time.Second)
	if !p.installed || (pr.Action != "export_personal_data" && pr.Action != "remove_personal_data") {
		e.mu.Unlock()
		return Delivery{}, false
	}
	if p.delivery.queue == nil {
		p.delivery.queue = map[int64]*queued{}
	}
	if p.delivery.queue[id] == nil {
		p.delivery.queue[id] = &queued{delivery: uuid4()}
	}
	e.mu.Unlock()
	return e.deliver(id), true
}

// DeliverQueued is the plugin's cron: every queued request is delivered
// again (with its delivery id), in order.
func (e *Emulator) DeliverQueued() []Delivery {
	var out []Delivery
	for _, id := range e.PluginQueue() {
		out = append(out, e.deliver(id))
	}
	return out
}

// deliver posts one queued request, signed, to the webhook; a 2xx answer
// takes it off the queue. The lock is not held while Lethe answers.
func (e *Emulator) deliver(id int64) Delivery {
	e.mu.Lock()
	p := e.pluginState()
	q, pr := p.delivery.queue[id], p.requests[id]
	if q == nil || pr == nil {
		e.mu.Unlock()
		return Delivery{RequestID: id, Err: fmt.Errorf("request %d is not queued", id)}
	}
	q.attempts++
	d := Delivery{RequestID: id, DeliveryID: q.delivery}
	url, secret := p.delivery.webhook, p.secret
	body, _ := json.Marshal(map[string]any{
		"version": 1, "timestamp": e.now().Unix(), "site_url": e.URL, "request_id": id, "action": pr.Action, "email": pr.Email,
		"requested_at": pr.RequestedAt.Format(time.RFC3339), "confirmed_at": pr.ConfirmedAt.Format(time.RFC3339),
	})
	e.mu.Unlock()
	if url == "" || secret == "" {
		d.Err = fmt.Errorf("the plugin is not set up: no webhook URL or secret")
		return d
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		d.Err = err
		return d
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Lethe-Signature", sign(body, secret))
	req.Header.Set("X-Lethe-Delivery", d.DeliveryID)
	d.Sent, d.SentHeader = body, req.Header.Clone()
	resp, err := e.callback.Do(req)
	if err != nil {
		d.Err = err
		return d
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	d.Status, d.Body = resp.StatusCode, string(b)
	if d.Accepted() {
		e.mu.Lock()
		delete(e.pluginState().delivery.queue, id)
		e.mu.Unlock()
	}
	return d
}

// sign is the plugin's signature of body (PROTOCOL.md).
func sign(body []byte, secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// uuid4 is a random UUID, as wp_generate_uuid4 makes.
func uuid4() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
