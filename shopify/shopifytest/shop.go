package shopifytest

import (
	"fmt"
	"regexp"
	"strings"
)

// ShopOptions describe a seeded shop. Zero values take defaults.
type ShopOptions struct {
	Name     string // default: the domain's first label
	Email    string // default: owner@<domain>
	Timezone string // IANA zone, default "Europe/Berlin"
	Country  string // ISO code, default "DE"
	Province string // province code, e.g. "BE"; not reported for DE and AT (Shopify has none there), but a German shop without its address gets one in that state
	City     string
	Address1 string
	Zip      string
	Company  string // the shop address's company (the legal name)
	// PrimaryDomain is the storefront's host (default: the myshopify
	// domain, as for a shop without a custom domain).
	PrimaryDomain string
	Currency      string // default "EUR"
	// Locale is the shop's primary locale ("de", "en", "pt-BR"), as
	// shopLocales reports it; default "de" for a shop in Germany or
	// Austria, "en" elsewhere. Locales are further published locales.
	Locale  string
	Locales []string
	// RestoreRate is the leaky bucket's restore rate in points per second:
	// 100 (Standard, the default), 200 (Advanced), 1000 (Plus), 2000
	// (Enterprise).
	RestoreRate float64
	// MaximumAvailable is the bucket size; default 20 × RestoreRate (2,000
	// points at 100/s, 20,000 at 1,000/s, as Shopify's responses show).
	MaximumAvailable float64
}

type shop struct {
	id        int64
	domain    string
	opts      ShopOptions
	installed bool
	customers map[int64]*Customer
	custIDs   []int64
	orders    map[int64]*Order
	orderIDs  []int64
	nextOrder int
	erasing   map[int64]bool
	buckets   map[string]*bucket // by client id
}

var shopDomainRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*\.myshopify\.com$`)

// AddShop seeds a shop served at domain (x.myshopify.com) and returns its
// numeric id. The app is not installed yet: go through OAuth or InstallApp.
func (e *Emulator) AddShop(domain string, opts ShopOptions) int64 {
	domain = strings.ToLower(domain)
	if !shopDomainRE.MatchString(domain) {
		panic(fmt.Sprintf("shopifytest: %q is not a myshopify.com domain", domain))
	}
	label, _, _ := strings.Cut(domain, ".")
	if opts.Name == "" {
		opts.Name = label
	}
	if opts.Email == "" {
		opts.Email = "owner@" + domain
	}
	if opts.Timezone == "" {
		opts.Timezone = "Europe/Berlin"
	}
	if opts.Country == "" {
		opts.Country = "DE"
	}
	if opts.Currency == "" {
		opts.Currency = "EUR"
	}
	if opts.RestoreRate <= 0 {
		opts.RestoreRate = 100
	}
	if opts.MaximumAvailable <= 0 {
		opts.MaximumAvailable = 20 * opts.RestoreRate
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, ok := e.shops[domain]; ok {
		panic("shopifytest: shop " + domain + " added twice")
	}
	e.nextID++
	s := &shop{
		id:        e.nextID,
		domain:    domain,
		opts:      opts,
		customers: map[int64]*Customer{},
		orders:    map[int64]*Order{},
		nextOrder: 1001,
		erasing:   map[int64]bool{},
		buckets:   map[string]*bucket{},
	}
	e.shops[domain] = s
	return s.id
}

func (e *Emulator) mustShop(domain string) *shop {
	s := e.shops[strings.ToLower(domain)]
	if s == nil {
		panic("shopifytest: unknown shop " + domain)
	}
	return s
}

// UpdateShop changes a seeded shop's details as the merchant would in
// Shopify's admin (f edits them; a German shop's address is completed from
// its Province as in AddShop). Send ShopUpdate as shop/update to tell the app.
func (e *Emulator) UpdateShop(domain string, f func(*ShopOptions)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.mustShop(domain)
	f(&s.opts)
}

// ShopID returns the numeric id of a seeded shop.
func (e *Emulator) ShopID(domain string) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.mustShop(domain).id
}

// Uninstall removes the app from a shop: its tokens stop working at once,
// as after app/uninstalled.
func (e *Emulator) Uninstall(domain string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.mustShop(domain)
	s.installed = false
	e.tokens.revokeShop(s.domain)
}

// RevokeTokens revokes every token of a shop (the merchant rotated them);
// the app stays installed.
func (e *Emulator) RevokeTokens(domain string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.tokens.revokeShop(e.mustShop(domain).domain)
}

// Installed reports whether the app is installed on the shop.
func (e *Emulator) Installed(domain string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.mustShop(domain).installed
}

// ErasureRequested reports whether customerRequestDataErasure is pending for
// the customer (and was not cancelled).
func (e *Emulator) ErasureRequested(domain string, customerID int64) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.mustShop(domain).erasing[customerID]
}
