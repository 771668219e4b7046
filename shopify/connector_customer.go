package shopify

import (
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/shopify/admin"
)

// customerItems: the account (profile, addresses, tags, note, metafields,
// locale, dates), and per marketing channel with a consent a subscription
// (while it runs) and the proof that consent was given (once it was).
func (m *mapper) customerItems(c *admin.Customer) []gdpr.Item {
	items := []gdpr.Item{m.accountItem(c)}
	if e := c.DefaultEmailAddress; e != nil {
		items = append(items, m.consentItems(c.ID, consent{
			channel: "email", contactKey: retention.FieldEmail, contact: e.EmailAddress,
			state: e.MarketingState, level: e.MarketingOptInLevel, updated: e.MarketingUpdatedAt,
		}, c.CreatedAt)...)
	}
	if p := c.DefaultPhoneNumber; p != nil {
		items = append(items, m.consentItems(c.ID, consent{
			channel: "sms", contactKey: "phone", contact: p.PhoneNumber,
			state: p.SMSMarketingConsent.State, level: p.SMSMarketingConsent.OptInLevel,
			updated: p.SMSMarketingConsent.UpdatedAt, collectedFrom: p.SMSMarketingConsent.CollectedFrom,
		}, c.CreatedAt)...)
	}
	return items
}

func (m *mapper) accountItem(c *admin.Customer) gdpr.Item {
	f := fields{}
	f.Set("first_name", c.FirstName)
	f.Set("last_name", c.LastName)
	f.Set("display_name", c.DisplayName)
	f.Set("email", c.Email())
	f.Set("phone", c.Phone())
	f.Set("locale", c.Locale)
	f.Set("state", c.State)
	f.Set("note", c.Note)
	f.Set("tags", c.Tags)
	f["verified_email"] = c.VerifiedEmail
	f["tax_exempt"] = c.TaxExempt
	f["data_sale_opt_out"] = c.DataSaleOptOut
	f["number_of_orders"] = uint64(c.NumberOfOrders)
	if c.AmountSpent.Amount != "" {
		f["amount_spent"] = map[string]any{"amount": decStr(dec(c.AmountSpent.Amount)), "currency": c.AmountSpent.CurrencyCode}
	}
	f.Set("created_at", m.stamp(c.CreatedAt))
	f.Set("updated_at", m.stamp(c.UpdatedAt))
	f.Set("default_address", address(c.DefaultAddress))
	var addrs, mfs []map[string]any
	for i := range c.Addresses {
		a := &c.Addresses[i]
		row := address(a)
		if row == nil {
			row = map[string]any{}
		}
		if a.Phone != "" {
			row["phone"] = a.Phone
		}
		if a.ID != "" {
			row["id"] = a.ID
		}
		addrs = append(addrs, row)
	}
	f.Set("addresses", addrs)
	for _, mf := range c.Metafields {
		mfs = append(mfs, map[string]any{
			"namespace": mf.Namespace, "key": mf.Key, "type": mf.Type, "value": mf.Value, "updated_at": m.stamp(mf.UpdatedAt),
		})
	}
	f.Set("metafields", mfs)
	if e := c.DefaultEmailAddress; e != nil {
		f.Set("email_marketing_consent", consentSummary(m, e.MarketingState, e.MarketingOptInLevel, e.MarketingUpdatedAt))
	}
	if p := c.DefaultPhoneNumber; p != nil {
		s := p.SMSMarketingConsent
		f.Set("sms_marketing_consent", consentSummary(m, s.State, s.OptInLevel, s.UpdatedAt))
	}
	return gdpr.Item{System: System, RecordType: retention.CustomerAccount, RecordID: c.ID, Fields: f, Date: m.date(c.CreatedAt)}
}

func consentSummary(m *mapper, state, level string, updated time.Time) map[string]any {
	f := fields{}
	f.Set("state", state)
	f.Set("opt_in_level", level)
	f.Set("updated_at", m.stamp(updated))
	return f
}

// consent is one marketing channel's consent as Shopify records it.
type consent struct {
	channel, contactKey, contact string
	state, level, collectedFrom  string
	updated                      time.Time
}

// Marketing states (CustomerEmailMarketingState, CustomerSmsMarketingState).
const (
	stateSubscribed   = "SUBSCRIBED"
	statePending      = "PENDING" // double opt-in asked, not confirmed yet
	stateUnsubscribed = "UNSUBSCRIBED"
)

// consentItems: a newsletter_subscription while the channel is subscribed
// or pending; a marketing_consent_proof once consent was given
// (subscribed now, or unsubscribed — then ConsentEnded is the day it
// ended). Not subscribed (never), redacted or invalid: neither.
func (m *mapper) consentItems(customerID string, c consent, created time.Time) []gdpr.Item {
	date := m.date(c.updated)
	if date.IsZero() {
		date = m.date(created)
	}
	var items []gdpr.Item
	if c.state == stateSubscribed || c.state == statePending {
		f := fields{"channel": c.channel}
		f.Set(c.contactKey, c.contact)
		f.Set("marketing_state", c.state)
		f.Set("opt_in_level", c.level)
		f.Set("updated_at", m.stamp(c.updated))
		f.Set("collected_from", c.collectedFrom)
		items = append(items, gdpr.Item{System: System, RecordType: retention.NewsletterSubscription, RecordID: customerID, Fields: f, Date: date})
	}
	if c.state != stateSubscribed && c.state != stateUnsubscribed {
		return items
	}
	f := fields{"channel": c.channel}
	f.Set(c.contactKey, c.contact)
	f.Set("marketing_state", c.state)
	f.Set("opt_in_level", c.level)
	proof := gdpr.Item{System: System, RecordType: retention.MarketingConsentProof, RecordID: customerID, Fields: f, Date: date}
	switch {
	case c.state == stateUnsubscribed:
		f.Set(retention.FieldConsentEndedAt, m.stamp(c.updated))
		proof.ConsentEnded = m.datePtr(c.updated)
		if proof.ConsentEnded == nil { // ended, but Shopify does not say when: count from the record's date
			proof.ConsentEnded = &date
		}
	case c.level == "CONFIRMED_OPT_IN":
		f.Set(retention.FieldConsentConfirmed, m.stamp(c.updated))
	default:
		f.Set(retention.FieldConsentGivenAt, m.stamp(c.updated))
	}
	return append(items, proof)
}
