package classify

import (
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// Issue 12, point 5: each order's documents name the payment provider that
// order was paid through and the carrier that shipped it, not every
// provider of every order; a bank transfer names the shop's bank; known
// providers come with their onward third-country transfers and safeguards.
func TestRecipientsPerOrder(t *testing.T) {
	c := ctxDE()
	withPaypal := func(rt retention.RecordType) gdpr.Item {
		return item(rt, dated("2026-03-01"), func(i *gdpr.Item) {
			i.Disclosed = []gdpr.Disclosure{{Kind: gdpr.DisclosedPayment, Name: "PayPal Express Checkout"}, {Kind: gdpr.DisclosedCarrier, Name: "DHL"}}
		})
	}
	prepaid := item(retention.OrderConfirmation, dated("2026-03-02"), func(i *gdpr.Item) {
		i.RecordID = "gid://shopify/Order/2"
		i.Disclosed = []gdpr.Disclosure{{Kind: gdpr.DisclosedPayment, Name: "Vorkasse"}}
	})
	es, err := Classify([]gdpr.Item{withPaypal(retention.OrderConfirmation), withPaypal(retention.TechnicalData), prepaid}, c)
	if err != nil {
		t.Fatal(err)
	}
	names := func(rs []answer.Recipient) string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Name+"/"+r.Category+"/"+r.Country)
		}
		return strings.Join(out, "; ")
	}
	if got := names(es[0].Recipients); !strings.Contains(got, "PayPal (Europe) S.à r.l. et Cie, S.C.A./payment provider/LU") ||
		!strings.Contains(got, "PayPal, Inc./"+answer.CategoryOnward+"/US") || !strings.Contains(got, "DHL Paket GmbH/carrier/DE") ||
		strings.Contains(got, "Stripe") || strings.Contains(got, "Steuerkanzlei") {
		t.Errorf("the PayPal order's recipients: %s", got)
	}
	for _, r := range es[0].Recipients {
		if r.ThirdCountry && r.Safeguards != answer.SafeguardBCR && r.Safeguards != answer.SafeguardCanada {
			t.Errorf("third-country recipient without its safeguard: %+v", r)
		}
	}
	if got := names(es[1].Recipients); strings.Contains(got, "PayPal") || strings.Contains(got, "DHL") {
		t.Errorf("technical data go to neither payment provider nor carrier: %s", got)
	}
	if got := names(es[2].Recipients); !strings.Contains(got, "/"+answer.CategoryBank+"/") || strings.Contains(got, "Vorkasse") || strings.Contains(got, "PayPal") {
		t.Errorf("the prepaid order names the shop's bank, not the method: %s", got)
	}
	de := Answer(es, "de", authority(t), true)
	var all []string
	for _, cat := range de.Categories {
		for _, r := range cat.Recipients {
			all = append(all, r.Name+" | "+r.Category+" | "+r.Safeguards)
		}
	}
	joined := strings.Join(all, "\n")
	for _, w := range []string{"die Bank des Shops (Zahlung per Überweisung)", "PayPal, Inc. | Weiterübermittlung innerhalb der Unternehmensgruppe des Anbieters oder an seine Auftragsverarbeiter | verbindliche interne Datenschutzvorschriften (Art. 46 Abs. 2 lit. b, Art. 47 DSGVO)", "Versanddienstleister"} {
		if !strings.Contains(joined, w) {
			t.Errorf("German recipients lack %q:\n%s", w, joined)
		}
	}
}

