package woocommerce

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// Config configures a Client. Zero values take the defaults.
type Config struct {
	// StoreURL is the WordPress home URL (https://shop.example, or
	// http://localhost:8080/shop for a development store).
	StoreURL       string
	ConsumerKey    string // ck_…
	ConsumerSecret string // cs_…
	// PluginSecret signs the calls to the companion plugin's routes
	// (plugin/PROTOCOL.md); empty when the store has none.
	PluginSecret string
	// HTTPClient sends the requests (default: a client without a global
	// timeout; AttemptTimeout bounds each attempt).
	HTTPClient *http.Client
	// MaxInFlight bounds the requests in flight to this store across every
	// Client of the process (default 4; the first Client of a store sets it).
	MaxInFlight int
	// MaxAttempts bounds the tries of one idempotent call (default 4).
	MaxAttempts int
	// Backoff is the first wait before a retry, doubled each time up to
	// MaxBackoff (defaults 500 ms and 8 s); a Retry-After is honoured up to
	// MaxBackoff.
	Backoff    time.Duration
	MaxBackoff time.Duration
	// AttemptTimeout bounds one attempt (default 30 s).
	AttemptTimeout time.Duration
	// Now is the clock for OAuth timestamps (default time.Now).
	Now func() time.Time
	// UserAgent is sent with every request (default "Lethe").
	UserAgent string
}

// Client talks to one store's /wp-json/wc/v3/.
type Client struct {
	cfg   Config
	base  *url.URL
	https bool
	sem   limiter
	// Counters for tests and metrics.
	attempts atomic.Int64
	retries  atomic.Int64
}

// New checks cfg and returns a Client.
func New(cfg Config) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(cfg.StoreURL, "/"))
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("woocommerce: store URL %q is not an http(s) URL", cfg.StoreURL)
	}
	if cfg.ConsumerKey == "" || cfg.ConsumerSecret == "" {
		return nil, errors.New("woocommerce: consumer key and secret are required")
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = defaultHTTP
	}
	if cfg.MaxInFlight <= 0 {
		cfg.MaxInFlight = DefaultMaxInFlight
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 4
	}
	if cfg.Backoff <= 0 {
		cfg.Backoff = 500 * time.Millisecond
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = 8 * time.Second
	}
	if cfg.AttemptTimeout <= 0 {
		cfg.AttemptTimeout = 30 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "Lethe"
	}
	u.Host = strings.ToLower(u.Host)
	store := u.Scheme + "://" + u.Host + u.Path
	return &Client{cfg: cfg, base: u, https: u.Scheme == "https", sem: limiterFor(store, cfg.MaxInFlight)}, nil
}

// defaultHTTP is the stores' HTTP client when Config names none: one
// transport for every Client of the process, so connections are reused
// from step to step, keeping as many idle connections per store as the
// bound lets be in flight (net/http keeps 2 by default: with 4 calls at
// once, every other call would open a new TLS connection).
var defaultHTTP = func() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 2 * DefaultMaxInFlight
	return &http.Client{Transport: t}
}()

// MaxInFlight is the bound on requests in flight to this client's store
// (shared by every Client of the store in the process): the most calls a
// caller gains by making at once.
func (c *Client) MaxInFlight() int { return cap(c.sem) }

// Attempts is how many HTTP requests the client sent, Retries how many of
// them were retries.
func (c *Client) Attempts() int64 { return c.attempts.Load() }

// Retries is how many requests were repeated after a failure.
func (c *Client) Retries() int64 { return c.retries.Load() }

// answer is a finished HTTP exchange.
type answer struct {
	status int
	header http.Header
	body   []byte
}

type wpError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// get, put, post and del call a path under /wp-json/wc/v3/ (or an absolute
// /wp-json/… path) and decode the JSON answer into out.
func (c *Client) get(ctx context.Context, path string, q url.Values, out any) (http.Header, error) {
	return c.do(ctx, http.MethodGet, path, q, nil, out)
}

// do sends one call with retries: idempotent methods (GET, PUT, DELETE)
// are repeated on transport errors, timeouts, 5xx and 429; POST only when
// the connection could not be made (nothing reached the store).
func (c *Client) do(ctx context.Context, method, path string, q url.Values, in, out any) (http.Header, error) {
	if !strings.HasPrefix(path, "/") {
		path = "/wp-json/wc/v3/" + path
	}
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return nil, fmt.Errorf("woocommerce: encoding %s %s: %w", method, path, err)
		}
	}
	return c.send(ctx, method, path, q, body, nil, method != http.MethodPost, out)
}

