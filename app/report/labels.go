package report

import (
	"strings"
	"unicode"

	"github.com/lethe-gdpr/lethe/app/gdpr/classify"
)

// label is a name in German and English.
type label struct{ de, en string }

func (l label) in(lang string) string {
	if lang == "de" {
		return l.de
	}
	return l.en
}

// categoryLabel names a category key as the answer does
// (classify.CategoryName), else makes the key readable.
func categoryLabel(key, lang string) string {
	if n := classify.CategoryName(key, lang); n != key {
		return n
	}
	return labelFor(nil, key, lang)
}

// purposeLabel names a purpose key as the answer does
// (classify.PurposeText), else makes the key readable.
func purposeLabel(key, lang string) string {
	if n := classify.PurposeText(key, lang); n != key {
		return n
	}
	return labelFor(nil, key, lang)
}

// recordTypeLabels name gdpr.RecordType values (package retention's
// vocabulary).
var recordTypeLabels = map[string]label{
	"invoice":                 {"Rechnung", "Invoice"},
	"credit_note":             {"Gutschrift", "Credit note"},
	"payment_record":          {"Zahlungsbeleg", "Payment record"},
	"order_confirmation":      {"Bestellbestätigung", "Order confirmation"},
	"business_letter":         {"Geschäftsbrief", "Business letter"},
	"order_note":              {"Interne Notiz zur Bestellung", "Internal order note"},
	"accounting_record":       {"Buchungssatz", "Accounting record"},
	"delivery_note":           {"Lieferschein", "Delivery note"},
	"customer_account":        {"Kundenkonto", "Customer account"},
	"product_review":          {"Produktbewertung", "Product review"},
	"comment":                 {"Kommentar", "Comment"},
	"analytics_record":        {"Eintrag in der Verkaufsstatistik", "Sales statistics entry"},
	"technical_data":          {"Technische Daten", "Technical data"},
	"newsletter_subscription": {"Newsletter-Abonnement", "Newsletter subscription"},
	"marketing_consent_proof": {"Einwilligungsnachweis", "Proof of consent"},
	"warranty_data":           {"Gewährleistungsdaten", "Warranty data"},
	"open_order":              {"Laufende Bestellung", "Open order"},
	"request_record":          {"Nachweis einer Datenschutzanfrage", "Record of a data protection request"},
}

