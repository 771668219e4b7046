package config

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Config is the validated configuration.
type Config struct {
	Addr              string
	PublicURL         *url.URL
	DataDir           string
	DatabaseURL       string // empty: embedded SQLite
	AutoMigrate       bool
	RedisURL          string // empty: in-process Redis
	SecretKey         []byte // nil: generate/read LETHE_DATA_DIR/secret.key
	OldSecretKeys     [][]byte
	LogFormat         string
	LogLevel          string
	ShutdownTimeout   time.Duration
	ReconcileInterval time.Duration
	ReportLinkTTL     time.Duration // validity of customer report links
	WorkerConcurrency int
	RetryDelay        time.Duration // first retry of a failed step; doubles per attempt
	StepLease         time.Duration // reservation of a step by a worker that stopped renewing it

	Shopify         Shopify
	WebhookMaxBytes int
	// WooCommerceTimeout bounds one attempt of a request to a store.
	WooCommerceTimeout time.Duration

	SMTPURL  string // empty: e-mails cannot be sent
	MailFrom string // "Name <address>"
}

// Shopify configures the Shopify app; Enabled is false without credentials.
type Shopify struct {
	Enabled    bool
	APIKey     string
	APISecret  string
	Scopes     []string
	APIVersion string
	APIOrigin  string // tests and staging only
}

// Embedded reports whether the database is the embedded SQLite file.
func (c *Config) Embedded() bool { return c.DatabaseURL == "" }

// SQLitePath is the database file used when no LETHE_DATABASE_URL is set.
func (c *Config) SQLitePath() string { return filepath.Join(c.DataDir, "lethe.db") }

// KeyFile is where the embedded default keeps its generated secret key.
func (c *Config) KeyFile() string { return filepath.Join(c.DataDir, "secret.key") }

// Error names the option that is wrong and says what to do.
type Error struct {
	Option string
	Reason string
}

func (e *Error) Error() string { return e.Option + ": " + e.Reason }

// FromEnv reads the process environment.
func FromEnv() (*Config, error) { return Load(os.LookupEnv) }

// Load reads every option through lookup and validates the whole set once.
// The first problem found is returned as an *Error naming the option.
func Load(lookup func(string) (string, bool)) (*Config, error) {
	r := reader{lookup: lookup}
	c := &Config{
		Addr:        r.str("LETHE_ADDR"),
		DataDir:     r.str("LETHE_DATA_DIR"),
		DatabaseURL: r.str("LETHE_DATABASE_URL"),
		RedisURL:    r.str("LETHE_REDIS_URL"),
		LogFormat:   strings.ToLower(r.str("LETHE_LOG_FORMAT")),
		LogLevel:    strings.ToLower(r.str("LETHE_LOG_LEVEL")),
	}
	if r.err != nil {
		return nil, r.err
	}
	checks := []func() error{
		func() error { return checkAddr(c.Addr) },
		func() (err error) { c.PublicURL, err = checkPublicURL(r.str("LETHE_PUBLIC_URL")); return err },
		func() error { return checkNonEmpty("LETHE_DATA_DIR", c.DataDir) },
		func() error { return checkDatabaseURL(c.DatabaseURL) },
		func() error { return checkRedisURL(c.RedisURL) },
		func() (err error) {
			c.SecretKey, err = checkKey("LETHE_SECRET_KEY", r.str("LETHE_SECRET_KEY"))
			return err
		},
		func() (err error) { c.OldSecretKeys, err = checkOldKeys(r.str("LETHE_SECRET_KEYS_OLD")); return err },
		func() error { return checkOneOf("LETHE_LOG_FORMAT", c.LogFormat, "json", "text") },
		func() error { return checkOneOf("LETHE_LOG_LEVEL", c.LogLevel, "debug", "info", "warn", "error") },
		func() (err error) {
			c.ShutdownTimeout, err = duration("LETHE_SHUTDOWN_TIMEOUT", r.str("LETHE_SHUTDOWN_TIMEOUT"))
			return err
		},
		func() (err error) {
			c.ReconcileInterval, err = duration("LETHE_RECONCILE_INTERVAL", r.str("LETHE_RECONCILE_INTERVAL"))
			return err
		},
		func() (err error) {
			c.RetryDelay, err = duration("LETHE_RETRY_DELAY", r.str("LETHE_RETRY_DELAY"))
			return err
		},
		func() (err error) {
			c.StepLease, err = duration("LETHE_STEP_LEASE", r.str("LETHE_STEP_LEASE"))
			return err
		},
		func() (err error) { c.Shopify, err = shopify(&r); return err },
		func() (err error) {
			c.WooCommerceTimeout, err = duration("LETHE_WOOCOMMERCE_TIMEOUT", r.str("LETHE_WOOCOMMERCE_TIMEOUT"))
			return err
		},
		func() (err error) {
			c.WebhookMaxBytes, err = positiveInt("LETHE_WEBHOOK_MAX_BYTES", r.str("LETHE_WEBHOOK_MAX_BYTES"))
			return err
		},
		func() (err error) {
			c.ReportLinkTTL, err = duration("LETHE_REPORT_LINK_TTL", r.str("LETHE_REPORT_LINK_TTL"))
			return err
		},
		func() (err error) {
			c.WorkerConcurrency, err = positiveInt("LETHE_WORKER_CONCURRENCY", r.str("LETHE_WORKER_CONCURRENCY"))
			return err
		},
		func() (err error) {
			c.AutoMigrate, err = autoMigrate(r.str("LETHE_AUTO_MIGRATE"), c.Embedded())
			return err
		},
		func() (err error) { c.SMTPURL, err = checkSMTPURL(r.str("LETHE_SMTP_URL")); return err },
		func() (err error) { c.MailFrom, err = checkMailFrom(r.str("LETHE_MAIL_FROM"), c.PublicURL); return err },
		func() error {
			if !c.Embedded() && c.SecretKey == nil {
				return &Error{"LETHE_SECRET_KEY", "required when LETHE_DATABASE_URL is set, so every process shares one key; generate one with `openssl rand -base64 32`"}
			}
			return nil
		},
	}
	for _, check := range checks {
		if err := check(); err != nil {
			return nil, err
		}
		if r.err != nil {
			return nil, r.err
		}
	}
	return c, nil
}

