package classify

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

var (
	today      = gdpr.MustParseDate("2026-11-28")
	paypal     = answer.Recipient{Name: "PayPal (Europe) S.à r.l. et Cie, S.C.A., Luxembourg", Category: CategoryPaymentProvider, Country: "LU"}
	stripe     = answer.Recipient{Name: "Shopify Payments (Stripe Payments Europe Ltd., Ireland)", Category: CategoryPaymentProvider, Country: "IE"}
	dhl        = answer.Recipient{Name: "DHL", Category: CategoryCarrier}
	mailtool   = answer.Recipient{Name: "Newsletter GmbH", Category: "newsletter tool", Country: "DE"}
	adviser    = ShopRecipient{Recipient: answer.Recipient{Name: "Steuerkanzlei Beispiel", Category: "tax adviser", Country: "DE"}, RecordTypes: []gdpr.RecordType{retention.Invoice, retention.PaymentRecord}}
	fulfilment = ShopRecipient{Recipient: answer.Recipient{Name: "Lager & Versand GmbH", Category: "processor", Country: "DE"}}
	shopifyIE  = "Shopify International Limited"
	shopifyCA  = "Shopify Inc."
	adviserAt  = time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)
)

func ctxDE() Context {
	return Context{
		Today: today, Place: gdpr.Place{Country: "DE", Region: "BY"}, Rules: retention.DE(), Platform: "shopify",
		FoundRecipients: []answer.Recipient{stripe, paypal, dhl},
		ShopRecipients:  []ShopRecipient{adviser},
	}
}

type opt func(*gdpr.Item)

func dated(s string) opt { return func(i *gdpr.Item) { i.Date = gdpr.MustParseDate(s) } }
func delivered(s string) opt {
	return func(i *gdpr.Item) { d := gdpr.MustParseDate(s); i.Delivered = &d }
}
func invoiced(s string) opt {
	return func(i *gdpr.Item) { d := gdpr.MustParseDate(s); i.Invoiced = &d }
}
func ended(s string) opt {
	return func(i *gdpr.Item) { d := gdpr.MustParseDate(s); i.ConsentEnded = &d }
}
func openOrder(i *gdpr.Item) { i.Open = true }
func held(i *gdpr.Item)      { i.LegalHold, i.HoldReason = true, "tax audit" }
func system(s string) opt    { return func(i *gdpr.Item) { i.System = s } }
func item(rt retention.RecordType, opts ...opt) gdpr.Item {
	it := gdpr.Item{System: "shopify", RecordType: rt, RecordID: "gid://shopify/Order/1"}
	for _, o := range opts {
		o(&it)
	}
	return it
}

type ctxOpt func(*Context)

func austria(c *Context) { c.Place, c.Rules = gdpr.Place{Country: "AT"}, retention.AT() }
func woo(c *Context)     { c.Platform = "woocommerce" }
func withTool(c *Context) {
	c.FoundRecipients = append(c.FoundRecipients, mailtool)
}
func withFulfilment(c *Context) { c.ShopRecipients = append(c.ShopRecipients, fulfilment) }
func lengthen(rt retention.RecordType, years int) ctxOpt {
	return func(c *Context) {
		c.Overrides = append(c.Overrides, retention.Override{RecordType: rt, Period: retention.Period{Years: years}, By: "Steuerberaterin M.", Reason: "Betriebsprüfung", At: adviserAt})
	}
}

