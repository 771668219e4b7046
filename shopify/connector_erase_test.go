package shopify

import (
	"context"
	"testing"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// Guest orders have no customer Shopify could erase: nothing is asked and
// nothing erased, and the result says so (Unsupported), so the customer's
// e-mail says what remains at Shopify rather than "erased".
func TestEraseGuestOrdersOnlyIsUnsupported(t *testing.T) {
	c := &connector{} // no client: nothing may be asked of Shopify
	res, err := c.Erase(context.Background(), connect.ErasureRequest{Entries: []plan.Entry{
		{System: System, RecordType: retention.Invoice, RecordID: "gid://shopify/Order/1", Action: retention.ActionErase},
	}})
	if err != nil || res.Requested || !res.Unsupported {
		t.Fatalf("result %+v, %v; want unsupported, not requested", res, err)
	}
	// Shopify's own customers/redact: started there, not unsupported.
	res, _ = c.Erase(context.Background(), connect.ErasureRequest{PlatformInitiated: true})
	if !res.Requested || res.Unsupported {
		t.Fatalf("platform-initiated result %+v", res)
	}
}
