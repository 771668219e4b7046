package answer

import (
	"sort"
	"strings"
	"unicode"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// Recipient categories (Art. 15(1)(c) GDPR) in the answer's canonical
// English; package classify writes them in German.
const (
	CategoryPaymentProvider = "payment provider"
	CategoryCarrier         = "carrier"
	CategoryBank            = "the shop's bank (payment by bank transfer)"
	CategoryOnward          = "onward transfer within the provider's group or to its processors"
)

// Transfer safeguards (Art. 15(2), 45, 46 GDPR) in canonical English;
// package classify writes them in German.
const (
	// Commission Implementing Decision (EU) 2023/1795 of 10 July 2023 on the
	// EU-US Data Privacy Framework; it covers only organisations on the
	// Department of Commerce's list (https://www.dataprivacyframework.gov/list).
	SafeguardDPF = "adequacy decision (EU) 2023/1795, EU-US Data Privacy Framework (Art. 45 GDPR)"
	// Commission Decision 2002/2/EC of 20 December 2001 (Canada, PIPEDA:
	// commercial organisations), confirmed in the Commission's review of
	// 15 January 2024.
	SafeguardCanada = "adequacy decision 2002/2/EC of the European Commission (Canada)"
	// Binding corporate rules approved by the lead authority (Art. 47 GDPR).
	SafeguardBCR = "binding corporate rules (Art. 46(2)(b), 47 GDPR)"
	// Commission Implementing Decision (EU) 2021/914 of 4 June 2021.
	SafeguardSCC = "standard contractual clauses of the European Commission (Art. 46(2)(c) GDPR)"
)

// Provider is a service shops disclose customer data to, as shop systems
// record it (a payment gateway's code, a carrier's name), with the legal
// entity that receives the data, its country and, for onward transfers to
// third countries, their safeguard. It is data, not a decision: the names
// and safeguards are the providers' own published statements (sources on
// each entry), compiled 2026-12; they change, so a merchant-configured
// recipient (Settings.Recipients) can add to them.
type Provider struct {
	Key     string
	Kind    string   // gdpr.DisclosedPayment or gdpr.DisclosedCarrier
	Aliases []string // names as systems record them, normalised (see normal)
	// Bank: the method is a bank transfer (Vorkasse): the recipient is the
	// shop's own bank, which no system names.
	Bank bool
	// None: the method discloses nothing to anybody (a gift card, the test
	// gateway, a payment marked by hand).
	None      bool
	Recipient Recipient   // the entity the shop discloses to (empty for Bank, None)
	Onward    []Recipient // its onward transfers to third countries
}

// providers is the table of known providers.
var providers = []Provider{
	// Shopify Payments in the EU is provided by Stripe Payments Europe,
	// Limited, Dublin (Shopify Payments terms, Germany); Stripe transfers
	// to Stripe, Inc. (USA), which is certified under the EU-US Data
	// Privacy Framework (https://stripe.com/legal/privacy-center#data-privacy-framework;
	// https://www.dataprivacyframework.gov/list).
	{Key: "stripe", Kind: gdpr.DisclosedPayment, Aliases: []string{"stripe", "shopify_payments", "apple_pay", "google_pay"},
		Recipient: Recipient{Name: "Stripe Payments Europe, Limited", Category: CategoryPaymentProvider, Country: "IE"},
		Onward:    []Recipient{{Name: "Stripe, Inc.", Category: CategoryOnward, Country: "US", ThirdCountry: true, Safeguards: SafeguardDPF}}},
	// PayPal (Europe) S.à r.l. et Cie, S.C.A., Luxembourg, is the controller
	// for the EEA (PayPal privacy statement, section "Who we are"); transfers
	// within the PayPal group rest on its binding corporate rules approved by
	// the CNPD Luxembourg (PayPal privacy statement, "Binding Corporate
	// Rules"; https://www.paypal.com/de/legalhub/privacy-full).
	{Key: "paypal", Kind: gdpr.DisclosedPayment, Aliases: []string{"paypal", "paypal_express", "paypal_express_checkout", "braintree"},
		Recipient: Recipient{Name: "PayPal (Europe) S.à r.l. et Cie, S.C.A.", Category: CategoryPaymentProvider, Country: "LU"},
		Onward:    []Recipient{{Name: "PayPal, Inc.", Category: CategoryOnward, Country: "US", ThirdCountry: true, Safeguards: SafeguardBCR}}},
	// Klarna Bank AB (publ), Stockholm; transfers outside the EU/EEA to its
	// processors on standard contractual clauses or adequacy decisions
	// (Klarna privacy notice, "Transfers to third countries";
	// https://www.klarna.com/de/datenschutz/). Sofort is Klarna's.
	{Key: "klarna", Kind: gdpr.DisclosedPayment, Aliases: []string{"klarna", "klarna_payments", "sofort", "sofortueberweisung", "sofort_ueberweisung"},
		Recipient: Recipient{Name: "Klarna Bank AB (publ)", Category: CategoryPaymentProvider, Country: "SE"},
		Onward:    []Recipient{{Name: "Klarna's processors outside the EU/EEA", Category: CategoryOnward, ThirdCountry: true, Safeguards: SafeguardSCC}}},
	// Amazon Payments Europe S.C.A., Luxembourg; Amazon.com Services LLC is
	// certified under the EU-US Data Privacy Framework
	// (https://pay.amazon.de/help/201212490; https://www.dataprivacyframework.gov/list).
	{Key: "amazon_pay", Kind: gdpr.DisclosedPayment, Aliases: []string{"amazon_pay", "amazon_payments"},
		Recipient: Recipient{Name: "Amazon Payments Europe S.C.A.", Category: CategoryPaymentProvider, Country: "LU"},
		Onward:    []Recipient{{Name: "Amazon.com Services LLC", Category: CategoryOnward, Country: "US", ThirdCountry: true, Safeguards: SafeguardDPF}}},
	// Mollie B.V., Amsterdam (https://www.mollie.com/de/privacy).
	{Key: "mollie", Kind: gdpr.DisclosedPayment, Aliases: []string{"mollie"},
		Recipient: Recipient{Name: "Mollie B.V.", Category: CategoryPaymentProvider, Country: "NL"}},
	// Bank transfer ("Vorkasse"): the money and the payer's name and IBAN
	// reach the shop's own bank; a payment method, not a provider.
	{Key: "bank_transfer", Kind: gdpr.DisclosedPayment, Bank: true, Aliases: []string{
		"bank_transfer", "bank_deposit", "vorkasse", "überweisung", "ueberweisung", "banküberweisung", "bankueberweisung",
		"money_order", "prepayment", "sepa_überweisung", "sepa_transfer"}},
	// Nobody receives data: a gift card, Shopify's test gateway, cash on
	// delivery (the carrier that collects is named as carrier), a payment
	// marked by hand.
	{Key: "none", Kind: gdpr.DisclosedPayment, None: true, Aliases: []string{
		"gift_card", "bogus", "manual", "cash_on_delivery", "cash_on_delivery_(cod)", "cod", "nachnahme", "cash", "barzahlung"}},

	// Carriers, by the names shop systems record as tracking company.
	// DHL Paket GmbH, Bonn (https://www.dhl.de/de/toolbar/footer/datenschutz.html).
	{Key: "dhl", Kind: gdpr.DisclosedCarrier, Aliases: []string{"dhl", "dhl_paket", "dhl_germany", "dhl_de", "deutsche_post", "deutsche_post_dhl"},
		Recipient: Recipient{Name: "DHL Paket GmbH", Category: CategoryCarrier, Country: "DE"}},
	// DHL Express Germany GmbH, Bonn (https://www.dhl.com/de-de/home/fusszeile/datenschutz.html).
	{Key: "dhl_express", Kind: gdpr.DisclosedCarrier, Aliases: []string{"dhl_express"},
		Recipient: Recipient{Name: "DHL Express Germany GmbH", Category: CategoryCarrier, Country: "DE"}},
	// DPD Deutschland GmbH, Aschaffenburg (https://www.dpd.com/de/de/datenschutz/).
	{Key: "dpd", Kind: gdpr.DisclosedCarrier, Aliases: []string{"dpd", "dpd_germany", "dpd_de"},
		Recipient: Recipient{Name: "DPD Deutschland GmbH", Category: CategoryCarrier, Country: "DE"}},
	// Hermes Germany GmbH, Hamburg (https://www.myhermes.de/datenschutz/).
	{Key: "hermes", Kind: gdpr.DisclosedCarrier, Aliases: []string{"hermes", "hermes_germany", "hermes_de"},
		Recipient: Recipient{Name: "Hermes Germany GmbH", Category: CategoryCarrier, Country: "DE"}},
	// GLS Germany GmbH & Co. OHG, Neuenstein (https://gls-group.com/DE/de/datenschutz).
	{Key: "gls", Kind: gdpr.DisclosedCarrier, Aliases: []string{"gls", "gls_germany"},
		Recipient: Recipient{Name: "GLS Germany GmbH & Co. OHG", Category: CategoryCarrier, Country: "DE"}},
	// United Parcel Service Deutschland S.à r.l. & Co. OHG, Neuss
	// (https://www.ups.com/de/de/support/shipping-support/legal-terms-conditions/privacy-notice.page).
	{Key: "ups", Kind: gdpr.DisclosedCarrier, Aliases: []string{"ups"},
		Recipient: Recipient{Name: "United Parcel Service Deutschland S.à r.l. & Co. OHG", Category: CategoryCarrier, Country: "DE"}},
	// Österreichische Post AG, Wien (https://www.post.at/i/c/datenschutz).
	{Key: "post_at", Kind: gdpr.DisclosedCarrier, Aliases: []string{"österreichische_post", "oesterreichische_post", "post_at", "austrian_post"},
		Recipient: Recipient{Name: "Österreichische Post AG", Category: CategoryCarrier, Country: "AT"}},
}

// Providers returns the table, for the merchant's view of it.
func Providers() []Provider { return append([]Provider(nil), providers...) }

// aliasIndex maps each alias to its provider, longest alias first for
// prefix matches ("dhl_express_worldwide" is DHL Express, not DHL).
var aliasIndex = func() []struct {
	alias string
	p     *Provider
} {
	var out []struct {
		alias string
		p     *Provider
	}
	for i := range providers {
		for _, a := range providers[i].Aliases {
			out = append(out, struct {
				alias string
				p     *Provider
			}{a, &providers[i]})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].alias) > len(out[j].alias) })
	return out
}()

