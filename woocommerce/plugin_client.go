package woocommerce

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// The companion plugin's protocol (plugin/PROTOCOL.md).
const (
	// PluginSignatureHeader carries base64(HMAC-SHA256(raw body, secret)).
	PluginSignatureHeader = "X-Lethe-Signature"
	// PluginDeliveryHeader names one delivery of the plugin's webhook (the
	// same on every retry).
	PluginDeliveryHeader = "X-Lethe-Delivery"
	// PluginClockSkew is how far a signed body's timestamp may be from the
	// receiver's clock.
	PluginClockSkew = 300 * time.Second
	// pluginBase is the plugin's REST namespace.
	pluginBase = "/wp-json/lethe/v1/"
)

// ErrPluginMissing: the store has no companion plugin (its REST route does
// not exist), or Lethe holds no plugin secret for it. What only the plugin
// can do must be reported to the merchant as still to do by hand.
var ErrPluginMissing = errors.New("woocommerce: the companion plugin is not installed in the store")

// NewPluginSecret returns a fresh secret: 32 random bytes, base64url
// without padding.
func NewPluginSecret() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// SignPlugin is the signature of body under secret.
func SignPlugin(body []byte, secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// VerifyPlugin checks a signed body: the signature must match and the
// body's "timestamp" lie within PluginClockSkew of now. It returns a reason
// safe to show when it does not.
func VerifyPlugin(body []byte, signature, secret string, now time.Time) error {
	if secret == "" {
		return errors.New("no secret is set for this store")
	}
	if signature == "" {
		return errors.New("the signature header is missing")
	}
	if !hmac.Equal([]byte(signature), []byte(SignPlugin(body, secret))) {
		return errors.New("the signature does not match")
	}
	var ts struct {
		Timestamp json.Number `json:"timestamp"`
	}
	if err := json.Unmarshal(body, &ts); err != nil {
		return errors.New("the body is not a JSON object")
	}
	sec, err := strconv.ParseInt(ts.Timestamp.String(), 10, 64)
	if err != nil {
		return errors.New("the body has no timestamp")
	}
	if d := now.Sub(time.Unix(sec, 0)); d > PluginClockSkew || d < -PluginClockSkew {
		return errors.New("the timestamp is too far from the current time")
	}
	return nil
}

// HasPlugin reports whether the client holds a plugin secret.
func (c *Client) HasPlugin() bool { return c.cfg.PluginSecret != "" }

// plugin calls the companion plugin's route with in (a struct or map whose
// "timestamp" field this sets on each attempt) and decodes the answer into
// out. Every route is idempotent, so every failure the REST calls retry is
// retried. A missing route or secret is ErrPluginMissing.
func (c *Client) plugin(ctx context.Context, route string, in map[string]any, out any) error {
	if c.cfg.PluginSecret == "" {
		return ErrPluginMissing
	}
	path := pluginBase + route
	sign := func() ([]byte, http.Header, error) {
		body := make(map[string]any, len(in)+1)
		for k, v := range in {
			body[k] = v
		}
		body["timestamp"] = c.cfg.Now().Unix()
		b, err := json.Marshal(body)
		if err != nil {
			return nil, nil, err
		}
		h := http.Header{}
		h.Set(PluginSignatureHeader, SignPlugin(b, c.cfg.PluginSecret))
		return b, h, nil
	}
	_, err := c.send(ctx, http.MethodPost, path, nil, nil, sign, true, out)
	var ae *APIError
	if errors.As(err, &ae) && ae.Status == http.StatusNotFound && ae.Code == "rest_no_route" {
		return fmt.Errorf("%w (%s)", ErrPluginMissing, ae.Path)
	}
	return err
}

// PluginInfo is the plugin's answer to ping.
type PluginInfo struct {
	Plugin      string `json:"plugin"`
	WordPress   string `json:"wordpress"`
	WooCommerce string `json:"woocommerce"`
	HPOS        bool   `json:"hpos"`
}

// PluginPing asks whether the plugin is there and which versions it runs on.
func (c *Client) PluginPing(ctx context.Context) (PluginInfo, error) {
	var pi PluginInfo
	err := c.plugin(ctx, "ping", map[string]any{}, &pi)
	return pi, err
}
