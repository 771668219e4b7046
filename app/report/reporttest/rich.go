package reporttest

import (
	"fmt"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/classify"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/store"
)

// RichToday is the day the rich customer's answer is built.
var RichToday = gdpr.MustDate(2026, 2, 10)

// RichShop is a Bavarian shop with its legal name, full address, website
// and a data-protection officer, not stored.
func RichShop() *store.Shop {
	return &store.Shop{
		ID: 1, Platform: "shopify", Domain: "kaffee.myshopify.com", Name: "Kaffee Beispiel",
		Country: "DE", Region: "BY", Timezone: "Europe/Berlin", Locale: "de",
		Email: "datenschutz@kaffee.example", Website: "https://kaffee.example",
		Address:  `{"company":"Kaffeerösterei Beispiel GmbH","street":"Hauptstraße 5","postcode":"90402","city":"Nürnberg","country":"DE"}`,
		Settings: `{"dpo":{"name":"Dr. Erika Muster","email":"dsb@kaffee.example","phone":"+49 911 555 0100"}}`,
	}
}

// RichRequest is an access request of the rich customer, not stored.
func RichRequest(sh *store.Shop) *store.Request {
	return &store.Request{
		ID: 42, ShopID: sh.ID, Type: store.TypeAccess, Source: "shopify", Locale: "de",
		Subject:    store.Subject{Email: "jane.doe@example.com", Name: "Jane Doe", CustomerID: "gid://shopify/Customer/7"},
		ReceivedAt: time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC),
		DueAt:      store.DayOf(2026, 3, 2),
	}
}

