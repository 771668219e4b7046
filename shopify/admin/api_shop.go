package admin

import "context"

// Shop reads the shop's name, time zone, currency and address.
func (c *Client) Shop(ctx context.Context) (*Shop, error) {
	var out struct {
		Shop Shop `json:"shop"`
	}
	if err := c.Do(ctx, QueryShop, nil, &out); err != nil {
		return nil, err
	}
	return &out.Shop, nil
}

// PrimaryLocale reads the shop's primary locale ("de", "en", "pt-BR") from
// shopLocales; "" when Shopify names none. Without read_locales (or
// read_markets_home) it fails with ErrForbidden.
func (c *Client) PrimaryLocale(ctx context.Context) (string, error) {
	var out struct {
		ShopLocales []ShopLocale `json:"shopLocales"`
	}
	if err := c.Do(ctx, QueryShopLocales, nil, &out); err != nil {
		return "", err
	}
	for _, l := range out.ShopLocales {
		if l.Primary {
			return l.Locale, nil
		}
	}
	return "", nil
}
