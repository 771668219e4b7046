package admin

import "time"

// DiscoveryFulfillment is a shipment as discovery reads it: when it was
// created (shipped) and, where Shopify knows it, delivered.
type DiscoveryFulfillment struct {
	Status       string         `json:"status"`
	CreatedAt    time.Time      `json:"createdAt"`
	DeliveredAt  *time.Time     `json:"deliveredAt"`
	TrackingInfo []TrackingInfo `json:"trackingInfo"`
}

// DiscoveryOrder is an order with everything an access answer needs, read
// in one paged query: Order's fields (amounts in the shop's currency only;
// LineItems holds every line item, following their pages), the
// fulfilments with their delivery dates, and the returns' statuses.
type DiscoveryOrder struct {
	Order
	Fulfillments []DiscoveryFulfillment `json:"fulfillments"`
}

// discoveryOrderJSON is the wire shape of the DiscoveryOrder fragment.
type discoveryOrderJSON struct {
	Order
	Fulfillments []DiscoveryFulfillment `json:"fulfillments"`
	LineItemsC   Page[LineItem]         `json:"lineItems"`
	ReturnsC     struct {
		Nodes []Return `json:"nodes"`
	} `json:"returns"`
}
