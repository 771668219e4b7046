package requests

import "github.com/lethe-gdpr/lethe/app/store"

// ChannelShop is the channel of a request the person did not make: the
// shop started it itself, as when it erases records it no longer needs
// (their retention period ended: Art. 5(1)(e), 17(1)(a) GDPR). The e-mails
// to the person then speak of an erasure the shop carried out of its own
// accord, never of "your request". It is not a channel the merchant can
// choose at the intake.
const ChannelShop = "shop"

// ShopInitiated reports whether the shop started r itself (ChannelShop).
func ShopInitiated(r *store.Request) bool { return r.Channel == ChannelShop }
