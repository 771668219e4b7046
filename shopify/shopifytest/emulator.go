package shopifytest

import (
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/lethe-gdpr/lethe/shopify/schema"
)

// App is the app the emulator knows: its credentials and the scopes a
// merchant grants it.
type App struct {
	ClientID     string
	ClientSecret string
	Scopes       string // comma separated, as Shopify answers them
}

// DefaultApp is used when Options.App is empty.
var DefaultApp = App{
	ClientID:     "lethe-test-client-id",
	ClientSecret: "lethe-test-client-secret",
	Scopes:       "read_customers,read_orders,read_locales,write_customer_data_erasure",
}

// Options configure an Emulator. Zero values take the defaults.
type Options struct {
	App App
	// Now is the emulator's clock: token expiry and the leaky buckets use it.
	Now func() time.Time
	// Versions are the Admin API versions served (default: schema.Version).
	Versions []string
	// Schema is the Admin schema documents are validated against (default:
	// the real one, loaded by Start through schema.ForTest).
	Schema *ast.Schema
}

// Emulator is an http.Handler emulating Shopify for many shops.
type Emulator struct {
	// URL is the base URL of the test server started by Start.
	URL string

	app      App
	now      func() time.Time
	versions map[string]bool
	schema   *ast.Schema

	mu     sync.Mutex
	shops  map[string]*shop
	nextID int64
	tokens tokenStore
	grants GrantCounts
	auths  []AuthorizeRequest
	log    []MutationCall
	faults faults
	stats  Stats
}

// New returns an emulator; opts.Schema must be set (Start loads the real one).
func New(opts Options) (*Emulator, error) {
	if opts.Schema == nil {
		return nil, errors.New("shopifytest: Options.Schema is required")
	}
	if opts.App == (App{}) {
		opts.App = DefaultApp
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if len(opts.Versions) == 0 {
		opts.Versions = []string{schema.Version}
	}
	e := &Emulator{
		app:      opts.App,
		now:      opts.Now,
		versions: map[string]bool{},
		schema:   opts.Schema,
		shops:    map[string]*shop{},
		nextID:   1000,
		tokens:   newTokenStore(),
		faults:   faults{byRequest: map[int]Fault{}},
	}
	for _, v := range opts.Versions {
		e.versions[v] = true
	}
	return e, nil
}

// Start runs an emulator on an httptest server closed with the test. Without
// a Schema in opts it loads Shopify's real Admin schema vendored in
// shopify/schema/testdata.
func Start(t testing.TB, opts ...Options) *Emulator {
	t.Helper()
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	if o.Schema == nil {
		o.Schema = schema.ForTest(t)
	}
	e, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	e.URL = srv.URL
	return e
}

// App returns the app credentials the emulator accepts.
func (e *Emulator) App() App { return e.app }

// ServeHTTP routes a request to the shop named by its Host header.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	domain := hostDomain(r.Host)
	e.mu.Lock()
	sh := e.shops[domain]
	e.mu.Unlock()
	if sh == nil {
		writeJSON(w, http.StatusNotFound, map[string]any{"errors": "Not Found"})
		return
	}
	path := r.URL.Path
	switch {
	case path == "/admin/oauth/access_token":
		e.handleAccessToken(w, r, sh)
	case path == "/admin/oauth/authorize":
		e.handleAuthorize(w, r, sh)
	case strings.HasPrefix(path, "/admin/api/") && strings.HasSuffix(path, "/graphql.json"):
		version := strings.TrimSuffix(strings.TrimPrefix(path, "/admin/api/"), "/graphql.json")
		e.handleGraphQL(w, r, sh, version)
	default:
		writeJSON(w, http.StatusNotFound, map[string]any{"errors": "Not Found"})
	}
}

func hostDomain(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return strings.ToLower(host)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
