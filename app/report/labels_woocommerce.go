package report

// Field names of the WooCommerce connector's items (woocommerce/connector_*.go)
// that the shared catalogue does not name, and the kinds of its
// customer_account items (reviews, comments, the analytics row).
func init() {
	for k, l := range map[string]label{
		"author":              {"Verfasst von", "Written by"},
		"author_url":          {"Website (im Kommentar)", "Website (on the comment)"},
		"comment":             {"Kommentar", "Comment"},
		"last_active_at":      {"Zuletzt aktiv am", "Last active at"},
		"nickname":            {"Spitzname", "Nickname"},
		"post_id":             {"Beitragskennung", "Post ID"},
		"post_title":          {"Beitrag", "Post"},
		"registered_at":       {"Registriert am", "Registered at"},
		"wordpress_meta":      {"Weitere Angaben im WordPress-Konto", "Further details in the WordPress account"},
		"avatar_url":          {"Profilbild (Adresse)", "Profile picture (address)"},
		"billing_email":       {"E-Mail-Adresse (Rechnungsadresse)", "E-mail address (billing address)"},
		"created_via":         {"Angelegt über", "Created via"},
		"customer_note":       {"Anmerkung zur Bestellung", "Note on the order"},
		"is_paying_customer":  {"Zahlende Kundin/zahlender Kunde", "Paying customer"},
		"kind":                {"Art", "Kind"},
		"label":               {"Bezeichnung", "Label"},
		"order_status":        {"Bestellstatus", "Order status"},
		"payment_method_code": {"Zahlungsart (Kennung)", "Payment method (code)"},
		"private_notes":       {"Interne Notizen des Shops", "The shop's internal notes"},
		"product_id":          {"Produktkennung", "Product ID"},
		"product_name":        {"Produkt", "Product"},
		"rating":              {"Bewertung (Sterne)", "Rating (stars)"},
		"review":              {"Rezension", "Review"},
		"reviewer":            {"Name in der Rezension", "Name on the review"},
		"reviewer_email":      {"E-Mail-Adresse in der Rezension", "E-mail address on the review"},
		"role":                {"Benutzerrolle", "User role"},
		"sent_at":             {"Gesendet am", "Sent at"},
		"shipping_methods":    {"Versandarten", "Shipping methods"},
		"shipping_tax":        {"Steuer auf Versand", "Tax on shipping"},
		"status":              {"Status", "Status"},
		"tax_class":           {"Steuerklasse", "Tax class"},
		"username":            {"Benutzername", "Username"},
		"verified_owner":      {"Verifizierter Kauf", "Verified purchase"},
	} {
		if _, ok := fieldLabels[k]; !ok {
			fieldLabels[k] = l
		}
	}
	// What a customer_account item of the connector is (its field kind).
	if valueLabels["kind"] == nil {
		valueLabels["kind"] = map[string]label{}
	}
	for v, l := range map[string]label{
		"product_review": {"Produktbewertung", "Product review"},
		"comment":        {"Kommentar", "Comment"},
		"analytics":      {"Kundendaten in WooCommerce Analytics", "Customer data in WooCommerce Analytics"},
	} {
		if _, ok := valueLabels["kind"][v]; !ok {
			valueLabels["kind"][v] = l
		}
	}
}