// rows: each expectation worked out from law-de-eu.md and the brief's
// basis table; why says which rule decides it.
var rows = []struct {
	name      string
	item      gdpr.Item
	ctx       []ctxOpt
	category  string
	basis     string // prefix of LegalBasis
	until     string // "" = no date
	criterion string
	subject   bool     // FromDataSubject
	with      []string // recipient names expected
	without   []string // recipient names that must be absent
	why       string
}{
	{"account", item(retention.CustomerAccount, dated("2021-04-01")), nil, "customer_account", "Art. 6(1)(b) GDPR", "", "account", true,
		[]string{shopifyIE, shopifyCA}, []string{paypal.Name, dhl.Name, adviser.Name}, "account data: contract, no duty, kept until the account is deleted; Shopify hosts it"},
	{"account with a configured processor", item(retention.CustomerAccount), []ctxOpt{withFulfilment}, "customer_account", "Art. 6(1)(b)", "", "account", true,
		[]string{fulfilment.Name}, []string{adviser.Name}, "a shop recipient without record types receives every item"},
	{"account on WooCommerce", item(retention.CustomerAccount, system("woocommerce")), []ctxOpt{woo}, "customer_account", "Art. 6(1)(b)", "", "account", true,
		nil, []string{shopifyIE, shopifyCA}, "Shopify's defaults only for a Shopify shop's Shopify items"},
	{"shopify item in a WooCommerce shop", item(retention.CustomerAccount), []ctxOpt{woo}, "customer_account", "Art. 6(1)(b)", "", "account", true,
		nil, []string{shopifyIE}, "platform defaults follow the shop's platform, not a guess from the item"},
	{"newsletter", item(retention.NewsletterSubscription, dated("2024-01-01")), nil, "newsletter", "Art. 6(1)(a) GDPR", "", "unsubscribe", true,
		[]string{shopifyIE}, []string{paypal.Name, dhl.Name}, "newsletter: consent, stored until unsubscribed (Art. 7(3))"},
	{"newsletter tool found by a connector", item(retention.NewsletterSubscription), []ctxOpt{withTool}, "newsletter", "Art. 6(1)(a)", "", "unsubscribe", true,
		[]string{mailtool.Name}, nil, "a found recipient of another category goes to every item"},
	{"consent proof, consent running", item(retention.MarketingConsentProof, dated("2023-01-01")), nil, "consent", "Art. 6(1)(f) GDPR", "", "consent_end", false,
		[]string{shopifyIE}, []string{paypal.Name}, "proof of consent: legitimate interest; 3 years from the end of the year consent ends, not known yet"},
	{"consent proof, consent ended 2025", item(retention.MarketingConsentProof, dated("2023-01-01"), ended("2025-04-01")), nil, "consent", "Art. 6(1)(f)", "2028-12-31", "consent_end", false,
		nil, nil, "policy: 3 years from the end of 2025"},
	{"consent proof, ended 2021", item(retention.MarketingConsentProof, dated("2019-01-01"), ended("2021-04-01")), nil, "consent", "Art. 6(1)(f)", "", "ended", false,
		nil, nil, "3 years from the end of 2021 ran out on 2024-12-31"},
	{"invoice 2026", item(retention.Invoice, dated("2026-03-15")), nil, "invoices", "Art. 6(1)(c) GDPR with §14b UStG, §147 AO, §257 HGB", "2034-12-31", "document_year", true,
		[]string{stripe.Name, paypal.Name, adviser.Name, shopifyIE}, []string{dhl.Name}, "8 years from the end of 2026; payment providers and the tax adviser see invoices"},
	{"invoice 2016", item(retention.Invoice, dated("2016-05-01")), nil, "invoices", "Art. 6(1)(c)", "", "ended", true,
		nil, nil, "BEG IV: vouchers of 2016 deletable from 2025"},
	{"invoice without date", item(retention.Invoice), nil, "invoices", "Art. 6(1)(c)", "", "document_year_undated", true,
		nil, nil, "no document date: kept, criterion stated"},
	{"invoice of an open order", item(retention.Invoice, dated("2026-11-20"), openOrder), nil, "invoices", "Art. 6(1)(b) GDPR", "", "contract", true,
		nil, nil, "an order still being performed rests on the contract (Art. 6(1)(b)); retention after"},
	{"invoice under legal hold", item(retention.Invoice, dated("2010-01-01"), held), nil, "invoices", "Art. 6(1)(c)", "", "legal_hold", true,
		nil, nil, "§147(3) AO: a hold keeps it whatever the dates"},
	{"invoice, adviser's 10 years", item(retention.Invoice, dated("2026-03-15")), []ctxOpt{lengthen(retention.Invoice, 10)}, "invoices", "Art. 6(1)(c)", "2036-12-31", "document_year", true,
		nil, nil, "the merchant's override lengthens to 10 years"},
	{"credit note", item(retention.CreditNote, dated("2025-02-01")), nil, "invoices", "Art. 6(1)(c) GDPR with §14b UStG", "2033-12-31", "document_year", true,
		[]string{paypal.Name}, []string{dhl.Name}, "a credit note is an invoice (§14(2) UStG): 8 years"},
	{"payment record", item(retention.PaymentRecord, dated("2025-12-31")), nil, "payments", "Art. 6(1)(c) GDPR with §147 AO, §257 HGB", "2033-12-31", "document_year", false,
		[]string{stripe.Name, paypal.Name, adviser.Name}, []string{dhl.Name}, "Buchungsbeleg: 8 years; partly from the payment provider"},
	{"order confirmation 2020", item(retention.OrderConfirmation, dated("2020-05-05")), nil, "orders", "Art. 6(1)(c) GDPR with §147 AO", "2026-12-31", "document_year", true,
		[]string{paypal.Name, dhl.Name, shopifyCA}, []string{adviser.Name}, "Handelsbrief: 6 years from the end of 2020; carriers and payment providers see orders"},
	{"order confirmation 2019", item(retention.OrderConfirmation, dated("2019-05-05")), nil, "orders", "Art. 6(1)(c)", "", "ended", true,
		nil, nil, "6 years from the end of 2019 ran out"},
	{"open order", item(retention.OpenOrder, dated("2026-11-01"), openOrder), nil, "open_orders", "Art. 6(1)(b) GDPR", "", "contract", true,
		[]string{paypal.Name, dhl.Name}, nil, "contract still being performed: deferred"},
	{"warranty", item(retention.WarrantyData, dated("2025-05-20"), delivered("2025-06-01")), nil, "warranty", "Art. 6(1)(b) GDPR", "2027-06-01", "delivery", false,
		[]string{dhl.Name}, []string{paypal.Name, adviser.Name}, "§438 BGB: 2 years from delivery; the carrier delivered it"},
	{"warranty, not delivered yet", item(retention.WarrantyData, dated("2026-11-20")), nil, "warranty", "Art. 6(1)(b)", "", "delivery_unknown", false,
		nil, nil, "no delivery date: criterion"},
	{"technical data", item(retention.TechnicalData, dated("2026-10-02")), nil, "technical_data", "Art. 6(1)(f) GDPR", "2027-01-30", "technical", false,
		[]string{shopifyIE}, []string{paypal.Name, dhl.Name}, "IP address: legitimate interest (fraud prevention), kept 120 days from the order (issue 12, point 4)"},
	{"technical data of an old order", item(retention.TechnicalData, dated("2024-02-02")), nil, "technical_data", "Art. 6(1)(f) GDPR", "2024-06-01", "technical", false,
		nil, nil, "past its 120 days: overdue for deletion, not kept until erasure"},
	{"technical data of an open order", item(retention.TechnicalData, dated("2026-11-20"), openOrder), nil, "technical_data", "Art. 6(1)(f) GDPR", "2027-03-20", "technical", false,
		nil, nil, "technical data is never deferred with an open order, nor rests on its contract"},
	{"product review", item(retention.ProductReview, system("woocommerce"), dated("2025-04-01")), []ctxOpt{woo}, "contributions", "Art. 6(1)(a) GDPR", "", "withdrawal", true,
		nil, []string{paypal.Name, dhl.Name, adviser.Name, shopifyIE}, "published on consent: kept until withdrawn or erasure is asked; no provider sees it"},
	{"product review by a buyer of an open order", item(retention.ProductReview, system("woocommerce"), dated("2026-11-25"), openOrder), []ctxOpt{woo}, "contributions", "Art. 6(1)(a) GDPR", "", "withdrawal", true,
		nil, []string{paypal.Name, dhl.Name}, "a review is never deferred with an order, nor rests on its contract"},
	{"product review with a configured processor", item(retention.ProductReview, system("woocommerce")), []ctxOpt{woo, withFulfilment}, "contributions", "Art. 6(1)(a)", "", "withdrawal", true,
		[]string{fulfilment.Name}, nil, "a shop recipient without record types receives every item"},
	{"product review under legal hold", item(retention.ProductReview, system("woocommerce"), dated("2024-01-10"), held), []ctxOpt{woo}, "contributions", "Art. 6(1)(a)", "", "legal_hold", true,
		nil, nil, "litigation over a review (Art. 17(3)(e)): kept under the hold"},
	{"blog comment", item(retention.Comment, system("woocommerce"), dated("2024-09-09")), []ctxOpt{woo}, "contributions", "Art. 6(1)(a) GDPR", "", "withdrawal", true,
		nil, []string{paypal.Name, dhl.Name, shopifyIE}, "a WordPress comment: published on consent, no duty"},
	{"internal order note", item(retention.OrderNote, system("woocommerce"), dated("2025-02-01")), []ctxOpt{woo}, "order_notes", "Art. 6(1)(f) GDPR", "", "with_order", false,
		nil, []string{paypal.Name, stripe.Name, dhl.Name, adviser.Name}, "kept with the order on legitimate interest; neither sent nor received: no business letter, no duty"},
	{"internal note of an open order", item(retention.OrderNote, system("woocommerce"), dated("2026-11-21"), openOrder), []ctxOpt{woo}, "order_notes", "Art. 6(1)(b) GDPR", "", "contract", false,
		nil, []string{paypal.Name, dhl.Name}, "a running order's notes serve the contract and wait with it"},
	{"internal note under legal hold", item(retention.OrderNote, system("woocommerce"), dated("2018-02-01"), held), []ctxOpt{woo}, "order_notes", "Art. 6(1)(f)", "", "legal_hold", false,
		nil, nil, "a tax audit (§147(3) AO) keeps the note as it is"},
	{"analytics record", item(retention.AnalyticsRecord, system("woocommerce"), dated("2026-10-01")), []ctxOpt{woo}, "analytics", "Art. 6(1)(f) GDPR", "", "derived", false,
		nil, []string{paypal.Name, dhl.Name, adviser.Name}, "a derived copy for reports: legitimate interest, kept as long as its sources"},
	{"analytics record of an open order's buyer", item(retention.AnalyticsRecord, system("woocommerce"), dated("2026-11-20"), openOrder), []ctxOpt{woo}, "analytics", "Art. 6(1)(f) GDPR", "", "derived", false,
		nil, nil, "the statistics never wait with an order"},
	{"AT product review", item(retention.ProductReview, system("woocommerce")), []ctxOpt{woo, austria}, "contributions", "Art. 6(1)(a)", "", "withdrawal", true,
		nil, nil, "the same in Austria"},
	{"AT internal order note", item(retention.OrderNote, system("woocommerce"), dated("2020-01-01")), []ctxOpt{woo, austria}, "order_notes", "Art. 6(1)(f)", "", "with_order", false,
		nil, nil, "no business letter under §212 UGB either"},
	{"delivery note, invoice issued", item(retention.DeliveryNote, dated("2026-02-20"), invoiced("2026-03-01")), nil, "shipping", "Art. 6(1)(c)", "", "ended", true,
		[]string{dhl.Name}, []string{paypal.Name}, "§147(3) AO: kept only until the invoice"},
	{"delivery note, no invoice yet", item(retention.DeliveryNote, dated("2026-11-20")), nil, "shipping", "Art. 6(1)(c)", "", "until_invoice", true,
		nil, nil, "until the invoice is issued"},
	{"business letter", item(retention.BusinessLetter, dated("2024-07-01")), nil, "correspondence", "Art. 6(1)(c)", "2030-12-31", "document_year", true,
		nil, []string{paypal.Name}, "withdrawal letter: 6 years"},
	{"accounting record", item(retention.AccountingRecord, dated("2020-12-31")), nil, "accounting", "Art. 6(1)(c)", "2030-12-31", "document_year", false,
		nil, []string{dhl.Name}, "books: 10 years, not shortened in 2025"},
	{"request record", item(retention.RequestRecord, system("lethe"), dated("2026-03-02")), nil, "requests", "Art. 6(1)(f) GDPR", "2029-12-31", "document_year", true,
		[]string{"Lethe"}, []string{shopifyIE, paypal.Name}, "accountability (Art. 5(2), 12): policy 3 years; stored in Lethe, not in Shopify"},
	{"AT invoice", item(retention.Invoice, dated("2026-03-15")), []ctxOpt{austria}, "invoices", "Art. 6(1)(c) GDPR with §132 BAO, §212 UGB", "2033-12-31", "document_year", true,
		nil, nil, "Austria: 7 years (§132 BAO)"},
	{"AT order confirmation", item(retention.OrderConfirmation, dated("2019-03-01")), []ctxOpt{austria}, "orders", "Art. 6(1)(c) GDPR with §132 BAO", "2026-12-31", "document_year", true,
		nil, nil, "§212 UGB business letters: 7 years"},
	{"AT warranty", item(retention.WarrantyData, delivered("2025-03-20")), []ctxOpt{austria}, "warranty", "Art. 6(1)(b)", "2027-06-20", "delivery", false,
		nil, nil, "§933 ABGB, §28 VGG: 2 years + 3 months"},
	{"AT request record", item(retention.RequestRecord, system("lethe"), dated("2024-05-01")), []ctxOpt{austria}, "requests", "Art. 6(1)(f)", "2027-12-31", "document_year", true,
		nil, nil, "policy: 3 years as in Germany"},
}

