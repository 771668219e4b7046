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
	})
}
