package mail

import (
	"fmt"
	"strings"
	"unicode"
)

// recordTypeNames name retention record types for the customer, in the
// plural: "Rechnungen", "invoices".
var recordTypeNames = map[string][2]string{ // de, en
	"invoice":                 {"Rechnungen", "invoices"},
	"credit_note":             {"Gutschriften und Rechnungskorrekturen", "credit notes"},
	"payment_record":          {"Zahlungsbelege (Zahlungen, Erstattungen)", "payment records (payments, refunds)"},
	"order_confirmation":      {"Bestellbestätigungen", "order confirmations"},
	"business_letter":         {"Geschäftsbriefe (z. B. zu Widerruf oder Rücksendung)", "business letters (e.g. on a withdrawal or a return)"},
	"order_note":              {"interne Notizen zu Ihren Bestellungen", "internal notes on your orders"},
	"accounting_record":       {"Buchungen in unserer Buchhaltung", "entries in our accounts"},
	"delivery_note":           {"Lieferscheine", "delivery notes"},
	"customer_account":        {"Kundenkonto", "customer account"},
	"product_review":          {"Produktbewertungen", "product reviews"},
	"comment":                 {"Kommentare im Blog des Shops", "comments on the shop's blog"},
	"analytics_record":        {"Eintrag in der Verkaufsstatistik des Shops", "entry in the shop's sales statistics"},
	"technical_data":          {"technische Daten (z. B. IP-Adresse, Browserkennung)", "technical data (e.g. IP address, user agent)"},
	"newsletter_subscription": {"Newsletter-Abonnement", "newsletter subscription"},
	"marketing_consent_proof": {"Nachweise Ihrer Newsletter-Einwilligung", "proof of your newsletter consent"},
	"warranty_data":           {"Gewährleistungsdaten", "warranty data"},
	"open_order":              {"laufende Bestellungen", "open orders"},
	"request_record":          {"Nachweise Ihrer Datenschutzanfragen", "records of your data protection requests"},
}

// keptWhy says in words why records of a type are kept.
var keptWhy = map[string][2]string{
	"invoice":                 {"steuer- und handelsrechtliche Aufbewahrungspflicht für Rechnungen", "retention duty for invoices under tax and commercial law"},
	"credit_note":             {"steuer- und handelsrechtliche Aufbewahrungspflicht für Rechnungen", "retention duty for invoices under tax and commercial law"},
	"payment_record":          {"Aufbewahrungspflicht für Buchungsbelege", "retention duty for accounting vouchers"},
	"order_confirmation":      {"Aufbewahrungspflicht für Handelsbriefe", "retention duty for business letters"},
	"business_letter":         {"Aufbewahrungspflicht für Handels- und Geschäftsbriefe", "retention duty for business letters"},
	"accounting_record":       {"Aufbewahrungspflicht für Bücher und Aufzeichnungen", "retention duty for books and records"},
	"delivery_note":           {"steuerliche Aufbewahrung, bis die Rechnung ausgestellt ist", "kept for tax purposes until the invoice is issued"},
	"marketing_consent_proof": {"Nachweis Ihrer früheren Einwilligung (Art. 7 Abs. 1 DSGVO), zur Abwehr von Ansprüchen", "proof of your earlier consent (Art. 7(1) GDPR), to defend against claims"},
	"warranty_data":           {"Gewährleistungsansprüche aus Ihrem Kauf", "warranty claims from your purchase"},
	"request_record":          {"Nachweis, dass und wann wir Ihre Anfragen bearbeitet haben (Rechenschaftspflicht); statt Ihrer Kontaktdaten nur ein Prüfwert (Hash)", "showing that and when we handled your requests (accountability); instead of your contact details only a check value (hash)"},
}

// criterionTexts say until when records without an end date are kept.
var criterionTexts = map[string][2]string{
	CriterionLegalHold: {
		"solange ein laufendes Verfahren (z. B. eine Betriebsprüfung) die Aufbewahrung erfordert; danach löschen wir sie",
		"as long as pending proceedings (such as a tax audit) require it; then we delete them"},
	CriterionUntilInvoice: {
		"bis die Rechnung ausgestellt ist; danach löschen wir sie",
		"until the invoice is issued; then we delete them"},
	CriterionDeliveryUnknown: {
		"bis die Gewährleistungsfrist ab Lieferung abgelaufen ist (das Lieferdatum steht noch nicht fest); danach löschen wir sie",
		"until the warranty period after delivery has ended (the delivery date is not known yet); then we delete them"},
	CriterionDocumentUndated: {
		"bis die gesetzliche Aufbewahrungsfrist abgelaufen ist (das Datum des Belegs ist uns nicht bekannt); danach löschen wir sie",
		"until the legal retention period has ended (the document's date is not known to us); then we delete them"},
	CriterionUnknown: {
		"bis die Aufbewahrungspflicht endet; danach löschen wir sie",
		"until the retention duty ends; then we delete them"},
}