func TestClassify(t *testing.T) {
	if len(rows) < 30 {
		t.Fatalf("want at least 30 rows, have %d", len(rows))
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			c := ctxDE()
			for _, o := range row.ctx {
				o(&c)
			}
			es, err := Classify([]gdpr.Item{row.item}, c)
			if err != nil {
				t.Fatalf("%v (%s)", err, row.why)
			}
			e := es[0]
			until := ""
			if e.Storage.Until != nil {
				until = e.Storage.Until.String()
			}
			if e.Category != row.category || !strings.HasPrefix(e.LegalBasis, row.basis) || until != row.until ||
				e.Criterion.Key != row.criterion || e.Source.FromDataSubject != row.subject {
				t.Fatalf("got category %s, basis %q, until %q, criterion %s, from subject %v; want %s, %q, %q, %s, %v (%s)",
					e.Category, e.LegalBasis, until, e.Criterion.Key, e.Source.FromDataSubject,
					row.category, row.basis, row.until, row.criterion, row.subject, row.why)
			}
			names := map[string]bool{}
			for _, r := range e.Recipients {
				names[r.Name] = true
			}
			for _, n := range row.with {
				if !names[n] {
					t.Errorf("recipient %q missing: %v (%s)", n, e.Recipients, row.why)
				}
			}
			for _, n := range row.without {
				if names[n] {
					t.Errorf("recipient %q must not be listed (%s)", n, row.why)
				}
			}
			checkEntry(t, e)
		})
	}
}

