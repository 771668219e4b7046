package server

// The demo mailbox's texts (/app/mail). [0] German, [1] English.
func init() {
	messages(map[string][2]string{
		"mail.title":     {"Postfach (Demo)", "Mailbox (demo)"},
		"mail.intro":     {"Diese Demo verschickt keine E-Mails: Alles, was Lethe an Sie oder an Ihre Kundinnen und Kunden sendet, landet hier.", "This demo sends no e-mail: everything Lethe sends to you or to your customers lands here."},
		"mail.list":      {"Empfangene E-Mails, neueste zuerst", "Caught e-mails, newest first"},
		"mail.empty":     {"Noch keine E-Mails. Sobald Lethe eine Anfrage bearbeitet, erscheinen sie hier.", "No e-mails yet. They appear here as soon as Lethe works on a request."},
		"mail.from":      {"Von", "From"},
		"mail.to":        {"An", "To"},
		"mail.subject":   {"Betreff", "Subject"},
		"mail.at":        {"Empfangen", "Received"},
		"mail.nosubject": {"(ohne Betreff)", "(no subject)"},
		"mail.text":      {"Text der E-Mail", "The e-mail's text"},
		"mail.notext":    {"Diese E-Mail hat keinen Textteil.", "This e-mail has no text part."},
		"mail.html":      {"HTML-Fassung öffnen", "Open the HTML version"},
		"mail.back":      {"Zurück zum Postfach", "Back to the mailbox"},
	})
}
