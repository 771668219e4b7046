package wctest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Options configure an Emulator. Zero values take the defaults.
type Options struct {
	// Settings of the store (default: DefaultSettings).
	Settings *Settings
	// TaxRates is the rate table (default: DefaultTaxRates).
	TaxRates []TaxRate
	// Now is the store's clock (OAuth timestamps, dates of new objects).
	Now func() time.Time
	// CallbackClient posts wc-auth keys to callback_url (default: a client
	// with a 60 s timeout, as WooCommerce's wp_safe_remote_post).
	CallbackClient *http.Client
	// Latency delays every REST answer (a slow WordPress host).
	Latency time.Duration
	// HangFor is how long FaultHang holds a request (default 60 s) unless
	// the client goes away first.
	HangFor time.Duration
}

// DefaultSettings is a small German shop.
func DefaultSettings() Settings {
	return Settings{
		Title:       "Kaffeerösterei Lindner",
		Tagline:     "Frisch geröstet in Leipzig",
		Address1:    "Karl-Liebknecht-Straße 12",
		City:        "Leipzig",
		Postcode:    "04107",
		Country:     "DE",
		Currency:    "EUR",
		Language:    "de_DE",
		Timezone:    "Europe/Berlin",
		TaxBasedOn:  "shipping",
		CalcTaxes:   true,
		WCVersion:   "9.8.5",
		EmptyTrash:  30,
		AdminUserID: 1,
	}
}

// Emulator is an http.Handler emulating one WooCommerce store.
type Emulator struct {
	// URL is the base URL of the server started by Start or StartTLS.
	URL string
	// Client talks to that server (it trusts the TLS certificate).
	Client *http.Client

	now      func() time.Time
	callback *http.Client
	hangFor  time.Duration

	mu        sync.Mutex
	settings  Settings
	rates     []TaxRate
	nextID    int64
	customers map[int64]*Customer
	orders    map[int64]*Order
	notes     map[int64]*Note
	reviews   map[int64]*Review
	products  map[int64]*Product
	keys      map[string]*apiKey
	nonces    map[string]time.Time
	auths     []AuthRequest
	faults    faults
	latency   time.Duration
	stats     Stats
	inFlight  int
	plug      *plugin // the companion plugin (plugin.go); nil until used
}

// New returns an emulator seeded with the administrator (user 1).
func New(opts Options) *Emulator {
	s := DefaultSettings()
	if opts.Settings != nil {
		s = *opts.Settings
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.TaxRates == nil {
		opts.TaxRates = DefaultTaxRates()
	}
	if opts.CallbackClient == nil {
		opts.CallbackClient = &http.Client{Timeout: 60 * time.Second}
	}
	if opts.HangFor == 0 {
		opts.HangFor = 60 * time.Second
	}
	e := &Emulator{
		now:       opts.Now,
		callback:  opts.CallbackClient,
		hangFor:   opts.HangFor,
		settings:  s,
		rates:     append([]TaxRate(nil), opts.TaxRates...),
		nextID:    100,
		customers: map[int64]*Customer{},
		orders:    map[int64]*Order{},
		notes:     map[int64]*Note{},
		reviews:   map[int64]*Review{},
		products:  map[int64]*Product{},
		keys:      map[string]*apiKey{},
		nonces:    map[string]time.Time{},
		faults:    faults{byRequest: map[int]Fault{}},
		latency:   opts.Latency,
		stats:     newStats(),
	}
	created := e.now().Add(-3 * 365 * 24 * time.Hour).UTC()
	e.customers[s.AdminUserID] = &Customer{
		ID: s.AdminUserID, Email: "inhaber@kaffee-lindner.example", FirstName: "Jana", LastName: "Lindner",
		Username: "admin", Role: "administrator", DateCreated: created, DateModified: created,
	}
	return e
}

// Start serves an emulator over plain HTTP (OAuth 1.0a only, like a
// development store) until the test ends.
func Start(t testing.TB, opts ...Options) *Emulator {
	t.Helper()
	return start(t, false, opts)
}

// StartTLS serves an emulator over HTTPS (Basic auth) until the test ends;
// e.Client trusts its certificate.
func StartTLS(t testing.TB, opts ...Options) *Emulator {
	t.Helper()
	return start(t, true, opts)
}

func start(t testing.TB, tls bool, opts []Options) *Emulator {
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	e := New(o)
	var srv *httptest.Server
	if tls {
		srv = httptest.NewTLSServer(e)
	} else {
		srv = httptest.NewServer(e)
	}
	t.Cleanup(srv.Close)
	e.URL = srv.URL
	e.Client = srv.Client()
	return e
}

// ServeHTTP routes wc-auth, the REST index and /wp-json/wc/v3/.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	switch {
	case strings.HasPrefix(path, "/wc-auth/v1/"):
		e.serveWCAuth(w, r, strings.TrimPrefix(path, "/wc-auth/v1/"))
	case path == "/wp-json" || path == "/wp-json/":
		e.serveREST(w, r, "index", func() (any, *wpError) { return e.index(r), nil })
	case strings.HasPrefix(path, "/wp-json/wc/v3/"):
		e.serveWC(w, r, strings.Trim(strings.TrimPrefix(path, "/wp-json/wc/v3/"), "/"))
	case strings.HasPrefix(path, "/wp-json/lethe/v1/"):
		e.servePlugin(w, r, strings.Trim(strings.TrimPrefix(path, "/wp-json/lethe/v1/"), "/"))
	case strings.HasPrefix(path, "/wp-json/"):
		errNoRoute().write(w)
	default:
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte("<!doctype html><title>Seite nicht gefunden</title><h1>Oops! That page can’t be found.</h1>"))
	}
}

// newID returns a fresh id; e.mu is held. WordPress shares one id sequence
// between posts (orders) and uses others for users and comments; one
// sequence is enough here.
func (e *Emulator) newID() int64 {
	e.nextID++
	return e.nextID
}

// SetTaxRates replaces the rate table (e.g. a rate change after orders were
// placed: recalculating an old order then changes its totals).
func (e *Emulator) SetTaxRates(rates []TaxRate) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.rates = append([]TaxRate(nil), rates...)
}

// UpdateSettings changes the store's settings.
func (e *Emulator) UpdateSettings(f func(*Settings)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	f(&e.settings)
}