// checkEntry checks what every entry must hold for Art. 15(1).
func checkEntry(t *testing.T, e Entry) {
	t.Helper()
	if len(e.Purposes) == 0 || e.LegalBasis == "" || e.Storage.LegalReference == "" || e.Storage.Criteria == "" {
		t.Errorf("entry lacks purposes, basis, reference or criteria: %+v", e)
	}
	if !e.Source.FromDataSubject && e.Source.Description == "" {
		t.Errorf("source not described: %+v", e.Source)
	}
	past := e.Storage.Until != nil && !e.Storage.Until.After(today.AddDays(-1))
	if past && e.OverdueSince == nil {
		t.Errorf("storage until %s lies in the past, but the record is not overdue", e.Storage.Until)
	}
	if (e.OverdueSince != nil) != (past || e.Criterion.Key == "ended") {
		t.Errorf("overdue since %v, until %v, criterion %s: a record is overdue exactly when its period has ended", e.OverdueSince, e.Storage.Until, e.Criterion.Key)
	}
	if e.Item.Open && retention.DeferredWithOrder(e.Item.RecordType) && e.Purposes[0] != "contract" {
		t.Errorf("an open order's first purpose is the contract: %v", e.Purposes)
	}
	if e.Item.Open && !retention.DeferredWithOrder(e.Item.RecordType) && slices.Contains(e.Purposes, "contract") {
		t.Errorf("%s does not rest on the open order's contract: %v", e.Item.RecordType, e.Purposes)
	}
	for _, r := range e.Recipients {
		if r.ThirdCountry && r.Safeguards == "" {
			t.Errorf("third-country recipient without safeguards: %+v", r)
		}
	}
}

