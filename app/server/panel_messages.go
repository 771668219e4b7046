package server

// The frame's texts: navigation, banner, errors, the names of the shop's
// setup fields, request types and statuses. [0] German, [1] English.
func init() {
	messages(map[string][2]string{
		"nav.skip":     {"Zum Inhalt springen", "Skip to content"},
		"nav.label":    {"Hauptnavigation", "Main navigation"},
		"nav.inbox":    {"Anfragen", "Requests"},
		"nav.new":      {"Neue Anfrage", "New request"},
		"nav.archive":  {"Archiv", "Archive"},
		"nav.settings": {"Einstellungen", "Settings"},
		"nav.mail":     {"Postfach (Demo)", "Mailbox (demo)"},
		"nav.logout":   {"Abmelden", "Log out"},

		"banner.setup":     {"Lethe kann Anfragen noch nicht beantworten. Noch offen:", "Lethe cannot answer requests yet. Still missing:"},
		"banner.complete":  {"Einrichtung abschließen", "Complete the setup"},
		"banner.reconnect": {"Ihr Shop muss wieder mit %s verbunden werden.", "Your shop must be connected to %s again."},
		"banner.reconnect.lead": {"%s lehnt den Zugang von Lethe ab: Der Schlüssel wurde widerrufen oder die Anmeldung ist abgelaufen. Ihre Anfragen warten, bis die Verbindung wieder besteht, und laufen dann von selbst an der Stelle weiter, an der sie angehalten haben. Ihre Fristen laufen weiter.",
			"%s refuses Lethe's access: the key was revoked or the authorisation has expired. Your requests wait until the connection is back and then continue by themselves where they stopped. Their deadlines keep running."},
		"banner.reconnect.link":     {"Jetzt wieder verbinden", "Connect again now"},
		"banner.reconnect.settings": {"Verbinden Sie den Shop wieder; die Einstellungen zeigen die verbundenen Systeme.", "Connect the shop again; the settings show the connected systems."},

		"wait.reconnect": {"Wartet, bis %s wieder verbunden ist", "Waiting for %s to be connected again"},
		"wait.other":     {"Wartet (%s)", "Waiting (%s)"},

		"error.title": {"Das hat nicht geklappt", "That did not work"},
		"error.back":  {"Zurück zu den Anfragen", "Back to the requests"},

		"field.legal_name": {"Firmenname", "legal name"},
		"field.street":     {"Straße und Hausnummer", "street and number"},
		"field.postcode":   {"Postleitzahl", "postcode"},
		"field.city":       {"Ort", "city"},
		"field.country":    {"Land", "country"},
		"field.email":      {"Kontakt-E-Mail", "contact e-mail"},
		"field.state":      {"Bundesland", "federal state"},
		"field.authority":  {"Aufsichtsbehörde", "supervisory authority"},

		"type.access":  {"Auskunft", "Access"},
		"type.erasure": {"Löschung", "Erasure"},

		"status.received":        {"Eingegangen", "Received"},
		"status.processing":      {"In Bearbeitung", "Processing"},
		"status.needs_setup":     {"Wartet auf Einrichtung", "Waiting for setup"},
		"status.ready":           {"Antwort bereit", "Answer ready"},
		"status.awaiting_review": {"Wartet auf Freigabe", "Awaiting review"},
		"status.erasing":         {"Wird gelöscht", "Erasing"},
		"status.answered":        {"Beantwortet", "Answered"},
		"status.completed":       {"Abgeschlossen", "Completed"},
		"status.failed":          {"Fehlgeschlagen", "Failed"},
		"status.refused":         {"Abgelehnt", "Refused"},
		"status.withdrawn":       {"Zurückgezogen", "Withdrawn"},
		"status.closed":          {"Geschlossen", "Closed"},

		"login.title": {"Anmelden", "Log in"},
		"login.none":  {"Für diese Installation ist keine Anmeldung eingerichtet.", "No login is set up for this installation."},
	})
}
