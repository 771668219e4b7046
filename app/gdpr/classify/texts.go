package classify

import (
	"fmt"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// text is a text in German and English.
type text struct{ de, en string }

func (t text) in(lang string) string {
	if lang == "de" {
		return t.de
	}
	return t.en
}

var categoryNames = map[string]text{
	"customer_account": {"Kundenkonto", "Customer account"},
	"contributions":    {"Ihre Bewertungen und Kommentare", "Your reviews and comments"},
	"newsletter":       {"Newsletter und Werbung", "Newsletter and marketing"},
	"consent":          {"Nachweise Ihrer Einwilligungen", "Proof of your consents"},
	"open_orders":      {"Laufende Bestellungen", "Open orders"},
	"orders":           {"Bestellungen", "Orders"},
	"order_notes":      {"Interne Notizen zu Ihren Bestellungen", "Internal notes on your orders"},
	"invoices":         {"Rechnungen", "Invoices"},
	"payments":         {"Zahlungen", "Payments"},
	"shipping":         {"Versand", "Shipping"},
	"warranty":         {"Gewährleistung", "Warranty"},
	"correspondence":   {"Korrespondenz", "Correspondence"},
	"accounting":       {"Buchhaltung", "Accounting"},
	"technical_data":   {"Technische Daten", "Technical data"},
	"analytics":        {"Verkaufsstatistik", "Sales statistics"},
	"requests":         {"Ihre Datenschutzanfragen", "Your data protection requests"},
}

var purposeTexts = map[string]text{
	"customer_account":     {"Führung Ihres Kundenkontos", "Keeping your customer account"},
	"customer_service":     {"Kundenservice", "Customer service"},
	"contract":             {"Erfüllung des Kaufvertrags", "Performance of the purchase contract"},
	"shipping":             {"Versand der Ware", "Shipping the goods"},
	"payment":              {"Zahlungsabwicklung", "Payment processing"},
	"warranty":             {"Gewährleistung", "Warranty"},
	"tax_retention":        {"Steuerliche Aufbewahrungspflicht", "Retention duty under tax law"},
	"commercial_retention": {"Handelsrechtliche Aufbewahrungspflicht", "Retention duty under commercial law"},
	"accounting":           {"Buchführung", "Bookkeeping"},
	"legal_obligation":     {"Erfüllung rechtlicher Pflichten", "Compliance with a legal obligation"},
	"newsletter":           {"Versand des Newsletters", "Sending the newsletter"},
	"marketing":            {"Direktwerbung", "Direct marketing"},
	"consent_proof":        {"Nachweis Ihrer Einwilligung (Art. 7 Abs. 1 DSGVO)", "Proof of your consent (Art. 7(1) GDPR)"},
	"legal_claims":         {"Geltendmachung und Abwehr von Rechtsansprüchen", "Establishing and defending legal claims"},
	"fraud_prevention":     {"Betrugsprävention", "Fraud prevention"},
	"security":             {"IT-Sicherheit", "IT security"},
	"accountability":       {"Nachweis, dass wir Ihre Anfragen bearbeitet haben (Art. 5 Abs. 2 DSGVO)", "Showing that we handled your requests (Art. 5(2) GDPR)"},
	"publication":          {"Veröffentlichung Ihrer Bewertungen und Kommentare im Shop (für alle Besucher sichtbar)", "Publishing your reviews and comments in the shop (visible to every visitor)"},
	"moderation":           {"Prüfung der Beiträge vor der Freischaltung und Abwehr von Missbrauch", "Checking contributions before they are published, and preventing abuse"},
	"order_documentation":  {"Dokumentation der Bearbeitung Ihrer Bestellungen (etwa für Rückfragen und Reklamationen)", "Documenting how your orders were handled (for example for questions and complaints)"},
	"sales_analytics":      {"Auswertung der Verkäufe für die Führung des Shops (Statistik)", "Analysing sales to run the shop (statistics)"},
}

var basisTexts = map[string]text{
	basisConsent:  {"Einwilligung, Art. 6 Abs. 1 lit. a DSGVO", "consent, Art. 6(1)(a) GDPR"},
	basisContract: {"Vertrag, Art. 6 Abs. 1 lit. b DSGVO", "contract, Art. 6(1)(b) GDPR"},
	basisLegal:    {"rechtliche Verpflichtung, Art. 6 Abs. 1 lit. c DSGVO", "legal obligation, Art. 6(1)(c) GDPR"},
	basisInterest: {"berechtigtes Interesse, Art. 6 Abs. 1 lit. f DSGVO", "legitimate interest, Art. 6(1)(f) GDPR"},
}

var sourceTexts = map[string]text{
	"account":           {"von Ihnen bei der Registrierung oder Bestellung angegeben; Schlagwörter und Notizen hat der Shop ergänzt", "given by you when you registered or ordered; tags and notes were added by the shop"},
	"newsletter_signup": {"von Ihnen bei der Anmeldung zum Newsletter angegeben", "given by you when you signed up for the newsletter"},
	"consent_log":       {"vom Shopsystem bei Ihrer An- oder Abmeldung aufgezeichnet", "recorded by the shop system when you subscribed or unsubscribed"},
	"order":             {"aus Ihrer Bestellung; Belege hat der Shop daraus erstellt", "from your order; the shop created the documents from it"},
	"payment":           {"aus Ihrer Bestellung und der Zahlungsbestätigung des Zahlungsdienstleisters", "from your order and the payment provider's confirmation of the payment"},
	"shipment":          {"aus Ihrer Bestellung und den Versanddaten des Shops und des Versanddienstleisters", "from your order and the shipping records of the shop and the carrier"},
	"checkout":          {"vom Shopsystem beim Bestellvorgang aufgezeichnet", "recorded by the shop system during checkout"},
	"correspondence":    {"aus unserer Korrespondenz mit Ihnen", "from our correspondence with you"},
	"bookkeeping":       {"aus unserer Buchhaltung, erstellt aus Ihren Bestellungen und Zahlungen", "from our bookkeeping, created from your orders and payments"},
	"request":           {"aus Ihren früheren Anfragen an uns (direkt oder über die Shop-Plattform)", "from your earlier requests to us (directly or through the shop platform)"},
	"contribution":      {"von Ihnen beim Verfassen der Bewertung oder des Kommentars angegeben", "given by you when you wrote the review or comment"},
	"staff_notes":       {"von den Mitarbeitenden des Shops bei der Bearbeitung Ihrer Bestellung notiert, teils vom Shopsystem selbst", "written by the shop's staff while handling your order, some by the shop system itself"},
	"derived":           {"vom Shopsystem aus Ihrem Kundenkonto und Ihren Bestellungen abgeleitet", "derived by the shop system from your customer account and your orders"},
	"other":             {"aus den Systemen des Shops", "from the shop's systems"},
}

// SourceText is the source (Art. 15(1)(g)) of a source key in lang.
func SourceText(key, lang string) string {
	if t, ok := sourceTexts[key]; ok {
		return t.in(lang)
	}
	return sourceTexts["other"].in(lang)
}

// CategoryName is the name of a category key in lang.
func CategoryName(key, lang string) string {
	if t, ok := categoryNames[key]; ok {
		return t.in(lang)
	}
	return key
}

// PurposeText is the text of a purpose key in lang.
func PurposeText(key, lang string) string {
	if t, ok := purposeTexts[key]; ok {
		return t.in(lang)
	}
	return key
}

// CriterionText is the storage criterion in lang (Art. 15(1)(d)).
func CriterionText(c Criterion, lang string) string {
	p := periodText(c.Period, lang)
	de := lang == "de"
	pick := func(d, e string) string {
		if de {
			return d
		}
		return e
	}
	switch c.Key {
	case "document_year":
		return pick(p+" ab Ende des Kalenderjahres des Belegs", p+" from the end of the calendar year of the document")
	case "document_year_undated":
		return pick(p+" ab Ende des Kalenderjahres des Belegs (das Belegdatum ist nicht bekannt)", p+" from the end of the calendar year of the document (the document date is not known)")
	case "delivery":
		return pick(p+" ab Lieferung (Verjährung der Gewährleistungsansprüche)", p+" from delivery (limitation of warranty claims)")
	case "delivery_unknown":
		return pick(p+" ab Lieferung; das Lieferdatum steht noch nicht fest", p+" from delivery; the delivery date is not known yet")
	case "consent_end":
		return pick(p+" ab Ende des Jahres, in dem Ihre Einwilligung endet", p+" from the end of the year in which your consent ends")
	case "until_invoice":
		return pick("bis die Rechnung ausgestellt ist", "until the invoice is issued")
	case "account":
		return pick("bis Sie Ihr Kundenkonto löschen oder uns um Löschung bitten", "until you delete your account or ask us to erase it")
	case "unsubscribe":
		return pick("bis Sie den Newsletter abbestellen oder Ihre Einwilligung widerrufen", "until you unsubscribe or withdraw your consent")
	case "erasure":
		return pick("bis Sie uns um Löschung bitten", "until you ask us to erase it")
	case "withdrawal":
		return pick("bis Sie Ihre Einwilligung in die Veröffentlichung widerrufen oder uns um Löschung bitten", "until you withdraw your consent to publication or ask us to erase it")
	case "with_order":
		return pick("mit der Bestellung, zu der sie gehört, längstens so lange wie diese; auf Ihren Wunsch löschen wir sie vorher", "with the order it belongs to, at most as long as the order; erased earlier at your request")
	case "derived":
		return pick("solange die Daten bestehen, aus denen sie abgeleitet sind (Kundenkonto, Bestellungen); auf Ihren Widerspruch oder Wunsch löschen wir sie vorher", "as long as the data they are derived from exist (customer account, orders); erased earlier on your objection or at your request")
	case "technical":
		return pick(fmt.Sprintf("%d Tage ab der Bestellung, zur Betrugsabwehr und zur Sicherheit des Shops", c.Days),
			fmt.Sprintf("%d days from the order, for fraud prevention and the shop's security", c.Days))
	case "contract":
		return pick("bis die Bestellung vollständig abgewickelt ist; danach nach den gesetzlichen Aufbewahrungsfristen", "until the order has been completed; then as the legal retention periods require")
	case "legal_hold":
		return pick("solange eine Aufbewahrung wegen eines laufenden Verfahrens (z. B. einer Betriebsprüfung) erforderlich ist", "as long as pending proceedings (such as a tax audit) require it")
	case "ended":
		ended := ""
		if c.Ended != nil {
			ended = c.Ended.Long(lang)
		}
		return pick("die Aufbewahrungsfrist ist am "+ended+" abgelaufen; die Daten sind zur Löschung fällig (Art. 5 Abs. 1 lit. e DSGVO)",
			"the retention period ended on "+ended+"; the data are due to be erased (Art. 5(1)(e) GDPR)")
	}
	return c.Key
}

func periodText(p retention.Period, lang string) string {
	if lang != "de" {
		return p.String()
	}
	unit := func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", n, many)
	}
	var parts []string
	if p.Years > 0 {
		parts = append(parts, unit(p.Years, "Jahr", "Jahre"))
	}
	if p.Months > 0 {
		parts = append(parts, unit(p.Months, "Monat", "Monate"))
	}
	return strings.Join(parts, " und ")
}

