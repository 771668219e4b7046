package woocommerce_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

// The plugin's erase route as PROTOCOL.md says: field by field with the
// CRUD setters, no recalculation, erased the first time and empty the
// second, missing orders named, the billing address untouched, unknown
// fields refused.
func TestPluginEraseRoute(t *testing.T) {
	e := wctest.StartTLS(t, wctest.Options{Now: func() time.Time { return storeNow }})
	s := e.SeedErasure()
	secret := woocommerce.NewPluginSecret()
	e.InstallPlugin(secret)
	c, _ := client(t, e, func(cfg *woocommerce.Config) {
		cfg.PluginSecret, cfg.Now = secret, func() time.Time { return storeNow }
	})
	before, _ := e.Order(s.Lapsed)
	all := []string{woocommerce.PluginIPAddress, woocommerce.PluginUserAgent, woocommerce.PluginBillingEmail, woocommerce.PluginBillingPhone,
		woocommerce.PluginShippingAddress, woocommerce.PluginCustomerNote, woocommerce.PluginOrderMeta}
	in := woocommerce.PluginErasure{Email: s.Email, Analytics: true, Comments: true,
		Orders: []woocommerce.PluginEraseOrder{{ID: s.Lapsed, Fields: all}, {ID: s.GuestRecent, Fields: []string{woocommerce.PluginOrderMeta}}, {ID: 999999, Fields: all}}}
	out, err := c.PluginErase(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Orders) != 2 || !slices.Equal(out.Missing, []int64{999999}) || out.Analytics != "anonymized" || out.Comments == nil || out.Comments.Removed != 1 {
		t.Fatalf("answer %+v", out)
	}
	lapsed := out.Orders[0]
	if !slices.Equal(lapsed.Erased, []string{"billing_email", "billing_phone", "ip_address", "shipping_address", "user_agent"}) ||
		!slices.Equal(lapsed.Empty, []string{"customer_note", "meta"}) {
		t.Fatalf("order %d: erased %v empty %v", lapsed.ID, lapsed.Erased, lapsed.Empty)
	}
	if guest := out.Orders[1]; !slices.Equal(guest.Erased, []string{"meta"}) {
		t.Fatalf("guest order: %+v", guest)
	}
	after, _ := e.Order(s.Lapsed)
	if after.Total != before.Total || after.TotalTax != before.TotalTax || after.Recalculations != 0 || !slices.Equal(after.TaxLines, before.TaxLines) {
		t.Fatalf("totals changed: %v/%v → %v/%v", before.Total, before.TotalTax, after.Total, after.TotalTax)
	}
	wantBilling := before.Billing
	wantBilling.Email, wantBilling.Phone = "deleted@site.invalid", ""
	if after.Billing != wantBilling {
		t.Fatalf("billing %+v", after.Billing)
	}
	if after.Shipping != (wctest.Shipping{Country: "DE", Postcode: "01099"}) || after.CustomerIPAddress != "0.0.0.0" {
		t.Fatalf("shipping %+v ip %q", after.Shipping, after.CustomerIPAddress)
	}
	guest, _ := e.Order(s.GuestRecent)
	for _, m := range guest.MetaData {
		if m.Key == "Transaction ID" || m.Value == "Erika" || m.Value == s.Email {
			t.Errorf("payer meta %s=%v", m.Key, m.Value)
		}
	}
	// Again: nothing erased twice.
	again, err := c.PluginErase(ctx, in)
	if err != nil || len(again.Orders[0].Erased) != 0 || len(again.Orders[1].Erased) != 0 || again.Analytics != "absent" || again.Comments.Removed != 0 {
		t.Fatalf("second answer %+v %v", again, err)
	}
	for k, n := range e.Stats().Effects {
		if n != 1 {
			t.Errorf("%s %d times", k, n)
		}
	}
	// An unknown field is refused, nothing erased.
	_, err = c.PluginErase(ctx, woocommerce.PluginErasure{Orders: []woocommerce.PluginEraseOrder{{ID: s.Recent, Fields: []string{"billing_address"}}}})
	if !errors.Is(err, woocommerce.ErrInvalid) {
		t.Fatalf("unknown field: %v", err)
	}
	if o, _ := e.Order(s.Recent); o.Billing.Email != s.Email {
		t.Fatal("a refused call erased")
	}
}
