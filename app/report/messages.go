package report

import "fmt"

// messages are the fixed texts of the HTML pages. Every key exists in both
// languages (TestMessagesComplete); a key a template uses but this table
// lacks fails the render.
var messages = map[string]label{
	// report.html
	"title":               {"Auskunft über Ihre personenbezogenen Daten", "Access to your personal data"},
	"subtitle":            {"nach Art. 15 der Datenschutz-Grundverordnung (DSGVO)", "under Art. 15 of the General Data Protection Regulation (GDPR)"},
	"controller":          {"Verantwortlicher", "Controller"},
	"email":               {"E-Mail", "E-mail"},
	"website":             {"Website", "Website"},
	"request":             {"Ihre Anfrage", "Your request"},
	"request_id":          {"Vorgangsnummer", "Reference number"},
	"received":            {"Eingegangen am", "Received on"},
	"due":                 {"Zu beantworten bis", "To be answered by"},
	"extended_due":        {"Verlängerte Frist bis (Art. 12 Abs. 3 DSGVO)", "Extended deadline (Art. 12(3) GDPR)"},
	"dpo":                 {"Datenschutzbeauftragter", "Data protection officer"},
	"phone":               {"Telefon", "Phone"},
	"generated":           {"Erstellt am", "Generated on"},
	"confirmation":        {"Bestätigung", "Confirmation"},
	"processed_yes":       {"Wir verarbeiten personenbezogene Daten über Sie. Im Folgenden finden Sie alle Angaben nach Art. 15 DSGVO und eine Kopie Ihrer Daten.", "We process personal data about you. Below you find all the information required by Art. 15 GDPR and a copy of your data."},
	"processed_no":        {"Wir haben Ihre Anfrage geprüft und in allen unseren Systemen gesucht: Wir verarbeiten keine personenbezogenen Daten über Sie.", "We have checked your request and searched all our systems: we do not process any personal data about you."},
	"categories":          {"Kategorien Ihrer Daten, Zwecke, Empfänger, Speicherdauer und Herkunft", "Categories of your data, purposes, recipients, storage period and source"},
	"category":            {"Datenkategorie", "Category of data"},
	"purposes":            {"Zwecke der Verarbeitung", "Purposes of the processing"},
	"recipients":          {"Empfänger", "Recipients"},
	"no_recipients":       {"Diese Daten werden niemandem offengelegt.", "These data are disclosed to nobody."},
	"recipient_name":      {"Empfänger", "Recipient"},
	"recipient_category":  {"Art des Empfängers", "Type of recipient"},
	"country":             {"Land", "Country"},
	"third_country":       {"Drittland", "Third country"},
	"safeguards":          {"Übermittlung in ein Drittland und Garantien", "Transfer to a third country and safeguards"},
	"third_country_yes":   {"ja, außerhalb der EU/des EWR", "yes, outside the EU/EEA"},
	"third_country_no":    {"nein, innerhalb der EU/des EWR", "no, within the EU/EEA"},
	"storage":             {"Speicherdauer", "Storage period"},
	"stored_until":        {"gespeichert bis einschließlich %s", "stored until and including %s"},
	"legal_reference":     {"Rechtsgrundlage der Aufbewahrung", "Legal basis for keeping them"},
	"doc_type":            {"Unterlagen", "Documents"},
	"count":               {"Anzahl", "Number"},
	"storage_rule":        {"Wie lange und warum", "How long and why"},
	"overdue_mark":        {"Frist abgelaufen: zur Löschung fällig", "Period ended: due for erasure"},
	"objection":           {"Ihr Widerspruchsrecht", "Your right to object"},
	"objection_marketing": {"Widerspruch gegen Direktwerbung", "Objection to direct marketing"},
	"objection_interests": {"Widerspruch gegen Verarbeitungen auf Grundlage berechtigter Interessen", "Objection to processing based on legitimate interests"},
	"source":              {"Herkunft der Daten", "Source of the data"},
	"source_subject":      {"Von Ihnen selbst angegeben.", "Provided by you."},
	"rights":              {"Ihre Rechte", "Your rights"},
	"rights_intro":        {"Sie haben die folgenden Rechte gegenüber uns:", "You have the following rights towards us:"},
	"complaint":           {"Beschwerderecht bei einer Aufsichtsbehörde", "Right to lodge a complaint with a supervisory authority"},
	"authority":           {"Zuständige Aufsichtsbehörde", "Competent supervisory authority"},
	"authority_address":   {"Anschrift", "Address"},
	"authority_website":   {"Website", "Website"},
	"automated":           {"Automatisierte Entscheidungsfindung einschließlich Profiling", "Automated decision-making, including profiling"},
	"automated_none":      {"Es findet keine automatisierte Entscheidungsfindung einschließlich Profiling im Sinne von Art. 22 DSGVO statt.", "There is no automated decision-making, including profiling, within the meaning of Art. 22 GDPR."},
	"automated_logic":     {"Involvierte Logik", "Logic involved"},
	"automated_effects":   {"Tragweite und angestrebte Auswirkungen", "Significance and envisaged consequences"},
	"copy":                {"Kopie Ihrer Daten", "Copy of your data"},
	"copy_intro":          {"Ihre Bestellungen stehen hier je eine Zeile; alle übrigen Datensätze mit allen Feldern. Jeden Datensatz mit allen seinen Feldern, auch jede Bestellung mit ihren Positionen, erhalten Sie vollständig und maschinenlesbar als report.json und als CSV-Dateien in report.zip (Art. 20 DSGVO).", "Your orders are listed here one row each; every other record with all its fields. Every record with all its fields, each order with its line items too, is in full and machine-readable in report.json and in the CSV files of report.zip (Art. 20 GDPR)."},
	"orders":              {"Ihre Bestellungen", "Your orders"},
	"order":               {"Bestellung", "Order"},
	"total":               {"Betrag", "Total"},
	"status":              {"Stand", "Status"},
	"paid_via":            {"Zahlung über", "Paid via"},
	"shipped_by":          {"Versand durch", "Shipped by"},
	"ip":                  {"IP-Adresse", "IP address"},
	"documents":           {"Gespeicherte Unterlagen", "Documents kept"},
	"overdue_note":        {"* Die Aufbewahrungsfrist dieser Unterlagen ist abgelaufen; sie sind zur Löschung fällig (Art. 5 Abs. 1 lit. e DSGVO).", "* The retention period of these documents has ended; they are due to be erased (Art. 5(1)(e) GDPR)."},
	"bank_transfer":       {"Bank des Shops (Überweisung)", "the shop's bank (bank transfer)"},
	"order_cancelled":     {"storniert", "cancelled"},
	"order_open":          {"noch nicht abgeschlossen", "not completed yet"},
	"copy_empty":          {"Es sind keine Datensätze vorhanden.", "There are no records."},
	"record":              {"Datensatz", "Record"},
	"record_id":           {"Kennung", "ID"},
	"system":              {"System", "System"},
	"date":                {"Datum", "Date"},
	"delivered":           {"Geliefert am", "Delivered on"},
	"invoiced":            {"Rechnung vom", "Invoiced on"},
	"consent_ended":       {"Einwilligung beendet am", "Consent ended on"},
	"legal_basis":         {"Rechtsgrundlage", "Legal basis"},
	"fields":              {"Gespeicherte Angaben", "Data held"},
	"field":               {"Feld", "Field"},
	"value":               {"Wert", "Value"},
	"no_fields":           {"keine weiteren Angaben", "no further data"},
	"yes":                 {"ja", "yes"},
	"no":                  {"nein", "no"},
	"none":                {"—", "—"},
	"items_count":         {"Anzahl: %d", "number: %d"},
	"formats":             {"Formate", "Formats"},
	"formats_text":        {"Diese Auskunft gibt es auch als report.json (maschinenlesbar) und report.zip (eine CSV-Datei je Datensatzart).", "This answer is also available as report.json (machine-readable) and report.zip (one CSV file per record type)."},
	"schema":              {"Schema", "Schema"},
	"print":               {"Zum Ausdrucken oder Speichern als PDF nutzen Sie die Druckfunktion Ihres Browsers.", "To print or save as PDF, use your browser's print function."},

	// landing page, expired and unknown links
	"landing_title":   {"Ihre Datenauskunft", "Your data access report"},
	"landing_intro":   {"%s hat Ihre Anfrage nach Art. 15 DSGVO beantwortet. Hier können Sie die Auskunft ansehen und herunterladen.", "%s has answered your request under Art. 15 GDPR. Here you can view and download the answer."},
	"landing_html":    {"Auskunft ansehen und drucken (HTML)", "View and print the answer (HTML)"},
	"landing_zip":     {"Daten als CSV-Dateien herunterladen (ZIP, Art. 20 DSGVO)", "Download the data as CSV files (ZIP, Art. 20 GDPR)"},
	"landing_json":    {"Maschinenlesbare Auskunft herunterladen (JSON)", "Download the machine-readable answer (JSON)"},
	"landing_expires": {"Dieser Link ist gültig bis %s.", "This link is valid until %s."},
	"landing_private": {"Der Link ist persönlich. Bitte geben Sie ihn nicht weiter.", "This link is personal. Please do not share it."},
	"switch_language": {"English", "Deutsch"},
	"gone_title":      {"Dieser Link ist abgelaufen", "This link has expired"},
	"gone_text":       {"Aus Sicherheitsgründen ist der Link zu Ihrer Datenauskunft nur begrenzte Zeit gültig. Bitten Sie %s um einen neuen Link.", "For your security, the link to your data access report is valid for a limited time only. Please ask %s for a new link."},
	"gone_contact":    {"Kontakt: %s", "Contact: %s"},
	"the_shop":        {"den Shop", "the shop"},
	"notfound_title":  {"Link nicht gefunden", "Link not found"},
	"notfound_text":   {"Diesen Link kennen wir nicht. Bitte prüfen Sie, ob Sie ihn vollständig kopiert haben, oder wenden Sie sich an den Shop.", "We do not know this link. Please check that you copied it completely, or contact the shop."},
}

// message returns the text of key in lang, formatted with args.
func message(lang, key string, args ...any) (string, error) {
	l, ok := messages[key]
	if !ok {
		return "", fmt.Errorf("report: no message %q", key)
	}
	s := l.in(lang)
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s, nil
}