// recipientCategories and safeguards in German; other texts stay as given.
var recipientTexts = map[string]string{
	CategoryPaymentProvider:                  "Zahlungsdienstleister",
	CategoryCarrier:                          "Versanddienstleister",
	catPlatform:                              "Auftragsverarbeiter (Hosting, Shop-Plattform)",
	catPlatformOnward:                        "Unterauftragsverarbeiter (Weiterübermittlung durch Shopify International Limited)",
	catLethe:                                 "Auftragsverarbeiter (Bearbeitung von Datenschutzanfragen)",
	"tax adviser":                            "Steuerberater",
	"processor":                              "Auftragsverarbeiter",
	answer.SafeguardCanada:                   "Angemessenheitsbeschluss der EU-Kommission 2002/2/EG (Kanada)",
	answer.SafeguardDPF:                      "Angemessenheitsbeschluss (EU) 2023/1795, EU-US Data Privacy Framework (Art. 45 DSGVO)",
	answer.SafeguardBCR:                      "verbindliche interne Datenschutzvorschriften (Art. 46 Abs. 2 lit. b, Art. 47 DSGVO)",
	answer.SafeguardSCC:                      "Standardvertragsklauseln der EU-Kommission (Art. 46 Abs. 2 lit. c DSGVO)",
	answer.CategoryBank:                      "die Bank des Shops (Zahlung per Überweisung)",
	answer.CategoryOnward:                    "Weiterübermittlung innerhalb der Unternehmensgruppe des Anbieters oder an seine Auftragsverarbeiter",
	"Klarna's processors outside the EU/EEA": "Auftragsverarbeiter von Klarna außerhalb der EU/des EWR",
	"standard contractual clauses":           "Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO)",
	"standard contractual clauses (Art. 46)": "Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO)",
}

func recipientText(s, lang string) string {
	if lang == "de" {
		if t, ok := recipientTexts[s]; ok {
			return t
		}
		if t, ok := recipientTexts[strings.ToLower(s)]; ok {
			return t
		}
	}
	return s
}