// RichItems are the records of a customer with n orders over the years up
// to RichToday as the Shopify connector maps them (the same record types,
// field names and values): her account with two addresses and an e-mail
// consent, the newsletter subscription and its proof, and per order the
// invoice (when paid), the order confirmation, the payment record, the
// technical data, the warranty data (when shipped) and, for the last
// three, the open order; every tenth order cancelled and refunded; paid by
// Shopify Payments, PayPal, Klarna or bank transfer; shipped by DHL or DPD.
func RichItems(n int) []gdpr.Item {
	customer := "gid://shopify/Customer/7"
	home := map[string]any{"name": "Jane Doe", "address1": "Musterweg 1", "zip": "10115", "city": "Berlin", "country": "Germany", "country_code": "DE"}
	office := map[string]any{"name": "Jane Doe", "company": "Doe Consulting", "address1": "Büroallee 9", "zip": "80331", "city": "München", "province": "Bayern", "country": "Germany", "country_code": "DE"}
	seller := "Kaffeerösterei Beispiel GmbH"
	sellerAddr := "Hauptstraße 5, 90402 Nürnberg, Deutschland"
	consentAt := "2021-03-01T10:11:12Z"
	items := []gdpr.Item{
		{System: "shopify", RecordType: retention.CustomerAccount, RecordID: customer, Date: gdpr.MustDate(2021, 3, 1), Fields: map[string]any{
			"first_name": "Jane", "last_name": "Doe", "display_name": "Jane Doe", "email": "jane.doe@example.com", "phone": "+49 170 1234567",
			"locale": "de", "state": "ENABLED", "note": "Stammkundin", "tags": []any{"vip", "newsletter"},
			"verified_email": true, "tax_exempt": false, "data_sale_opt_out": false, "number_of_orders": n,
			"amount_spent": map[string]any{"amount": "41230.50", "currency": "EUR"},
			"created_at":   "2021-03-01T10:11:12+01:00", "updated_at": "2026-01-20T08:00:00+01:00",
			"default_address": home, "addresses": []any{home, office},
			"metafields":              []any{map[string]any{"namespace": "custom", "key": "roast", "type": "single_line_text_field", "value": "dunkel", "updated_at": "2024-05-01T09:00:00+02:00"}},
			"email_marketing_consent": map[string]any{"state": "SUBSCRIBED", "opt_in_level": "CONFIRMED_OPT_IN", "updated_at": consentAt},
		}},
		{System: "shopify", RecordType: retention.NewsletterSubscription, RecordID: customer, Date: gdpr.MustDate(2021, 3, 1), Fields: map[string]any{
			"channel": "email", "email": "jane.doe@example.com", "marketing_state": "SUBSCRIBED", "opt_in_level": "CONFIRMED_OPT_IN", "updated_at": consentAt,
		}},
		{System: "shopify", RecordType: retention.MarketingConsentProof, RecordID: customer, Date: gdpr.MustDate(2021, 3, 1), Fields: map[string]any{
			"channel": "email", "email": "jane.doe@example.com", "marketing_state": "SUBSCRIBED", "opt_in_level": "CONFIRMED_OPT_IN", "consent_confirmed_at": consentAt,
		}},
		{System: "lethe", RecordType: retention.RequestRecord, RecordID: "request-17", Date: gdpr.MustDate(2025, 6, 2), Fields: map[string]any{
			"request_type": "access", "request_status": "answered", "received_at": "2025-05-20T09:00:00Z", "due_at": "2025-06-20",
		}},
	}
	gateways := []string{"shopify_payments", "paypal", "klarna", "Vorkasse"}
	carriers := []string{"DHL", "DPD"}
	start := RichToday.AddDays(-4 * 365)
	for i := 0; i < n; i++ {
		day := start.AddDays(i * 4 * 365 / max(n, 1))
		id := fmt.Sprintf("gid://shopify/Order/%d", 5000000+i)
		number := fmt.Sprintf("#%d", 1001+i)
		gw, carrier := gateways[i%len(gateways)], carriers[i%len(carriers)]
		total := fmt.Sprintf("%d.%02d", 20+i%80, (i*37)%100)
		net := fmt.Sprintf("%d.%02d", 16+i%66, (i*13)%100)
		lines := []any{
			map[string]any{"description": "Espresso Bohnen 1 kg", "quantity": 1 + i%3, "unit": "piece", "unit_price_net": "16.72", "net_amount": net, "tax_rate": "7", "sku": "ESP-1000"},
			map[string]any{"description": "Shipping", "quantity": 1, "unit": "piece", "unit_price_net": "4.12", "net_amount": "4.12", "tax_rate": "19"},
		}
		open := i >= n-3
		cancelled := i%10 == 9 && !open
		financial, fulfillment := "PAID", "FULFILLED"
		switch {
		case open:
			financial, fulfillment = "PENDING", "UNFULFILLED"
		case cancelled:
			financial, fulfillment = "REFUNDED", "UNFULFILLED"
		}
		disclosed := []gdpr.Disclosure{{Kind: gdpr.DisclosedPayment, Name: gw}}
		if fulfillment == "FULFILLED" {
			disclosed = append(disclosed, gdpr.Disclosure{Kind: gdpr.DisclosedCarrier, Name: carrier})
		}
		base := func(rt retention.RecordType, f map[string]any) gdpr.Item {
			return gdpr.Item{System: "shopify", RecordType: rt, RecordID: id, Date: day, Fields: f, Open: open, Disclosed: disclosed}
		}
		var order []gdpr.Item
		if financial != "PENDING" {
			order = append(order, base(retention.Invoice, map[string]any{
				"seller_name": seller, "seller_address": sellerAddr, "buyer_name": "Jane Doe", "buyer_address": home,
				"invoice_date": day.String(), "invoice_number": number, "line_items": lines,
				"net_amounts": map[string]any{"7": net, "19": "4.12"}, "tax_rates": []any{"7", "19"},
				"tax_amounts": map[string]any{"7": "1.17", "19": "0.78"}, "currency": "EUR", "delivery_date": day.AddDays(1).String(),
			}))
		}
		conf := map[string]any{
			"order_number": number, "order_date": day.String(), "seller_name": seller, "seller_address": sellerAddr,
			"buyer_name": "Jane Doe", "buyer_address": home, "shipping_address": home, "line_items": lines,
			"total_amount": total, "currency": "EUR", "payment_method": gw, "email": "jane.doe@example.com", "phone": "+49 170 1234567",
			"tags": []any{"web"}, "financial_status": financial, "fulfillment_status": fulfillment,
		}
		if cancelled {
			conf["cancelled_at"] = day.AddDays(2).String() + "T10:00:00+01:00"
		}
		order = append(order, base(retention.OrderConfirmation, conf))
		if financial != "PENDING" {
			pt := "payment"
			if cancelled {
				pt = "payment, refund"
			}
			order = append(order, base(retention.PaymentRecord, map[string]any{
				"payment_date": day.String(), "payment_type": pt, "amount": total, "currency": "EUR", "payment_method": gw,
				"invoice_number": number, "order_number": number, "payer_name": "Jane Doe", "financial_status": financial, "payment_gateways": []any{gw},
			}))
		}
		order = append(order, base(retention.TechnicalData, map[string]any{
			"client_ip": fmt.Sprintf("203.0.113.%d", i%250+1), "customer_locale": "de-DE", "order_number": number,
		}))
		if fulfillment == "FULFILLED" {
			w := base(retention.WarrantyData, map[string]any{
				"order_number": number, "buyer_name": "Jane Doe", "line_items": lines, "delivery_date": day.AddDays(3).String(),
				"total_amount": total, "currency": "EUR", "carriers": []any{carrier}, "tracking_numbers": []any{fmt.Sprintf("00340434%010d", i)},
				"delivery_date_basis": "delivered",
			})
			d := day.AddDays(3)
			w.Delivered = &d
			order = append(order, w)
		}
		if open {
			order = append(order, base(retention.OpenOrder, map[string]any{
				"order_number": number, "order_date": day.String(), "open_reasons": []any{"unpaid", "unfulfilled"},
				"financial_status": financial, "fulfillment_status": fulfillment, "buyer_name": "Jane Doe", "buyer_address": home,
				"shipping_address": home, "email": "jane.doe@example.com", "phone": "+49 170 1234567", "line_items": lines,
				"total_amount": total, "currency": "EUR",
			}))
		}
		items = append(items, order...)
	}
	return items
}

// Rich builds the report of a customer with n orders (RichItems) the way
// the answer step does: classified as of RichToday for RichShop, answered
// in both languages, built.
func Rich(n int) (*report.Report, error) {
	sh := RichShop()
	r := RichRequest(sh)
	place := gdpr.Place{Country: "DE", Region: "BY"}
	entries, err := classify.Classify(RichItems(n), classify.Context{Today: RichToday, Place: place, Rules: retention.DE(), Platform: "shopify"})
	if err != nil {
		return nil, err
	}
	auth, err := answer.DefaultAuthorities().For(place)
	if err != nil {
		return nil, err
	}
	answers := map[string]answer.Answer{}
	for _, lang := range report.Languages {
		answers[lang] = classify.Answer(entries, lang, auth, true)
	}
	return report.Build(report.Input{Request: r, Shop: sh, Entries: entries, Answers: answers, Found: true, GeneratedAt: Generated})
}
