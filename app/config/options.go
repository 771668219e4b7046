// Package config reads Lethe's configuration from environment variables.
//
// Every option is declared once in the table below, with its default and a
// description; the README's configuration table is generated from the same
// table (see TestREADMEListsEveryOption). Secrets may also be read from a file
// named by the variable with a _FILE suffix.
package config

// Option describes one environment variable.
type Option struct {
	Name        string
	Default     string
	Secret      bool // may be given as NAME_FILE; never printed
	Description string
}

// Options is the table of every configuration variable Lethe reads.
var Options = []Option{
	{Name: "LETHE_ADDR", Default: ":8080", Description: "Listen address of the HTTP server (host:port)."},
	{Name: "LETHE_PUBLIC_URL", Default: "http://localhost:8080", Description: "Public base URL of this installation, used in links, redirects and e-mails. Must be https in production."},
	{Name: "LETHE_DATA_DIR", Default: "./lethe-data", Description: "Directory for the embedded SQLite database and the generated secret key."},
	{Name: "LETHE_DATABASE_URL", Default: "", Secret: true, Description: "postgres://user:pass@host:5432/db?sslmode=… for Postgres. Empty: an SQLite file in LETHE_DATA_DIR."},
	{Name: "LETHE_AUTO_MIGRATE", Default: "", Description: "Apply pending migrations when serve/web/worker start. Default true for SQLite, false for Postgres (run `lethe migrate up`)."},
	{Name: "LETHE_REDIS_URL", Default: "", Secret: true, Description: "redis://, rediss:// or redis-sentinel:// URL of the job queue's Redis. Empty: an in-process Redis (serve only)."},
	{Name: "LETHE_SECRET_KEY", Default: "", Secret: true, Description: "32 random bytes, base64 (`openssl rand -base64 32`), encrypting tokens and personal data at rest. Empty with SQLite: generated once into LETHE_DATA_DIR/secret.key. Required with Postgres."},
	{Name: "LETHE_SECRET_KEYS_OLD", Default: "", Secret: true, Description: "Comma-separated earlier secret keys (base64), still accepted for reading after a rotation."},
	{Name: "LETHE_LOG_FORMAT", Default: "text", Description: "Log format: json or text."},
	{Name: "LETHE_LOG_LEVEL", Default: "info", Description: "Log level: debug, info, warn or error."},
	{Name: "LETHE_SHUTDOWN_TIMEOUT", Default: "25s", Description: "How long shutdown waits for in-flight HTTP requests and jobs before leaving them to the reconciler."},
	{Name: "LETHE_RECONCILE_INTERVAL", Default: "1m", Description: "How often pending pipeline steps without a live task are enqueued again."},
	{Name: "LETHE_REPORT_LINK_TTL", Default: "168h", Description: "How long a customer's link to their access report works (Go duration; 168h = 7 days). Expired links answer 410 and ask the customer to request a new one."},
	{Name: "SHOPIFY_API_KEY", Default: "", Description: "The Shopify app's client id. Empty (with SHOPIFY_API_SECRET): the Shopify integration is off."},
	{Name: "SHOPIFY_API_SECRET", Default: "", Secret: true, Description: "The Shopify app's client secret: verifies webhooks, install links and session tokens."},
	{Name: "SHOPIFY_SCOPES", Default: "read_customers,read_orders,read_all_orders,read_locales,write_customer_data_erasure", Description: "Access scopes the app asks for and requires at install (comma-separated)."},
	{Name: "SHOPIFY_API_VERSION", Default: "2026-10", Description: "Pinned Admin API version."},
	{Name: "LETHE_SHOPIFY_API_ORIGIN", Default: "", Description: "Tests and staging: send every Admin API and OAuth token request to this origin (e.g. http://127.0.0.1:9000) with the Host header set to the shop's domain."},
	{Name: "LETHE_WOOCOMMERCE_TIMEOUT", Default: "30s", Description: "How long one request to a WooCommerce store may take before Lethe gives up on it and tries again (an idempotent call is tried up to four times)."},
	{Name: "LETHE_WEBHOOK_MAX_BYTES", Default: "1048576", Description: "Largest webhook body accepted; larger ones are refused with 413 before verification."},
	{Name: "LETHE_RETRY_DELAY", Default: "10s", Description: "Wait before the first retry of a failed step; it doubles with each attempt, up to one hour."},
	{Name: "LETHE_STEP_LEASE", Default: "1m", Description: "How long a step stays reserved for a worker that stopped renewing it (crashed); another worker takes it over after that."},
	{Name: "LETHE_WORKER_CONCURRENCY", Default: "10", Description: "Number of jobs a worker runs at once."},
	{Name: "LETHE_SMTP_URL", Default: "", Secret: true, Description: "SMTP server for reply e-mails: smtp://user:pass@host:587 (STARTTLS when offered; ?tls=starttls requires it), smtps://user:pass@host:465 (implicit TLS); ?tls=none for local test servers, ?insecure=1 skips certificate checks (tests only). Empty: e-mails stay drafts and sending fails with a clear reason."},
	{Name: "LETHE_MAIL_FROM", Default: "", Description: "Sender of reply e-mails, e.g. `Lethe <no-reply@lethe.example.com>`; customer answers show the shop's name and reply to the shop's e-mail. Empty: Lethe <no-reply@host of LETHE_PUBLIC_URL>."},
}