// reader looks options up, applying defaults and NAME_FILE for secrets.
type reader struct {
	lookup func(string) (string, bool)
	err    error
}

func (r *reader) str(name string) string {
	opt, ok := option(name)
	if !ok {
		panic("config: undeclared option " + name)
	}
	if v, ok := r.lookup(name); ok && v != "" {
		return strings.TrimSpace(v)
	}
	if opt.Secret {
		if path, ok := r.lookup(name + "_FILE"); ok && path != "" {
			b, err := os.ReadFile(path)
			if err != nil && r.err == nil {
				r.err = &Error{name + "_FILE", fmt.Sprintf("cannot read %s: %v", path, errors.Unwrap(err))}
			}
			return strings.TrimSpace(string(b))
		}
	}
	return opt.Default
}

func option(name string) (Option, bool) {
	for _, o := range Options {
		if o.Name == name {
			return o, true
		}
	}
	return Option{}, false
}

func checkAddr(addr string) error {
	i := strings.LastIndex(addr, ":")
	if i < 0 {
		return &Error{"LETHE_ADDR", fmt.Sprintf("%q is not host:port (example: :8080 or 127.0.0.1:8080)", addr)}
	}
	if p, err := strconv.Atoi(addr[i+1:]); err != nil || p < 0 || p > 65535 {
		return &Error{"LETHE_ADDR", fmt.Sprintf("%q has no valid port (0-65535)", addr)}
	}
	return nil
}

func checkPublicURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &Error{"LETHE_PUBLIC_URL", fmt.Sprintf("%q is not an absolute http(s) URL (example: https://lethe.example.com)", s)}
	}
	u.Path = strings.TrimRight(u.Path, "/")
	return u, nil
}

func checkNonEmpty(name, v string) error {
	if v == "" {
		return &Error{name, "must not be empty"}
	}
	return nil
}

func checkDatabaseURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return &Error{"LETHE_DATABASE_URL", "is not a URL: " + redactURLError(err)}
	}
	if u.Scheme != "postgres" && u.Scheme != "postgresql" {
		return &Error{"LETHE_DATABASE_URL", fmt.Sprintf("scheme %q is not supported; use postgres://user:pass@host:5432/db, or leave it empty for the embedded SQLite file", u.Scheme)}
	}
	if u.Host == "" {
		return &Error{"LETHE_DATABASE_URL", "has no host (example: postgres://lethe@127.0.0.1:5432/lethe?sslmode=disable)"}
	}
	return nil
}

func checkRedisURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return &Error{"LETHE_REDIS_URL", "is not a URL: " + redactURLError(err)}
	}
	switch u.Scheme {
	case "redis", "rediss", "redis-socket", "redis-sentinel":
	default:
		return &Error{"LETHE_REDIS_URL", fmt.Sprintf("scheme %q is not supported; use redis://, rediss:// or redis-sentinel://, or leave it empty for the in-process Redis", u.Scheme)}
	}
	if u.Host == "" && u.Scheme != "redis-socket" {
		return &Error{"LETHE_REDIS_URL", "has no host (example: redis://127.0.0.1:6379/0)"}
	}
	return nil
}

// redactURLError keeps a url.Error's reason without echoing the URL, which
// may carry a password.
func redactURLError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return "malformed"
}

// KeySize is the length of an AES-256 key.
const KeySize = 32

