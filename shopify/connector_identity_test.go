package shopify_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/shopify"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// Discovery tells which of a request's identifiers belong to another
// person than its e-mail address, and the address Shopify holds (issue 12).
func TestDiscoverIdentity(t *testing.T) {
	f := newDiscoveryFixture(t, shopifytest.ShopOptions{}, shopifytest.NewAutoClock(discoveryT0))
	j := seedJane(f)
	c := shopify.NewConnector(f.client(t), f.shop)
	const attacker = "attacker@evil.example"
	janeID := fmt.Sprint(j.customer)
	for _, tc := range []struct {
		name     string
		subject  connect.Subject
		mismatch []string
		contact  string
	}{
		{"id and her address", connect.Subject{CustomerID: janeID, Email: janeEmail}, nil, janeEmail},
		{"her address only", connect.Subject{Email: janeEmail}, nil, janeEmail},
		{"her address in capitals", connect.Subject{CustomerID: janeID, Email: strings.ToUpper(janeEmail)}, nil, janeEmail},
		{"her orders with her address", connect.Subject{Email: janeEmail, OrderIDs: []string{fmt.Sprint(j.paid2021), fmt.Sprint(j.guest2025)}}, nil, janeEmail},
		{"her id with another address", connect.Subject{CustomerID: janeID, Email: attacker}, []string{"customer_id"}, janeEmail},
		{"her id and order with another address", connect.Subject{CustomerID: janeID, Email: attacker, OrderIDs: []string{fmt.Sprint(j.paid2021)}},
			[]string{"customer_id", "order_ids"}, janeEmail},
		{"her order with another address", connect.Subject{Email: attacker, OrderIDs: []string{fmt.Sprint(j.paid2021)}}, []string{"order_ids"}, janeEmail},
		{"another customer's order with her address", connect.Subject{Email: janeEmail, OrderIDs: []string{fmt.Sprint(j.others)}}, []string{"order_ids"}, janeEmail},
		{"her phone with another address", connect.Subject{Phone: "+4930123456", Email: attacker}, []string{"phone"}, janeEmail},
		{"a stranger", connect.Subject{Email: attacker}, nil, ""},
		{"an order that does not exist", connect.Subject{Email: attacker, OrderIDs: []string{"999999"}}, nil, ""},
	} {
		res, err := c.Discover(context.Background(), tc.subject)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !slices.Equal(res.Identity.Mismatch, tc.mismatch) || res.Identity.Contact != tc.contact {
			t.Errorf("%s: identity %+v, want mismatch %v contact %q", tc.name, res.Identity, tc.mismatch, tc.contact)
		}
	}
}