func TestProviderLookup(t *testing.T) {
	tests := []struct{ kind, name, want string }{
		{gdpr.DisclosedPayment, "shopify_payments", "Stripe Payments Europe, Limited"},
		{gdpr.DisclosedPayment, "Stripe", "Stripe Payments Europe, Limited"},
		{gdpr.DisclosedPayment, "paypal_express_de", "PayPal (Europe) S.à r.l. et Cie, S.C.A."},
		{gdpr.DisclosedPayment, "Klarna Payments", "Klarna Bank AB (publ)"},
		{gdpr.DisclosedPayment, "Amazon Pay", "Amazon Payments Europe S.C.A."},
		{gdpr.DisclosedPayment, "Bank Deposit", ""},
		{gdpr.DisclosedPayment, "Vorkasse", ""},
		{gdpr.DisclosedCarrier, "DHL Express Worldwide", "DHL Express Germany GmbH"},
		{gdpr.DisclosedCarrier, "dhl", "DHL Paket GmbH"},
		{gdpr.DisclosedCarrier, "GLS", "GLS Germany GmbH & Co. OHG"},
		{gdpr.DisclosedCarrier, "paypal", ""}, // a carrier is looked up among carriers
	}
	for _, tt := range tests {
		p, ok := answer.Lookup(tt.kind, tt.name)
		if tt.want == "" {
			if ok && !p.Bank && !p.None {
				t.Errorf("Lookup(%s, %q) = %+v", tt.kind, tt.name, p)
			}
			continue
		}
		if !ok || p.Recipient.Name != tt.want {
			t.Errorf("Lookup(%s, %q) = %+v, %v; want %s", tt.kind, tt.name, p.Recipient, ok, tt.want)
		}
	}
	if rs := answer.Resolve(gdpr.Disclosure{Kind: gdpr.DisclosedPayment, Name: "gift_card"}); len(rs) != 0 {
		t.Errorf("a gift card discloses to nobody: %+v", rs)
	}
	if rs := answer.Resolve(gdpr.Disclosure{Kind: gdpr.DisclosedCarrier, Name: "Spedition Huber"}); len(rs) != 1 || rs[0].Name != "Spedition Huber" || rs[0].Category != answer.CategoryCarrier {
		t.Errorf("an unknown carrier is named as recorded: %+v", rs)
	}
	for _, p := range answer.Providers() {
		for _, r := range p.Onward {
			if !r.ThirdCountry || r.Safeguards == "" {
				t.Errorf("%s: onward transfer without its safeguard: %+v", p.Key, r)
			}
		}
		if !p.Bank && !p.None && (p.Recipient.Name == "" || p.Recipient.Country == "" || !gdpr.InEEA(p.Recipient.Country)) {
			t.Errorf("%s: the recipient a shop discloses to is named with its EU/EEA seat: %+v", p.Key, p.Recipient)
		}
	}
}

// Overdue records: per type, counted, with the earliest day one became due.
func TestOverdueOf(t *testing.T) {
	es, err := Classify([]gdpr.Item{
		item(retention.Invoice, dated("2016-05-01")),
		item(retention.Invoice, dated("2026-05-01")),
		item(retention.TechnicalData, dated("2024-02-02")),
		item(retention.TechnicalData, dated("2025-02-02")),
		item(retention.TechnicalData, dated("2026-11-01")),
	}, ctxDE())
	if err != nil {
		t.Fatal(err)
	}
	got := OverdueOf(es)
	if len(got) != 2 || got[0].RecordType != "invoice" || got[0].Count != 1 || got[0].Since.String() != "2025-01-01" ||
		got[1].RecordType != "technical_data" || got[1].Count != 2 || got[1].Since.String() != "2024-06-02" {
		t.Errorf("overdue: %+v", got)
	}
	de := Answer(es, "de", authority(t), true)
	for _, c := range de.Categories {
		if c.Name != "Technische Daten" {
			continue
		}
		if len(c.Types) != 2 || c.Types[0].Overdue || !c.Types[1].Overdue || c.Types[1].Count != 2 {
			t.Fatalf("technical types: %+v", c.Types)
		}
		if !strings.Contains(c.Types[1].Sentence, "Bei 2 Datensätzen ist die Frist abgelaufen (zuletzt am 2. Juni 2025); wir benötigen diese Daten nicht mehr, sie sind zur Löschung fällig (Art. 5 Abs. 1 lit. e, Art. 17 Abs. 1 lit. a DSGVO).") {
			t.Errorf("overdue sentence: %s", c.Types[1].Sentence)
		}
		if c.Storage.Until == nil || c.Storage.Until.String() != "2027-03-01" {
			t.Errorf("the category's last day counts the records kept, not the overdue: %v", c.Storage.Until)
		}
	}
}
