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