func TestClassifyErrors(t *testing.T) {
	tests := []struct {
		name  string
		items []gdpr.Item
		ctx   ctxOpt
		want  error
		why   string
	}{
		{"unknown record type", []gdpr.Item{item("receipt")}, nil, ErrUnclassified, "nothing is classified on a guess"},
		{"unknown to the rule set", []gdpr.Item{item(retention.Invoice)}, func(c *Context) { c.Rules = retention.Set{Country: "DE"} }, retention.ErrUnknownRecordType, "a rule set without the type"},
		{"override shorter than the law", []gdpr.Item{item(retention.Invoice, dated("2024-01-01"))}, lengthen(retention.Invoice, 5), retention.ErrOverrideShorter, "5 < 8 years"},
		{"one bad item fails all", []gdpr.Item{item(retention.CustomerAccount), item("x")}, nil, ErrUnclassified, "no partial classification"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ctxDE()
			if tt.ctx != nil {
				tt.ctx(&c)
			}
			es, err := Classify(tt.items, c)
			if !errors.Is(err, tt.want) || es != nil {
				t.Fatalf("Classify = %v, %v; want %v (%s)", es, err, tt.want, tt.why)
			}
		})
	}
}

// TestCatalogComplete: every record type of the rules has a meaning, and
// every key has texts in both languages.
func TestCatalogComplete(t *testing.T) {
	for _, rt := range retention.RecordTypes() {
		k, ok := kinds[rt]
		if !ok {
			t.Errorf("record type %s has no classification", rt)
			continue
		}
		if !slices.Contains(categoryOrder, k.category) {
			t.Errorf("%s: category %s not in categoryOrder", rt, k.category)
		}
		for _, p := range k.purposes {
			if purposeBasis[p] == "" || purposeTexts[p].de == "" || purposeTexts[p].en == "" {
				t.Errorf("%s: purpose %s lacks a basis or a text", rt, p)
			}
		}
		if _, ok := sourceTexts[k.source]; !ok {
			t.Errorf("%s: source %s has no text", rt, k.source)
		}
		for _, lang := range []string{"de", "en"} {
			if got := CriterionText(Criterion{Key: k.noDuty}, lang); got == k.noDuty {
				t.Errorf("%s: criterion %s has no %s text", rt, k.noDuty, lang)
			}
		}
	}
	for _, key := range categoryOrder {
		if categoryNames[key].de == "" || categoryNames[key].en == "" {
			t.Errorf("category %s has no name", key)
		}
	}
	p := retention.Period{Years: 2, Months: 3}
	for _, key := range []string{"document_year", "document_year_undated", "delivery", "delivery_unknown", "consent_end", "until_invoice", "account", "unsubscribe", "erasure", "withdrawal", "with_order", "derived", "contract", "legal_hold", "ended"} {
		de, en := CriterionText(Criterion{Key: key, Period: p}, "de"), CriterionText(Criterion{Key: key, Period: p}, "en")
		if de == key || en == key || de == en {
			t.Errorf("criterion %s: de %q, en %q", key, de, en)
		}
	}
	if got := periodText(p, "de"); got != "2 Jahre und 3 Monate" {
		t.Errorf("periodText = %q", got)
	}
}