// reasonTexts say why erasure is deferred.
var reasonTexts = map[string][2]string{
	ReasonContract: {
		"Die Bestellung ist noch nicht vollständig abgewickelt (noch nicht bezahlt, noch nicht versandt oder eine Rücksendung ist offen).",
		"The order has not been completed yet (not yet paid, not yet shipped, or a return is open)."},
	ReasonContractLegalHold: {
		"Die Bestellung ist noch nicht vollständig abgewickelt (noch nicht bezahlt, noch nicht versandt oder eine Rücksendung ist offen); außerdem erfordert ein laufendes Verfahren die Aufbewahrung.",
		"The order has not been completed yet (not yet paid, not yet shipped, or a return is open); pending proceedings also require keeping it."},
}

// fieldNames name the fields of the retention keep lists (and common
// profile fields) for the customer.
var fieldNames = map[string][2]string{
	"seller_name":              {"Name des Verkäufers", "seller's name"},
	"seller_address":           {"Anschrift des Verkäufers", "seller's address"},
	"buyer_name":               {"Ihr Name", "your name"},
	"buyer_address":            {"Ihre Rechnungsanschrift", "your billing address"},
	"seller_tax_number":        {"Steuernummer des Verkäufers", "seller's tax number"},
	"seller_vat_id":            {"USt-IdNr. des Verkäufers", "seller's VAT ID"},
	"buyer_vat_id":             {"Ihre USt-IdNr.", "your VAT ID"},
	"invoice_date":             {"Rechnungsdatum", "invoice date"},
	"invoice_number":           {"Rechnungsnummer", "invoice number"},
	"line_items":               {"Positionen (Waren, Mengen, Preise)", "line items (goods, quantities, prices)"},
	"delivery_date":            {"Lieferdatum", "delivery date"},
	"net_amounts":              {"Nettobeträge", "net amounts"},
	"agreed_reductions":        {"vereinbarte Preisminderungen", "agreed reductions"},
	"tax_rates":                {"Steuersätze", "tax rates"},
	"tax_amounts":              {"Steuerbeträge", "tax amounts"},
	"tax_exemption_note":       {"Hinweis auf eine Steuerbefreiung", "tax exemption note"},
	"currency":                 {"Währung", "currency"},
	"corrected_invoice_number": {"Nummer der berichtigten Rechnung", "number of the corrected invoice"},
	"order_number":             {"Bestellnummer", "order number"},
	"order_date":               {"Bestelldatum", "order date"},
	"shipping_address":         {"Lieferanschrift", "shipping address"},
	"total_amount":             {"Gesamtbetrag", "total amount"},
	"payment_method":           {"Zahlungsart", "payment method"},
	"terms_version":            {"Version der AGB", "version of the terms"},
	"payment_date":             {"Zahlungsdatum", "payment date"},
	"payment_type":             {"Art des Zahlungsvorgangs", "payment type"},
	"amount":                   {"Betrag", "amount"},
	"transaction_id":           {"Transaktionsnummer", "transaction ID"},
	"payer_name":               {"Name des Zahlers", "payer's name"},
	"letter_date":              {"Datum des Schreibens", "date of the letter"},
	"sender":                   {"Absender", "sender"},
	"recipient":                {"Empfänger", "recipient"},
	"subject":                  {"Betreff", "subject"},
	"body":                     {"Inhalt", "content"},
	"entry_date":               {"Buchungsdatum", "entry date"},
	"entry_number":             {"Buchungsnummer", "entry number"},
	"account":                  {"Konto", "account"},
	"contra_account":           {"Gegenkonto", "contra account"},
	"account_holder":           {"Kontoinhaber", "account holder"},
	"tax_rate":                 {"Steuersatz", "tax rate"},
	"tax_amount":               {"Steuerbetrag", "tax amount"},
	"document_number":          {"Belegnummer", "document number"},
	"booking_text":             {"Buchungstext", "booking text"},
	"delivery_note_number":     {"Lieferscheinnummer", "delivery note number"},
	"email":                    {"E-Mail-Adresse", "e-mail address"},
	"consent_text_version":     {"Version des Einwilligungstextes", "version of the consent text"},
	"consent_given_at":         {"Zeitpunkt der Einwilligung", "when consent was given"},
	"consent_confirmed_at":     {"Zeitpunkt der Bestätigung", "when consent was confirmed"},
	"consent_ended_at":         {"Ende der Einwilligung", "when consent ended"},
	"confirmation_ip":          {"IP-Adresse der Bestätigung", "IP address of the confirmation"},
	"serial_numbers":           {"Seriennummern", "serial numbers"},
	"subject_hash":             {"Prüfwert (Hash) Ihrer Kennung", "check value (hash) of your identifier"},
	"request_type":             {"Art der Anfrage", "type of request"},
	"request_status":           {"Stand der Anfrage", "status of the request"},
	"received_at":              {"Eingang", "date received"},
	"due_at":                   {"Frist", "deadline"},
	"answered_at":              {"Beantwortung", "date answered"},
	"completed_at":             {"Erledigung", "date completed"},
	"first_name":               {"Vorname", "first name"},
	"last_name":                {"Nachname", "last name"},
	"name":                     {"Name", "name"},
	"phone":                    {"Telefonnummer", "phone number"},
	"address":                  {"Anschrift", "address"},
	"billing_phone":            {"Telefonnummer", "phone number"},
	"shipping_phone":           {"Telefonnummer der Lieferanschrift", "phone number of the shipping address"},
	"customer_note":            {"Ihre Anmerkung zur Bestellung", "your note on the order"},
	"metafields":               {"weitere Angaben zur Bestellung", "further details of the order"},
	"private_notes":            {"interne Notizen zur Bestellung", "internal notes on the order"},
	"client_ip":                {"IP-Adresse", "IP address"},
	"user_agent":               {"Browserkennung", "user agent"},
}