// send runs one call's attempts. sign, when set, replaces the key's
// authentication (the companion plugin's routes): it is called before each
// attempt and returns the body and headers to send.
func (c *Client) send(ctx context.Context, method, path string, q url.Values, body []byte, sign func() ([]byte, http.Header, error), idempotent bool, out any) (http.Header, error) {
	ambiguous := false // an earlier attempt may have reached the store
	var last *APIError
	for attempt := 1; attempt <= c.cfg.MaxAttempts; attempt++ {
		if attempt > 1 {
			c.retries.Add(1)
			if err := sleep(ctx, c.wait(attempt, last)); err != nil {
				return nil, &APIError{Method: method, Path: path, Attempts: attempt - 1, kind: ErrUnavailable, cause: err}
			}
		}
		var hdr http.Header
		if sign != nil {
			var err error
			if body, hdr, err = sign(); err != nil {
				return nil, fmt.Errorf("woocommerce: signing %s %s: %w", method, path, err)
			}
		}
		a, err := c.once(ctx, method, path, q, body, hdr)
		if err != nil {
			if ctx.Err() != nil {
				return nil, &APIError{Method: method, Path: path, Attempts: attempt, cause: ctx.Err()}
			}
			last = &APIError{Method: method, Path: path, Attempts: attempt, kind: ErrUnavailable, cause: err}
			if !idempotent && !notSent(err) {
				return nil, last
			}
			ambiguous = ambiguous || !notSent(err)
			continue
		}
		if a.status >= 200 && a.status < 300 {
			if out != nil && len(a.body) > 0 {
				if err := json.Unmarshal(a.body, out); err != nil {
					return a.header, &APIError{Method: method, Path: path, Status: a.status, Attempts: attempt, kind: ErrUnavailable,
						cause: fmt.Errorf("decoding the answer: %w", err)}
				}
			}
			return a.header, nil
		}
		var we wpError
		_ = json.Unmarshal(a.body, &we)
		e := &APIError{Method: method, Path: path, Status: a.status, Code: we.Code, Message: we.Message, Attempts: attempt,
			kind: classify(a.status, we.Code, we.Message)}
		if method == http.MethodDelete && ambiguous && (a.status == 404 || a.status == 410) {
			// An earlier attempt deleted it and the answer was lost.
			return a.header, errDeletedBefore
		}
		if a.status == 429 || a.status >= 500 {
			e.retryAfter = a.header.Get("Retry-After")
			last = e
			if !idempotent {
				return nil, last
			}
			ambiguous = true
			continue
		}
		return a.header, e
	}
	return nil, last
}

// errDeletedBefore: a retried DELETE found the object gone; callers treat
// it as deleted.
var errDeletedBefore = errors.New("woocommerce: deleted by an earlier attempt")

func (c *Client) once(ctx context.Context, method, path string, q url.Values, body []byte, hdr http.Header) (*answer, error) {
	if err := c.sem.acquire(ctx); err != nil {
		return nil, err
	}
	defer c.sem.release()
	c.attempts.Add(1)
	actx, cancel := context.WithTimeout(ctx, c.cfg.AttemptTimeout)
	defer cancel()
	u := *c.base
	u.Path = strings.TrimRight(c.base.Path, "/") + path
	qq := url.Values{}
	for k, v := range q {
		qq[k] = append([]string(nil), v...)
	}
	keyAuth := hdr == nil // the plugin's routes are signed by their own secret
	if keyAuth && !c.https {
		signOAuth(method, u.Scheme+"://"+u.Host+u.Path, qq, c.cfg.ConsumerKey, c.cfg.ConsumerSecret, c.cfg.Now())
	}
	u.RawQuery = qq.Encode()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(actx, method, u.String(), rd)
	if err != nil {
		return nil, err
	}
	if keyAuth && c.https {
		req.SetBasicAuth(c.cfg.ConsumerKey, c.cfg.ConsumerSecret)
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.cfg.HTTPClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, err
	}
	return &answer{status: resp.StatusCode, header: resp.Header, body: b}, nil
}
