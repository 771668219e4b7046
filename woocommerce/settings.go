package woocommerce

import (
	"context"
	"errors"
	"strings"
)

// Settings reads the store's profile: /settings/general (address, country,
// currency), /wp-json/ (name, time zone) and /system_status (language,
// WooCommerce version; left empty when the key may not read it).
func (c *Client) Settings(ctx context.Context) (Settings, error) {
	var s Settings
	var general []struct {
		ID    string `json:"id"`
		Value any    `json:"value"`
	}
	if _, err := c.get(ctx, "settings/general", nil, &general); err != nil {
		return s, err
	}
	for _, g := range general {
		v, _ := g.Value.(string)
		switch g.ID {
		case "woocommerce_store_address":
			s.Address1 = v
		case "woocommerce_store_address_2":
			s.Address2 = v
		case "woocommerce_store_city":
			s.City = v
		case "woocommerce_store_postcode":
			s.Postcode = v
		case "woocommerce_default_country":
			s.Country, s.State, _ = strings.Cut(v, ":")
		case "woocommerce_currency":
			s.Currency = v
		case "woocommerce_calc_taxes":
			s.CalcTaxes = v == "yes"
		}
	}
	var index struct {
		Name           string  `json:"name"`
		Description    string  `json:"description"`
		Home           string  `json:"home"`
		GMTOffset      float64 `json:"gmt_offset"`
		TimezoneString string  `json:"timezone_string"`
	}
	if _, err := c.get(ctx, "/wp-json/", nil, &index); err != nil {
		return s, err
	}
	s.Name, s.Tagline, s.Home, s.GMTOffset, s.Timezone = index.Name, index.Description, index.Home, index.GMTOffset, index.TimezoneString
	var status struct {
		Environment struct {
			Language string `json:"language"`
			Version  string `json:"version"`
		} `json:"environment"`
	}
	if _, err := c.get(ctx, "system_status", nil, &status); err != nil && !errors.Is(err, ErrPermission) && !errors.Is(err, ErrRevoked) && !errors.Is(err, ErrNotFound) {
		return s, err
	}
	s.Language, s.WCVersion = status.Environment.Language, status.Environment.Version
	return s, nil
}