// countryNames name the countries recipients are most often in; other
// codes are shown as they are.
var countryNames = map[string][2]string{
	"DE": {"Deutschland", "Germany"}, "AT": {"Österreich", "Austria"}, "CH": {"Schweiz", "Switzerland"},
	"IE": {"Irland", "Ireland"}, "NL": {"Niederlande", "Netherlands"}, "LU": {"Luxemburg", "Luxembourg"},
	"FR": {"Frankreich", "France"}, "BE": {"Belgien", "Belgium"}, "PL": {"Polen", "Poland"},
	"SE": {"Schweden", "Sweden"}, "ES": {"Spanien", "Spain"}, "IT": {"Italien", "Italy"},
	"GB": {"Vereinigtes Königreich", "United Kingdom"}, "US": {"USA", "United States"}, "CA": {"Kanada", "Canada"},
}

// recipientCategories translate the recipient categories Lethe uses into
// German; others are shown as given.
var recipientCategories = map[string]string{
	"payment provider":                   "Zahlungsdienstleister",
	"carrier":                            "Versanddienstleister",
	"processor (hosting, shop platform)": "Auftragsverarbeiter (Hosting, Shop-Plattform)",
	"sub-processor (onward transfer by Shopify International Limited)": "Unterauftragsverarbeiter (Weiterübermittlung durch Shopify International Limited)",
	"processor (handling of data protection requests)":                 "Auftragsverarbeiter (Bearbeitung von Datenschutzanfragen)",
	"tax adviser": "Steuerberater",
	"processor":   "Auftragsverarbeiter",
}

// named returns key's name in lang from table, else the key made
// readable ("gift_card" → "gift card").
func named(table map[string][2]string, key, lang string) string {
	if n, ok := table[key]; ok {
		return pick(lang, n)
	}
	return strings.ReplaceAll(key, "_", " ")
}

// pick returns the German or the English of a pair.
func pick(lang string, deEn [2]string) string {
	if lang == "de" {
		return deEn[0]
	}
	return deEn[1]
}

// records writes a count of records: "1 Datensatz", "3 records".
func records(lang string, n int) string {
	switch {
	case lang == "de" && n == 1:
		return "1 Datensatz"
	case lang == "de":
		return fmt.Sprintf("%d Datensätze", n)
	case n == 1:
		return "1 record"
	}
	return fmt.Sprintf("%d records", n)
}

// capitalize upper-cases the first letter (list items start a line).
func capitalize(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}