// normal writes a recorded name the way aliases are written: lower case,
// words joined by "_": "PayPal Express Checkout" → "paypal_express_checkout".
func normal(name string) string {
	f := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '_' || r == '.' || r == '/'
	})
	return strings.Join(f, "_")
}

// Lookup finds the provider of a disclosure by its recorded name: an alias,
// or a name that starts with one and a word break ("paypal_express_de").
func Lookup(kind, name string) (Provider, bool) {
	n := normal(name)
	if n == "" {
		return Provider{}, false
	}
	for _, e := range aliasIndex {
		if e.p.Kind == kind && (n == e.alias || strings.HasPrefix(n, e.alias+"_")) {
			return *e.p, true
		}
	}
	return Provider{}, false
}

// Resolve names the recipients of a disclosure: a known provider with its
// onward third-country transfers; the shop's bank for a bank transfer;
// nobody for a method that discloses nothing; an unknown name as recorded,
// with its category.
func Resolve(d gdpr.Disclosure) []Recipient {
	p, ok := Lookup(d.Kind, d.Name)
	switch {
	case ok && p.None:
		return nil
	case ok && p.Bank:
		return []Recipient{{Category: CategoryBank}}
	case ok:
		return append([]Recipient{p.Recipient}, p.Onward...)
	}
	name := strings.TrimSpace(d.Name)
	if name == "" {
		return nil
	}
	category := CategoryPaymentProvider
	if d.Kind == gdpr.DisclosedCarrier {
		category = CategoryCarrier
	}
	return []Recipient{{Name: name, Category: category}}
}
