package wctest

import (
	"net/http"
	"time"
)

func (e *Emulator) location() *time.Location {
	if loc, err := time.LoadLocation(e.settings.Timezone); err == nil {
		return loc
	}
	return time.UTC
}

// dates renders a time as WooCommerce does: site time and GMT, no zone.
func (e *Emulator) dates(m map[string]any, name string, t time.Time) {
	if t.IsZero() {
		m[name], m[name+"_gmt"] = nil, nil
		return
	}
	m[name] = t.In(e.location()).Format("2006-01-02T15:04:05")
	m[name+"_gmt"] = t.UTC().Format("2006-01-02T15:04:05")
}

func (e *Emulator) baseURL(r *http.Request) string {
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// index is GET /wp-json/ (no authentication needed).
func (e *Emulator) index(r *http.Request) any {
	s := e.settings
	_, off := e.now().In(e.location()).Zone()
	return map[string]any{
		"name":            s.Title,
		"description":     s.Tagline,
		"url":             e.baseURL(r),
		"home":            e.baseURL(r),
		"gmt_offset":      off / 3600,
		"timezone_string": s.Timezone,
		"namespaces":      []string{"oembed/1.0", "wc/store/v1", "wc/v1", "wc/v2", "wc/v3", "wc-analytics", "wp/v2", "wp-site-health/v1"},
		"authentication":  map[string]any{},
		"routes":          map[string]any{},
	}
}

func setting(id, label, typ, value string) map[string]any {
	return map[string]any{"id": id, "label": label, "description": "", "type": typ, "default": "", "tip": "", "value": value,
		"_links": map[string]any{}}
}

// getSettingsGeneral is GET settings/general: an array of setting objects.
func (e *Emulator) getSettingsGeneral(c *call) (int, any, *wpError) {
	s := e.settings
	calc := "no"
	if s.CalcTaxes {
		calc = "yes"
	}
	return http.StatusOK, []map[string]any{
		setting("woocommerce_store_address", "Address line 1", "text", s.Address1),
		setting("woocommerce_store_address_2", "Address line 2", "text", s.Address2),
		setting("woocommerce_store_city", "City", "text", s.City),
		setting("woocommerce_default_country", "Country / State", "select", s.Country),
		setting("woocommerce_store_postcode", "Postcode / ZIP", "text", s.Postcode),
		setting("woocommerce_allowed_countries", "Selling location(s)", "select", "all"),
		setting("woocommerce_calc_taxes", "Enable taxes", "checkbox", calc),
		setting("woocommerce_currency", "Currency", "select", s.Currency),
		setting("woocommerce_currency_pos", "Currency position", "select", "right_space"),
		setting("woocommerce_price_thousand_sep", "Thousand separator", "text", "."),
		setting("woocommerce_price_decimal_sep", "Decimal separator", "text", ","),
		setting("woocommerce_price_num_decimals", "Number of decimals", "number", "2"),
	}, nil
}

// getSystemStatus is GET system_status, reduced to environment and settings
// (the language is only here: WPLANG).
func (e *Emulator) getSystemStatus(c *call) (int, any, *wpError) {
	s := e.settings
	return http.StatusOK, map[string]any{
		"environment": map[string]any{
			"home_url": e.baseURL(c.r), "site_url": e.baseURL(c.r), "version": s.WCVersion,
			"wp_version": "6.8.1", "language": s.Language, "default_timezone": "UTC",
		},
		"settings": map[string]any{"currency": s.Currency, "currency_symbol": "€", "taxonomies": map[string]any{}},
	}, nil
}
