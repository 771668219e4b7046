package classify

import (
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// Context is what classification needs to know besides the items: the day
// (storage periods are evaluated as of it), the shop's seat, its rule set
// and the merchant's retention overrides, its platform, and the recipients
// of the data.
type Context struct {
	Today     gdpr.Date
	Place     gdpr.Place
	Rules     retention.Set
	Overrides []retention.Override
	// Platform is the shop's platform ("shopify"); items of that system get
	// the platform's default recipients.
	Platform string
	// FoundRecipients were learned from the data by the connectors: payment
	// providers (Category "payment provider") go to payment, order and
	// invoice items, carriers ("carrier") to order and warranty items, any
	// other category to every item.
	FoundRecipients []answer.Recipient
	// ShopRecipients are the ones the merchant configured (a tax adviser,
	// a fulfilment partner …).
	ShopRecipients []ShopRecipient
}

// ShopRecipient is a recipient the merchant configured; RecordTypes
// limits it to those record types (empty: every item).
type ShopRecipient struct {
	answer.Recipient
	RecordTypes []gdpr.RecordType `json:"record_types,omitempty"`
}
