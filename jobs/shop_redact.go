package jobs

import (
	"context"
	"log/slog"

	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
)

// HandleShopRedact deletes everything held for a shop (Shopify shop/redact:
// the merchant uninstalled 48 hours ago). Resumable: it deletes in batches
// and removes its own step only with the shop row, last.
func HandleShopRedact(st *store.Store, log *slog.Logger) Handler {
	return func(ctx context.Context, s *store.Step) error {
		p, err := step.Read(s)
		if err != nil {
			return err
		}
		d, err := st.DeleteShopData(ctx, p.ShopID, s.ID, 1000)
		if err != nil {
			return err
		}
		log.Info("shop redacted", "shop_id", p.ShopID, "requests", d.Requests, "archive_entries", d.ArchiveEntries,
			"steps", d.Steps, "events", d.Events, "deliveries", d.Deliveries, "shop_row", d.ShopRow)
		return nil
	}
}