// fieldLabels name the field names connectors use (package retention's
// keep-list names and common profile fields).
var fieldLabels = map[string]label{
	"first_name":               {"Vorname", "First name"},
	"last_name":                {"Nachname", "Last name"},
	"name":                     {"Name", "Name"},
	"email":                    {"E-Mail-Adresse", "E-mail address"},
	"phone":                    {"Telefon", "Phone"},
	"birthday":                 {"Geburtstag", "Birthday"},
	"address":                  {"Adresse", "Address"},
	"addresses":                {"Adressen", "Addresses"},
	"tags":                     {"Schlagwörter", "Tags"},
	"note":                     {"Notiz", "Note"},
	"locale":                   {"Sprache", "Language"},
	"created_at":               {"Angelegt am", "Created at"},
	"updated_at":               {"Geändert am", "Updated at"},
	"accepts_marketing":        {"Werbeeinwilligung", "Accepts marketing"},
	"email_marketing_consent":  {"E-Mail-Werbeeinwilligung", "E-mail marketing consent"},
	"sms_marketing_consent":    {"SMS-Werbeeinwilligung", "SMS marketing consent"},
	"client_ip":                {"IP-Adresse", "IP address"},
	"ip_address":               {"IP-Adresse", "IP address"},
	"user_agent":               {"Browserkennung", "User agent"},
	"custom_attributes":        {"Zusatzangaben", "Custom attributes"},
	"seller_name":              {"Name des Verkäufers", "Seller name"},
	"seller_address":           {"Anschrift des Verkäufers", "Seller address"},
	"buyer_name":               {"Name des Käufers", "Buyer name"},
	"buyer_address":            {"Rechnungsanschrift", "Billing address"},
	"seller_tax_number":        {"Steuernummer des Verkäufers", "Seller tax number"},
	"seller_vat_id":            {"USt-IdNr. des Verkäufers", "Seller VAT ID"},
	"buyer_vat_id":             {"USt-IdNr. des Käufers", "Buyer VAT ID"},
	"invoice_date":             {"Rechnungsdatum", "Invoice date"},
	"invoice_number":           {"Rechnungsnummer", "Invoice number"},
	"line_items":               {"Positionen", "Line items"},
	"delivery_date":            {"Lieferdatum", "Delivery date"},
	"net_amounts":              {"Nettobeträge", "Net amounts"},
	"agreed_reductions":        {"Vereinbarte Minderungen", "Agreed reductions"},
	"tax_rates":                {"Steuersätze", "Tax rates"},
	"tax_amounts":              {"Steuerbeträge", "Tax amounts"},
	"tax_exemption_note":       {"Hinweis auf Steuerbefreiung", "Tax exemption note"},
	"currency":                 {"Währung", "Currency"},
	"corrected_invoice_number": {"Berichtigte Rechnungsnummer", "Corrected invoice number"},
	"order_number":             {"Bestellnummer", "Order number"},
	"order_date":               {"Bestelldatum", "Order date"},
	"shipping_address":         {"Lieferanschrift", "Shipping address"},
	"total_amount":             {"Gesamtbetrag", "Total amount"},
	"payment_method":           {"Zahlungsart", "Payment method"},
	"terms_version":            {"AGB-Version", "Terms version"},
	"payment_date":             {"Zahlungsdatum", "Payment date"},
	"payment_type":             {"Zahlungsvorgang", "Payment type"},
	"amount":                   {"Betrag", "Amount"},
	"transaction_id":           {"Transaktionsnummer", "Transaction ID"},
	"payer_name":               {"Name des Zahlers", "Payer name"},
	"letter_date":              {"Datum des Schreibens", "Letter date"},
	"sender":                   {"Absender", "Sender"},
	"recipient":                {"Empfänger", "Recipient"},
	"subject":                  {"Betreff", "Subject"},
	"body":                     {"Inhalt", "Body"},
	"entry_date":               {"Buchungsdatum", "Entry date"},
	"entry_number":             {"Buchungsnummer", "Entry number"},
	"account":                  {"Konto", "Account"},
	"contra_account":           {"Gegenkonto", "Contra account"},
	"account_holder":           {"Kontoinhaber", "Account holder"},
	"tax_rate":                 {"Steuersatz", "Tax rate"},
	"tax_amount":               {"Steuerbetrag", "Tax amount"},
	"document_number":          {"Belegnummer", "Document number"},
	"booking_text":             {"Buchungstext", "Booking text"},
	"delivery_note_number":     {"Lieferscheinnummer", "Delivery note number"},
	"consent_text_version":     {"Version des Einwilligungstextes", "Consent text version"},
	"consent_given_at":         {"Einwilligung erteilt am", "Consent given at"},
	"consent_confirmed_at":     {"Einwilligung bestätigt am", "Consent confirmed at"},
	"consent_ended_at":         {"Einwilligung beendet am", "Consent ended at"},
	"confirmation_ip":          {"IP-Adresse der Bestätigung", "Confirmation IP address"},
	"serial_numbers":           {"Seriennummern", "Serial numbers"},
	"financial_status":         {"Zahlungsstatus", "Financial status"},
	"fulfillment_status":       {"Versandstatus", "Fulfilment status"},
	"payment_gateways":         {"Zahlungsanbieter", "Payment gateways"},
	"company":                  {"Firma", "Company"},
	"address1":                 {"Straße", "Street"},
	"address2":                 {"Adresszusatz", "Address line 2"},
	"zip":                      {"PLZ", "Postcode"},
	"city":                     {"Ort", "City"},
	"province":                 {"Bundesland/Region", "State/province"},
	"country":                  {"Land", "Country"},
	"description":              {"Beschreibung", "Description"},
	"quantity":                 {"Menge", "Quantity"},
	"unit":                     {"Einheit", "Unit"},
	"unit_price_net":           {"Einzelpreis netto", "Unit price (net)"},
	"net_amount":               {"Nettobetrag", "Net amount"},
	"display_name":             {"Anzeigename", "Display name"},
	"verified_email":           {"E-Mail-Adresse bestätigt", "E-mail address verified"},
	"tax_exempt":               {"Steuerbefreit", "Tax exempt"},
	"data_sale_opt_out":        {"Widerspruch gegen Datenverkauf", "Opted out of data sale"},
	"number_of_orders":         {"Anzahl der Bestellungen", "Number of orders"},
	"amount_spent":             {"Umsatz insgesamt", "Total spent"},
	"default_address":          {"Standardadresse", "Default address"},
	"metafields":               {"Zusatzfelder", "Additional fields"},
	"namespace":                {"Bereich", "Namespace"},
	"key":                      {"Schlüssel", "Key"},
	"type":                     {"Typ", "Type"},
	"value":                    {"Wert", "Value"},
	"state":                    {"Status", "Status"},
	"opt_in_level":             {"Art der Anmeldung", "Opt-in level"},
	"marketing_state":          {"Anmeldestatus", "Subscription status"},
	"channel":                  {"Kanal", "Channel"},
	"collected_from":           {"Erfasst über", "Collected from"},
	"billing_phone":            {"Telefon (Rechnungsadresse)", "Phone (billing address)"},
	"shipping_phone":           {"Telefon (Lieferadresse)", "Phone (shipping address)"},
	"cancelled_at":             {"Storniert am", "Cancelled at"},
	"customer_locale":          {"Browsersprache", "Browser language"},
	"carriers":                 {"Versanddienstleister", "Carriers"},
	"tracking_numbers":         {"Sendungsnummern", "Tracking numbers"},
	"delivery_date_basis":      {"Grundlage des Lieferdatums", "Basis of the delivery date"},
	"open_reasons":             {"Noch offen", "Still open"},
	"sku":                      {"Artikelnummer", "SKU"},
	"country_code":             {"Ländercode", "Country code"},
	"request_type":             {"Art der Anfrage", "Request type"},
	"request_status":           {"Ergebnis", "Outcome"},
	"received_at":              {"Eingegangen am", "Received at"},
	"due_at":                   {"Frist", "Due on"},
	"subject_hash":             {"Kennung (Hash)", "Identifier (hash)"},
	"marketing_updated_at":     {"Einwilligung geändert am", "Consent changed at"},
	"id":                       {"Kennung", "ID"},
}

// labelFor returns the name of key in lang, or the key made readable.
func labelFor(table map[string]label, key, lang string) string {
	if l, ok := table[key]; ok {
		return l.in(lang)
	}
	if key == "" {
		return "—"
	}
	r := []rune(strings.ReplaceAll(key, "_", " "))
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
