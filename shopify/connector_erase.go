package shopify

import (
	"context"
	"errors"
	"fmt"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/shopify/admin"
)

// Erase asks Shopify to erase the customer (customerRequestDataErasure),
// after Lethe archived what the law keeps. Shopify carries it out by its own
// rules (it holds off while the customer has recent orders). When Shopify
// itself asked (customers/redact) nothing is sent: it erases on its own.
// Guest orders have no customer to erase through the Admin API; they stay
// in Shopify until the merchant deletes them there: the result says so
// (Unsupported), and the customer is told what remains, not "erased".
func (c *connector) Erase(ctx context.Context, req connect.ErasureRequest) (connect.ErasureResult, error) {
	if req.PlatformInitiated { // Shopify erases by itself: started, not done as far as Lethe knows
		return connect.ErasureResult{Requested: true, Detail: "erased by Shopify itself (customers/redact)"}, nil
	}
	customers := map[string]bool{}
	for _, e := range req.Entries {
		if e.System == System && e.RecordType == retention.CustomerAccount {
			customers[e.RecordID] = true
		}
	}
	if len(customers) == 0 {
		return connect.ErasureResult{Unsupported: true, Detail: "no Shopify customer account (guest orders only)"}, nil
	}
	for id := range customers {
		err := c.client.RequestCustomerDataErasure(ctx, id)
		var ue *admin.UserErrorsError
		if errors.As(err, &ue) && ue.HasCode("DOES_NOT_EXIST") {
			continue // already gone
		}
		if err != nil {
			return connect.ErasureResult{}, systemError(fmt.Errorf("requesting the customer's erasure: %w", err))
		}
	}
	return connect.ErasureResult{Requested: true, Detail: fmt.Sprintf("customerRequestDataErasure for %d customer(s)", len(customers))}, nil
}

var _ connect.Eraser = (*connector)(nil)