func checkKey(name, s string) ([]byte, error) {
	if s == "" {
		return nil, nil
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, &Error{name, "is not base64; generate a key with `openssl rand -base64 32`"}
	}
	if len(b) != KeySize {
		return nil, &Error{name, fmt.Sprintf("decodes to %d bytes, need exactly %d; generate a key with `openssl rand -base64 32`", len(b), KeySize)}
	}
	return b, nil
}

func checkOldKeys(s string) ([][]byte, error) {
	var keys [][]byte
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		k, err := checkKey("LETHE_SECRET_KEYS_OLD", part)
		if err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, nil
}

func checkOneOf(name, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return &Error{name, fmt.Sprintf("%q is not one of %s", v, strings.Join(allowed, ", "))}
}

func duration(name, s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, &Error{name, fmt.Sprintf("%q is not a positive duration (examples: 30s, 5m)", s)}
	}
	return d, nil
}

func positiveInt(name, s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, &Error{name, fmt.Sprintf("%q is not a positive whole number", s)}
	}
	return n, nil
}

func autoMigrate(s string, embedded bool) (bool, error) {
	if s == "" {
		return embedded, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, &Error{"LETHE_AUTO_MIGRATE", fmt.Sprintf("%q is not true or false", s)}
	}
	return b, nil
}

var apiVersionRE = regexp.MustCompile(`^\d{4}-(01|04|07|10)$|^unstable$`)

func shopify(r *reader) (Shopify, error) {
	s := Shopify{
		APIKey:     r.str("SHOPIFY_API_KEY"),
		APISecret:  r.str("SHOPIFY_API_SECRET"),
		APIVersion: r.str("SHOPIFY_API_VERSION"),
		APIOrigin:  strings.TrimRight(r.str("LETHE_SHOPIFY_API_ORIGIN"), "/"),
	}
	for _, sc := range strings.Split(r.str("SHOPIFY_SCOPES"), ",") {
		if sc = strings.TrimSpace(sc); sc != "" {
			s.Scopes = append(s.Scopes, sc)
		}
	}
	switch {
	case s.APIKey == "" && s.APISecret == "":
		return s, nil
	case s.APIKey == "":
		return s, &Error{"SHOPIFY_API_KEY", "is required when SHOPIFY_API_SECRET is set (the app's client id from the Partner Dashboard)"}
	case s.APISecret == "":
		return s, &Error{"SHOPIFY_API_SECRET", "is required when SHOPIFY_API_KEY is set (the app's client secret)"}
	case !apiVersionRE.MatchString(s.APIVersion):
		return s, &Error{"SHOPIFY_API_VERSION", fmt.Sprintf("%q is not a Shopify API version such as 2026-10", s.APIVersion)}
	case len(s.Scopes) == 0:
		return s, &Error{"SHOPIFY_SCOPES", "must name at least one access scope"}
	}
	if s.APIOrigin != "" {
		if u, err := url.Parse(s.APIOrigin); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return s, &Error{"LETHE_SHOPIFY_API_ORIGIN", fmt.Sprintf("%q is not an http(s) origin", s.APIOrigin)}
		}
	}
	s.Enabled = true
	return s, nil
}

func checkSMTPURL(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", &Error{"LETHE_SMTP_URL", "is not a URL: " + redactURLError(err)}
	}
	if u.Scheme != "smtp" && u.Scheme != "smtps" {
		return "", &Error{"LETHE_SMTP_URL", fmt.Sprintf("scheme %q is not supported; use smtp://user:pass@host:587 or smtps://user:pass@host:465", u.Scheme)}
	}
	if u.Hostname() == "" {
		return "", &Error{"LETHE_SMTP_URL", "has no host (example: smtp://user:pass@mail.example.com:587)"}
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return "", &Error{"LETHE_SMTP_URL", fmt.Sprintf("port %q is not 1-65535", p)}
		}
	}
	q := u.Query()
	if v := q.Get("tls"); v != "" && v != "none" && v != "starttls" {
		return "", &Error{"LETHE_SMTP_URL", fmt.Sprintf("tls=%q is not none or starttls (leave it out for STARTTLS when offered)", v)}
	}
	if v := q.Get("insecure"); v != "" {
		if _, err := strconv.ParseBool(v); err != nil {
			return "", &Error{"LETHE_SMTP_URL", fmt.Sprintf("insecure=%q is not 1 or 0", v)}
		}
	}
	return s, nil
}

func checkMailFrom(s string, public *url.URL) (string, error) {
	if s == "" {
		host := "localhost"
		if public != nil && public.Hostname() != "" {
			host = public.Hostname()
		}
		s = "Lethe <no-reply@" + host + ">"
	}
	a, err := mail.ParseAddress(s)
	if err != nil || !strings.Contains(a.Address, "@") {
		return "", &Error{"LETHE_MAIL_FROM", fmt.Sprintf("%q is not an e-mail address (example: Lethe <no-reply@lethe.example.com>)", s)}
	}
	return s, nil
}
