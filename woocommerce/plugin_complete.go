package woocommerce

import (
	"context"
	"errors"
	"fmt"
)

// ErrPluginUnknownRequest: the store has no WordPress privacy request of
// that id (the plugin's complete answered 404 lethe_unknown_request).
var ErrPluginUnknownRequest = errors.New("woocommerce: the store has no such privacy request")

// PluginComplete marks WordPress's privacy request id completed through
// the companion plugin (its complete route, PROTOCOL.md). Marking a
// completed request again is harmless.
func (c *Client) PluginComplete(ctx context.Context, requestID int64) error {
	var out struct {
		Status string `json:"status"`
	}
	err := c.plugin(ctx, "complete", map[string]any{"request_id": requestID}, &out)
	var ae *APIError
	if errors.As(err, &ae) && ae.Status == 404 && ae.Code == "lethe_unknown_request" {
		return fmt.Errorf("%w (%d)", ErrPluginUnknownRequest, requestID)
	}
	if err != nil {
		return err
	}
	if out.Status != "completed" {
		return fmt.Errorf("woocommerce: the plugin answered complete with status %q", out.Status)
	}
	return nil
}
