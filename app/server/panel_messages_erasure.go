package server

// The texts of an erasure a system could not carry out (guest orders at
// Shopify), of one the shop started itself, and of an authority corrected
// without its address. [0] German, [1] English.
func init() {
	messages(map[string][2]string{
		"form.err.authority_contact": {"Bitte Anschrift und Website der Behörde angeben: Ihre Antworten nennen beides, und Lethe kennt sie nur für die Behörde Ihres Bundeslands.", "Please give the authority's postal address and website: your answers name both, and Lethe knows them only for the authority of your federal state."},
		"reqpage.channel.shop":       {"vom Shop selbst veranlasst (Aufbewahrungsfrist abgelaufen, Art. 5 Abs. 1 lit. e DSGVO)", "started by the shop itself (retention period ended, Art. 5(1)(e) GDPR)"},
		"reqpage.ev.erase_unsupported": {
			"In %s nichts gelöscht: Die Plattform bietet für diese Daten (etwa Bestellungen ohne Kundenkonto) keine Löschung an, die Lethe veranlassen kann. Löschen Sie sie in %s selbst; die Bestätigung an die Person sagt, dass sie noch nicht gelöscht sind.",
			"Nothing erased in %s: the platform offers no erasure of these data (such as orders without a customer account) that Lethe can start. Delete them in %s yourself; the confirmation to the person says they are not erased yet.",
		},
		"reqpage.ev.erase_partial": {
			"In %s gelöscht bis auf das Folgende, das Lethe dort nicht löschen konnte. Bitte löschen Sie es dort selbst (bei einer Bestellung, die aufbewahrt wird, ohne die Rechnungsanschrift zu ändern); die Bestätigung an die Person sagt, dass es noch nicht gelöscht ist.",
			"Erased in %s except the following, which Lethe could not erase there. Please delete it there yourself (for an order that is kept, without changing its billing address); the confirmation to the person says it is not erased yet.",
		},
		"reqpage.left.order":              {"Bestellung #%s", "order #%s"},
		"reqpage.left.note":               {"Notiz %s zu Bestellung #%s", "note %s of order #%s"},
		"reqpage.left.account":            {"Kundenkonto %s", "customer account %s"},
		"reqpage.left.kind.review":        {"Produktbewertung", "product review"},
		"reqpage.left.kind.comment":       {"Kommentar", "comment"},
		"reqpage.left.kind.analytics":     {"Statistik-Eintrag (Analytics) des Kunden", "analytics row of the customer"},
		"reqpage.left.why.plugin_missing": {"Nur das Plugin „Lethe Privacy“ kann dies löschen, und es ist im Shop nicht installiert oder nicht eingerichtet (Einstellungen → Verbundene Systeme)", "Only the “Lethe Privacy” plugin can erase this, and it is not installed or not set up in the store (Settings → Connected systems)"},
		"reqpage.left.why.plugin_failed":  {"Das Plugin „Lethe Privacy“ hat die Löschung abgelehnt (prüfen Sie den geheimen Schlüssel in seinen Einstellungen)", "The “Lethe Privacy” plugin refused the erasure (check the secret in its settings)"},
		"reqpage.left.why.invoice":        {"Die Schnittstelle ändert dies nur zusammen mit der Rechnungs- oder Lieferanschrift, und dann berechnet das Shopsystem die Steuern der aufbewahrten Rechnung neu", "The interface changes this only together with the billing or shipping address, and the shop system then recalculates the kept invoice's taxes"},
		"reqpage.left.why.staff_account":  {"Ein Konto mit mehr Rechten als ein Kundenkonto (etwa Ihres Shop-Teams): Lethe löscht es nicht", "An account with more than a customer's role (such as your shop's team): Lethe does not delete it"},
		"reqpage.left.why.unknown_field":  {"Lethe kennt keinen Weg, dies dort zu löschen", "Lethe knows no way to erase this there"},
	})
}
