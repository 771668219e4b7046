package server

// The texts of a request whose day of receipt is unknown (a platform's
// delayed webhook: Shopify's customers/redact) and of the form that records
// it (request.html.tmpl, inbox.html.tmpl). [0] German, [1] English.
func init() {
	messages(map[string][2]string{
		"receipt.unknown": {"unbekannt", "unknown"},
		"receipt.received_unknown": {
			"Shopify hat die Anfrage erst am %s übermittelt; die Person hat sie früher gestellt.",
			"Shopify passed the request on only on %s; the person made it earlier."},
		"receipt.due_unknown": {
			"Die Frist läuft einen Monat ab dem Tag, an dem die Person die Anfrage gestellt hat (Art. 12 Abs. 3 DSGVO). Tragen Sie diesen Tag unten ein.",
			"The deadline is one month from the day the person made the request (Art. 12(3) GDPR). Record that day below."},
		"receipt.platform_left":  {"noch %d Tage bis zur Frist der Plattform", "%d days left until the platform's deadline"},
		"receipt.inbox_platform": {"Frist der Plattform: %s", "platform's deadline: %s"},
		"receipt.recorded":       {"von Ihnen eingetragen", "recorded by you"},
		"receipt.arrived":        {"von der Plattform übermittelt am %s", "passed on by the platform on %s"},
		"receipt.form":           {"Eingang der Anfrage eintragen", "Record when the request was made"},
		"receipt.form_correct":   {"Eingang der Anfrage berichtigen", "Correct when the request was made"},
		"receipt.hint": {
			"Shopify leitet Löschanfragen verzögert weiter: nach 10 Tagen, bei einer Bestellung in den letzten sechs Monaten erst sechs Monate danach. Tragen Sie den Tag ein, an dem die Person die Löschung bei Ihnen verlangt hat; Lethe berechnet daraus die Frist.",
			"Shopify passes erasure requests on late: after 10 days, or, after an order in the last six months, only six months after it. Enter the day the person asked you for the erasure; Lethe counts the deadline from it."},
		"receipt.label":  {"Anfrage gestellt am", "Request made on"},
		"receipt.submit": {"Tag speichern", "Save the day"},
		"receipt.done":   {"Der Tag des Eingangs ist gespeichert. Die Frist endet am %s.", "The day of receipt is saved. The deadline ends on %s."},

		"reqpage.ev.receipt": {"Eingang der Anfrage eingetragen: %s; die Frist endet am %s.", "Day of the request recorded: %s; the deadline ends on %s."},
		"reqpage.ev.erase_requested": {
			"Löschung in %s eingeleitet; die Plattform führt sie selbst aus.",
			"Erasure started in %s; the platform carries it out itself."},

		"reqpage.err.invalid_received_on": {
			"Bitte geben Sie einen gültigen Tag an: nicht nach der Übermittlung durch die Plattform und höchstens gut sechs Monate davor.",
			"Please enter a valid day: not after the platform passed the request on, and at most a little over six months before."},
		"reqpage.err.receipt_known": {
			"Der Tag des Eingangs ist bekannt; es gibt nichts einzutragen.",
			"The day of receipt is known; there is nothing to record."},
		"reqpage.err.receipt_unknown": {
			"Die erste Frist ist noch unbekannt: Tragen Sie zuerst ein, wann die Person die Anfrage gestellt hat.",
			"The first deadline is not known yet: first record when the person made the request."},
	})
}
