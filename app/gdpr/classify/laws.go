package classify

import (
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// TechnicalDataDays is how long the IP address and browser details of an
// order are kept: for fraud prevention and the shop's security, on the
// shop's legitimate interest (Art. 6(1)(f) GDPR), counted from the order.
// 120 days is the window in which card payments are commonly charged back
// (the card schemes' dispute period for fraud claims), when the IP address
// is evidence. Policy, not law: no statute requires keeping it, so it is
// kept only as long as that purpose needs it (Art. 5(1)(c), (e) GDPR).
const TechnicalDataDays = 120

// storageLaws is, per record type, what keeping it rests on, in the
// compact form gdpr.Cite writes in each language: the law that requires
// keeping it where one does (the retention rule's references without their
// commentary), else the Art. 6(1) GDPR ground the data are kept on. "No
// retention duty" is no basis, so it never appears here.
var storageLaws = map[string]map[retention.RecordType]string{
	gdpr.CountryDE: {
		retention.Invoice:                "§14b(1) UStG; §147(1) Nr. 4, (3) AO; §257(1) Nr. 4, (4) HGB",
		retention.CreditNote:             "§14b(1) UStG; §147(1) Nr. 4, (3) AO; §257(1) Nr. 4, (4) HGB",
		retention.PaymentRecord:          "§147(1) Nr. 4, (3) AO; §257(1) Nr. 4, (4) HGB",
		retention.OrderConfirmation:      "§147(1) Nr. 2, 3, (3) AO; §257(1) Nr. 2, 3, (4) HGB",
		retention.BusinessLetter:         "§147(1) Nr. 2, 3, (3) AO; §257(1) Nr. 2, 3, (4) HGB",
		retention.AccountingRecord:       "§147(1) Nr. 1, (3) AO; §257(1) Nr. 1, (4) HGB",
		retention.DeliveryNote:           "§147(3) AO",
		retention.WarrantyData:           "Art. 6(1)(f) GDPR; §438(1) Nr. 3, §475e BGB",
		retention.MarketingConsentProof:  "Art. 7(1), 6(1)(f) GDPR; §§195, 199 BGB",
		retention.RequestRecord:          "Art. 5(2), 6(1)(f) GDPR; §§195, 199 BGB",
		retention.CustomerAccount:        "Art. 6(1)(b) GDPR",
		retention.NewsletterSubscription: "Art. 6(1)(a), 7(3) GDPR",
		retention.TechnicalData:          "Art. 6(1)(f) GDPR",
		retention.OpenOrder:              "Art. 6(1)(b) GDPR",
		retention.OrderNote:              "Art. 6(1)(f) GDPR",
		retention.ProductReview:          "Art. 6(1)(a), 7(3) GDPR",
		retention.Comment:                "Art. 6(1)(a), 7(3) GDPR",
		retention.AnalyticsRecord:        "Art. 6(1)(f) GDPR",
	},
	gdpr.CountryAT: {
		retention.Invoice:                "§132(1) BAO; §212(1) UGB; §11 UStG 1994",
		retention.CreditNote:             "§132(1) BAO; §212(1) UGB; §11 UStG 1994",
		retention.PaymentRecord:          "§132(1) BAO; §212(1) UGB",
		retention.OrderConfirmation:      "§132(1) BAO; §212(1) UGB",
		retention.BusinessLetter:         "§132(1) BAO; §212(1) UGB",
		retention.AccountingRecord:       "§132(1) BAO; §212(1) UGB",
		retention.DeliveryNote:           "§132(1) BAO; §212(1) UGB",
		retention.WarrantyData:           "Art. 6(1)(f) GDPR; §933 ABGB",
		retention.MarketingConsentProof:  "Art. 7(1), 6(1)(f) GDPR; §1489 ABGB",
		retention.RequestRecord:          "Art. 5(2), 6(1)(f) GDPR; §1489 ABGB",
		retention.CustomerAccount:        "Art. 6(1)(b) GDPR",
		retention.NewsletterSubscription: "Art. 6(1)(a), 7(3) GDPR",
		retention.TechnicalData:          "Art. 6(1)(f) GDPR",
		retention.OpenOrder:              "Art. 6(1)(b) GDPR",
		retention.OrderNote:              "Art. 6(1)(f) GDPR",
		retention.ProductReview:          "Art. 6(1)(a), 7(3) GDPR",
		retention.Comment:                "Art. 6(1)(a), 7(3) GDPR",
		retention.AnalyticsRecord:        "Art. 6(1)(f) GDPR",
	},
}

// Further bases a criterion adds.
const (
	lawHoldDE   = "§147(3) AO; Art. 17(3)(e) GDPR"
	lawHoldAT   = "§132(1) BAO; Art. 17(3)(e) GDPR"
	lawOverdue  = "Art. 5(1)(e), 17(1)(a) GDPR"
	lawContract = "Art. 6(1)(b) GDPR"
)

// StorageLaw is what keeping a record type rests on in lang, for a shop in
// country.
func StorageLaw(rt retention.RecordType, country, lang string) string {
	laws, ok := storageLaws[country]
	if !ok {
		laws = storageLaws[gdpr.CountryDE]
	}
	return gdpr.Cite(lang, laws[rt])
}

// typeNouns name a record type as the object of a sentence ("Wir bewahren
// … auf"; "We keep …") and as a table heading.
var typeNouns = map[retention.RecordType]struct{ object, heading text }{
	retention.Invoice:                {text{"Ihre Rechnungen", "your invoices"}, text{"Rechnungen", "Invoices"}},
	retention.CreditNote:             {text{"Ihre Gutschriften und Rechnungskorrekturen", "your credit notes"}, text{"Gutschriften", "Credit notes"}},
	retention.PaymentRecord:          {text{"die Belege Ihrer Zahlungen", "the records of your payments"}, text{"Zahlungsbelege", "Payment records"}},
	retention.OrderConfirmation:      {text{"Ihre Bestellungen und Bestellbestätigungen", "your orders and order confirmations"}, text{"Bestellungen", "Orders"}},
	retention.BusinessLetter:         {text{"unsere Geschäftsbriefe mit Ihnen (etwa zu Widerruf oder Rücksendung)", "our business letters with you (such as on a withdrawal or a return)"}, text{"Geschäftsbriefe", "Business letters"}},
	retention.OrderNote:              {text{"die internen Notizen zu Ihren Bestellungen", "the internal notes on your orders"}, text{"Interne Notizen zu Bestellungen", "Internal order notes"}},
	retention.ProductReview:          {text{"Ihre Produktbewertungen", "your product reviews"}, text{"Produktbewertungen", "Product reviews"}},
	retention.Comment:                {text{"Ihre Kommentare im Blog des Shops", "your comments on the shop's blog"}, text{"Kommentare", "Comments"}},
	retention.AnalyticsRecord:        {text{"den Eintrag über Sie in der Verkaufsstatistik des Shops (Name, E-Mail-Adresse, Ort, letzte Aktivität)", "the entry about you in the shop's sales statistics (name, e-mail address, location, last activity)"}, text{"Verkaufsstatistik", "Sales statistics"}},
	retention.AccountingRecord:       {text{"die Buchungen zu Ihren Bestellungen", "the accounting entries for your orders"}, text{"Buchungen", "Accounting entries"}},
	retention.DeliveryNote:           {text{"Lieferscheine", "delivery notes"}, text{"Lieferscheine", "Delivery notes"}},
	retention.CustomerAccount:        {text{"Ihr Kundenkonto", "your customer account"}, text{"Kundenkonto", "Customer account"}},
	retention.TechnicalData:          {text{"die IP-Adresse und die Browsersprache Ihrer Bestellungen", "the IP address and browser language of your orders"}, text{"Technische Daten der Bestellungen", "Technical data of orders"}},
	retention.NewsletterSubscription: {text{"Ihr Newsletter-Abonnement", "your newsletter subscription"}, text{"Newsletter-Abonnement", "Newsletter subscription"}},
	retention.MarketingConsentProof:  {text{"den Nachweis Ihrer Einwilligung", "the proof of your consent"}, text{"Nachweis der Einwilligung", "Proof of consent"}},
	retention.WarrantyData:           {text{"die Liefer- und Sendungsdaten Ihrer Bestellungen", "the delivery and tracking data of your orders"}, text{"Gewährleistungsdaten", "Warranty data"}},
	retention.OpenOrder:              {text{"alle Daten dieser Bestellungen", "all data of these orders"}, text{"Laufende Bestellungen", "Open orders"}},
	retention.RequestRecord:          {text{"die Nachweise Ihrer Datenschutzanfragen", "the records of your data protection requests"}, text{"Datenschutzanfragen", "Data protection requests"}},
}

// TypeName is a record type's heading in lang.
func TypeName(rt retention.RecordType, lang string) string {
	if n, ok := typeNouns[rt]; ok {
		return n.heading.in(lang)
	}
	return string(rt)
}

func typeObject(rt retention.RecordType, lang string) string {
	if n, ok := typeNouns[rt]; ok {
		return n.object.in(lang)
	}
	return text{"diese Daten", "these data"}.in(lang)
}
