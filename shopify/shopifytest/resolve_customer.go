package shopifytest

import (
	"strconv"
	"strings"
)

// customerObject is the Customer object; nil customer → null.
func (e *Emulator) customerObject(sh *shop, c *Customer) map[string]any {
	if c == nil {
		return nil
	}
	var spent int64
	count := 0
	for _, id := range sh.orderIDs {
		if o := sh.orders[id]; o.CustomerID == c.ID {
			count++
			if o.CancelledAt.IsZero() {
				spent += orderTotals(o).total
			}
		}
	}
	var def *Address
	if len(c.Addresses) > 0 {
		def = &c.Addresses[0]
	}
	return map[string]any{
		"__typename":            "Customer",
		"id":                    GID("Customer", c.ID),
		"legacyResourceId":      strconv.FormatInt(c.ID, 10),
		"firstName":             nullable(c.FirstName),
		"lastName":              nullable(c.LastName),
		"displayName":           displayName(c),
		"email":                 nullable(c.Email),
		"phone":                 nullable(c.Phone),
		"locale":                c.Locale,
		"createdAt":             dateTime(c.CreatedAt),
		"updatedAt":             dateTime(c.UpdatedAt),
		"state":                 c.State,
		"note":                  nullable(c.Note),
		"tags":                  orEmpty(c.Tags),
		"verifiedEmail":         c.VerifiedEmail,
		"taxExempt":             c.TaxExempt,
		"dataSaleOptOut":        c.DataSaleOptOut,
		"numberOfOrders":        strconv.Itoa(count), // UnsignedInt64 is a JSON string
		"amountSpent":           moneyV2(spent, sh.opts.Currency),
		"defaultEmailAddress":   defaultEmailAddress(c),
		"defaultPhoneNumber":    defaultPhoneNumber(c),
		"emailMarketingConsent": emailConsent(c),
		"smsMarketingConsent":   smsConsent(c),
		"defaultAddress":        addressObject(def, "CustomerAddress"),
		"addressesV2": lazy(func(args map[string]any) (any, error) {
			ptrs := make([]*Address, len(c.Addresses))
			for i := range c.Addresses {
				ptrs[i] = &c.Addresses[i]
			}
			return connection(ptrs, args, func(a *Address) int64 { return a.ID }, func(a *Address) map[string]any { return addressObject(a, "CustomerAddress") })
		}),
		"addresses": lazy(func(args map[string]any) (any, error) {
			out := []any{}
			n, limited := intArg(args, "first")
			for i := range c.Addresses {
				if limited && i >= n {
					break
				}
				out = append(out, addressObject(&c.Addresses[i], "CustomerAddress"))
			}
			return out, nil
		}),
		"metafields": lazy(func(args map[string]any) (any, error) {
			ns := stringArg(args, "namespace")
			var list []*Metafield
			for i := range c.Metafields {
				if ns == "" || c.Metafields[i].Namespace == ns {
					list = append(list, &c.Metafields[i])
				}
			}
			return connection(list, args, func(m *Metafield) int64 { return m.ID }, metafieldObject)
		}),
		"orders": lazy(func(args map[string]any) (any, error) {
			return e.ordersConnection(sh, args, func(o *Order) bool { return o.CustomerID == c.ID })
		}),
	}
}

func displayName(c *Customer) string {
	if n := strings.TrimSpace(c.FirstName + " " + c.LastName); n != "" {
		return n
	}
	if c.Email != "" {
		return c.Email
	}
	return c.Phone
}

func metafieldObject(m *Metafield) map[string]any {
	return map[string]any{
		"__typename": "Metafield",
		"id":         GID("Metafield", m.ID),
		"namespace":  m.Namespace,
		"key":        m.Key,
		"type":       m.Type,
		"value":      m.Value,
		"createdAt":  dateTime(m.CreatedAt),
		"updatedAt":  dateTime(m.UpdatedAt),
	}
}

func consentState(s string) string {
	if s == "" {
		return "NOT_SUBSCRIBED"
	}
	return s
}

func defaultEmailAddress(c *Customer) map[string]any {
	if c.Email == "" {
		return nil
	}
	return map[string]any{
		"emailAddress":        c.Email,
		"marketingState":      consentState(c.EmailMarketing.State),
		"marketingOptInLevel": nullable(c.EmailMarketing.OptInLevel),
		"marketingUpdatedAt":  dateTime(c.EmailMarketing.UpdatedAt),
		"validFormat":         strings.Contains(c.Email, "@"),
		"sourceLocation":      nil,
	}
}

func defaultPhoneNumber(c *Customer) map[string]any {
	if c.Phone == "" {
		return nil
	}
	sms := map[string]any{
		"state":          consentState(c.SMSMarketing.State),
		"optInLevel":     nullable(c.SMSMarketing.OptInLevel),
		"updatedAt":      dateTime(c.SMSMarketing.UpdatedAt),
		"collectedFrom":  "SHOPIFY",
		"sourceLocation": nil,
	}
	return map[string]any{
		"phoneNumber":            c.Phone,
		"smsMarketingConsent":    sms,
		"marketingState":         sms["state"],
		"marketingOptInLevel":    sms["optInLevel"],
		"marketingUpdatedAt":     sms["updatedAt"],
		"marketingCollectedFrom": "SHOPIFY",
		"sourceLocation":         nil,
	}
}

func emailConsent(c *Customer) map[string]any {
	if c.Email == "" {
		return nil
	}
	return map[string]any{
		"marketingState":      consentState(c.EmailMarketing.State),
		"marketingOptInLevel": nullable(c.EmailMarketing.OptInLevel),
		"consentUpdatedAt":    dateTime(c.EmailMarketing.UpdatedAt),
		"sourceLocation":      nil,
	}
}

func smsConsent(c *Customer) map[string]any {
	if c.Phone == "" {
		return nil
	}
	level := c.SMSMarketing.OptInLevel
	if level == "" {
		level = "UNKNOWN"
	}
	return map[string]any{
		"marketingState":       consentState(c.SMSMarketing.State),
		"marketingOptInLevel":  level,
		"consentUpdatedAt":     dateTime(c.SMSMarketing.UpdatedAt),
		"consentCollectedFrom": "SHOPIFY",
		"sourceLocation":       nil,
	}
}
