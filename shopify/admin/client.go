package admin

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// DefaultVersion is the Admin API version Lethe pins.
const DefaultVersion = "2026-10"

var shopDomainRE = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]*\.myshopify\.com$`)

// Config configures a Client for one shop. Zero values take defaults.
type Config struct {
	Shop    string      // x.myshopify.com
	Tokens  TokenSource // required
	Version string      // default DefaultVersion
	// APIOrigin, when set (LETHE_SHOPIFY_API_ORIGIN, e.g.
	// http://127.0.0.1:8123), receives the requests instead of
	// https://{shop}; the Host header stays the shop's domain, so one
	// emulator serves many shops.
	APIOrigin  string
	HTTPClient *http.Client // default: 30 s timeout
	Pacer      *Pacer       // share one per process; default: a private one
	Clock      Clock        // default: the wall clock
	// MaxRetries bounds retries of HTTP 429, 5xx and network errors
	// (default 3); MaxThrottleRetries those of THROTTLED (default 5).
	MaxRetries         int
	MaxThrottleRetries int
	UserAgent          string
}

// Client talks to one shop's GraphQL Admin API.
type Client struct {
	cfg      Config
	endpoint string
}

// New validates cfg and returns a client.
func New(cfg Config) (*Client, error) {
	if !shopDomainRE.MatchString(cfg.Shop) {
		return nil, fmt.Errorf("shopify admin: %q is not a myshopify.com domain", cfg.Shop)
	}
	if cfg.Tokens == nil {
		return nil, errors.New("shopify admin: Config.Tokens is required")
	}
	if cfg.Version == "" {
		cfg.Version = DefaultVersion
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	if cfg.Pacer == nil {
		cfg.Pacer = NewPacer()
	}
	if cfg.Clock == nil {
		cfg.Clock = WallClock{}
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = 3
	}
	if cfg.MaxThrottleRetries == 0 {
		cfg.MaxThrottleRetries = 5
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "Lethe (GDPR requests)"
	}
	origin := "https://" + cfg.Shop
	if cfg.APIOrigin != "" {
		origin = strings.TrimRight(cfg.APIOrigin, "/")
	}
	return &Client{cfg: cfg, endpoint: origin + "/admin/api/" + cfg.Version + "/graphql.json"}, nil
}

// ShopDomain returns the shop's domain.
func (c *Client) ShopDomain() string { return c.cfg.Shop }

type envelope struct {
	Data       json.RawMessage `json:"data"`
	Errors     json.RawMessage `json:"errors"`
	Extensions struct {
		Cost *Cost `json:"cost"`
	} `json:"extensions"`
}

// Do sends a document and decodes its data into out (a pointer, or nil).
// GraphQL errors come back as *GraphQLError (data, when present, is still
// decoded); HTTP failures as *HTTPError wrapping ErrUnauthorized and friends.
func (c *Client) Do(ctx context.Context, doc string, vars map[string]any, out any) error {
	_, err := c.DoCost(ctx, doc, vars, out)
	return err
}

// DoCost is Do that also returns the cost Shopify reported.
func (c *Client) DoCost(ctx context.Context, doc string, vars map[string]any, out any) (*Cost, error) {
	body, err := json.Marshal(map[string]any{"query": doc, "variables": vars})
	if err != nil {
		return nil, fmt.Errorf("shopify admin: encode request: %w", err)
	}
	key := costKey(doc, vars)
	pacer, clock, shop := c.cfg.Pacer, c.cfg.Clock, c.cfg.Shop
	retries, throttles := 0, 0
	for {
		expected := pacer.expected(key)
		if err := pacer.wait(ctx, clock, shop, expected); err != nil {
			return nil, err
		}
		status, header, raw, err := c.post(ctx, body)
		var env envelope
		if err == nil && len(raw) > 0 && json.Unmarshal(raw, &env) != nil {
			env = envelope{}
		}
		pacer.observe(shop, expected, env.Extensions.Cost, clock.Now())
		if cost := env.Extensions.Cost; cost != nil {
			pacer.learn(key, cost.RequestedQueryCost)
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if retries >= c.cfg.MaxRetries {
				return nil, fmt.Errorf("shopify admin: %w", err)
			}
			if err := clock.Sleep(ctx, backoff(retries)); err != nil {
				return nil, err
			}
			retries++
			continue
		}
		switch {
		case status == http.StatusTooManyRequests || status >= 500:
			if retries >= c.cfg.MaxRetries {
				return env.Extensions.Cost, httpError(status, raw)
			}
			if err := clock.Sleep(ctx, retryAfter(header, retries)); err != nil {
				return nil, err
			}
			retries++
			continue
		case status != http.StatusOK:
			return env.Extensions.Cost, httpError(status, raw)
		}
		gqlErr := decodeErrors(env.Errors)
		if gqlErr != nil && gqlErr.HasCode("THROTTLED") {
			if throttles >= c.cfg.MaxThrottleRetries {
				return env.Extensions.Cost, gqlErr
			}
			throttles++
			// The next pacer.wait sleeps (requested - available) / restoreRate:
			// observe just set the model to Shopify's reading.
			continue
		}
		if out != nil && len(env.Data) > 0 && string(env.Data) != "null" {
			if err := json.Unmarshal(env.Data, out); err != nil {
				return env.Extensions.Cost, fmt.Errorf("shopify admin: decode data: %w", err)
			}
		}
		if gqlErr != nil {
			return env.Extensions.Cost, gqlErr
		}
		return env.Extensions.Cost, nil
	}
}

func (c *Client) post(ctx context.Context, body []byte) (int, http.Header, []byte, error) {
	token, err := c.cfg.Tokens.Token(ctx)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("access token: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return 0, nil, nil, err
	}
	req.Host = c.cfg.Shop
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set("X-Shopify-Access-Token", token)
	resp, err := c.cfg.HTTPClient.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return 0, nil, nil, err
	}
	return resp.StatusCode, resp.Header, raw, nil
}

// decodeErrors reads the errors member: an array of errors, or a string or
// object on some failures.
func decodeErrors(raw json.RawMessage) *GraphQLError {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var items []ErrorItem
	if json.Unmarshal(raw, &items) == nil {
		if len(items) == 0 {
			return nil
		}
		return &GraphQLError{Errors: items}
	}
	var msg string
	if json.Unmarshal(raw, &msg) == nil {
		return &GraphQLError{Errors: []ErrorItem{{Message: msg}}}
	}
	return &GraphQLError{Errors: []ErrorItem{{Message: string(raw)}}}
}

func httpError(status int, raw []byte) error {
	if len(raw) > 512 {
		raw = raw[:512]
	}
	return &HTTPError{StatusCode: status, Body: string(raw)}
}

// backoff is 1 s, 2 s, 4 s … capped at 16 s.
func backoff(attempt int) time.Duration {
	return time.Second << min(attempt, 4)
}

// retryAfter honours a Retry-After header (seconds, possibly fractional),
// else backs off exponentially.
func retryAfter(h http.Header, attempt int) time.Duration {
	if v := h.Get("Retry-After"); v != "" {
		if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 && s < 600 {
			return time.Duration(s * float64(time.Second))
		}
	}
	return backoff(attempt)
}
