package woocommerce

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/lethe-gdpr/lethe/app/connect"
)

// The WooCommerce connector closes the WordPress privacy requests the
// companion plugin forwarded (connect.SourceCloser).
var _ connect.SourceCloser = (*connector)(nil)

// CloseSource marks the WordPress privacy request completed through the
// plugin. A store without the plugin (or without a plugin secret), or
// without the request, cannot be told: connect.ErrSourceGone.
func (c *connector) CloseSource(ctx context.Context, req connect.SourceRequest) error {
	if req.Channel != ChannelWordPress {
		return connect.SourceGone(fmt.Errorf("woocommerce keeps no record of requests from channel %q", req.Channel))
	}
	id, err := strconv.ParseInt(req.ExternalID, 10, 64)
	if err != nil || id <= 0 {
		return connect.SourceGone(fmt.Errorf("woocommerce: %q is not a WordPress request id", req.ExternalID))
	}
	err = c.client.PluginComplete(ctx, id)
	switch {
	case errors.Is(err, ErrPluginMissing), errors.Is(err, ErrPluginUnknownRequest):
		return connect.SourceGone(err)
	case err != nil:
		return fmt.Errorf("marking the WordPress privacy request completed: %w", err)
	}
	return nil
}
