package server

// The texts of issue 12's points on the request page and in the inbox:
// a request whose details belong to different people (identity_unverified),
// the address the answer goes to, and an overdue request, which is never
// offered an extension. [0] German, [1] English.
func init() {
	messages(map[string][2]string{
		"status.identity_unverified": {"Identität ungeklärt", "Identity unverified"},

		"identity.h":                 {"Die Angaben gehören nicht zur selben Person", "The details do not belong to the same person"},
		"identity.lead":              {"Die E-Mail-Adresse der Anfrage passt nicht zu diesen Angaben in Ihrem Shop:", "The request's e-mail address does not match these details in your shop:"},
		"identity.field.customer_id": {"Die Kundennummer gehört zu einem Kundenkonto mit einer anderen E-Mail-Adresse (oder ohne E-Mail-Adresse).", "The customer ID belongs to a customer account with another e-mail address (or none)."},
		"identity.field.phone":       {"Die Telefonnummer gehört zu einem Kundenkonto mit einer anderen E-Mail-Adresse.", "The phone number belongs to a customer account with another e-mail address."},
		"identity.field.order_ids":   {"Mindestens eine der genannten Bestellungen wurde mit einer anderen E-Mail-Adresse aufgegeben.", "At least one of the orders named was placed with another e-mail address."},
		"identity.held":              {"Lethe hat deshalb keine Auskunft zusammengestellt, keinen Entwurf geschrieben und keinen Link erzeugt. Eine Auskunft darf nur die betroffene Person erhalten (Art. 12 Abs. 6, Art. 15 Abs. 4 DSGVO).", "Lethe has therefore compiled no answer, written no draft and made no link. Only the person concerned may receive an answer (Art. 12(6), Art. 15(4) GDPR)."},
		"identity.how":               {"So klären Sie es:", "How to resolve it:"},
		"identity.how.verify":        {"Stammt die Anfrage nachweislich von der Person (etwa weil sie Ihnen von der im Kundenkonto hinterlegten E-Mail-Adresse geschrieben hat), vermerken Sie die Identität als geprüft. Die Antwort geht dann nur an die E-Mail-Adresse, die Ihr Shop für die Person gespeichert hat, nicht an die Adresse der Anfrage.", "If the request demonstrably comes from the person (for example because they wrote to you from the e-mail address on the customer account), mark the identity verified. The answer then goes only to the e-mail address your shop holds for the person, not to the request's address."},
		"identity.how.ask":           {"Sind Sie nicht sicher, fragen Sie bei der Person über die im Kundenkonto hinterlegte E-Mail-Adresse nach; verlangen Sie nur so viel, wie zur Klärung nötig ist.", "If you are not sure, ask the person through the e-mail address on the customer account; ask only for what is needed to resolve the doubt."},
		"identity.how.close":         {"Stammt die Anfrage nicht von der Person, schließen Sie sie mit einer Begründung. Die Person erhält keine Nachricht.", "If the request does not come from the person, close it with a reason. Nobody is written to."},
		"identity.deadline":          {"Die Frist läuft weiter.", "The deadline keeps running."},

		"reqpage.person.asked_by":  {"Anfrage kam von", "Request came from"},
		"reqpage.person.answer_to": {"Die Antwort geht an die E-Mail-Adresse, die Ihr Shop für die Person gespeichert hat, nicht an die Adresse, von der die Anfrage kam.", "The answer goes to the e-mail address your shop holds for the person, not to the address the request came from."},

		"reqpage.act.verify_held": {"Vermerken Sie die Identität erst, wenn Sie sicher sind, dass die Anfrage von der Person stammt. Danach sucht Lethe die Daten erneut und bereitet die Antwort an die im Shop gespeicherte E-Mail-Adresse vor.", "Mark the identity verified only once you are sure the request comes from the person. Lethe then looks for the data again and prepares the answer to the e-mail address held in the shop."},
		"reqpage.act.close":       {"Anfrage schließen", "Close the request"},
		"reqpage.act.close_hint":  {"Zum Beispiel: Die Anfrage stammt nicht von der Person. Ihre Begründung bleibt bei der Anfrage; niemand wird benachrichtigt.", "For example: the request does not come from the person. Your reason stays with the request; nobody is notified."},
		"reqpage.done.close":      {"Die Anfrage ist geschlossen.", "The request is closed."},

		"reqpage.act.resend":      {"Antwort mit neuem Link erneut senden", "Send the answer again with a new link"},
		"reqpage.act.resend_hint": {"Etwa wenn die Person den Link verloren hat oder er abgelaufen ist. Der bisherige Link funktioniert ab sofort nicht mehr, der neue ab dem Versand der E-Mail.", "For example when the person lost the link or it expired. The current link stops working at once; the new one works from the sending of the e-mail."},
		"reqpage.done.resend":     {"Die Antwort wird mit einem neuen Link erneut gesendet; der bisherige Link funktioniert nicht mehr.", "The answer is being sent again with a new link; the previous link no longer works."},

		"reqpage.overdue.h":      {"Überfällig", "Overdue"},
		"reqpage.overdue.text":   {"Die Frist ist am %s abgelaufen; die Anfrage ist seit %d Tagen überfällig. Bitte beantworten Sie sie jetzt.", "The deadline passed on %s; the request is overdue by %d days. Please answer it now."},
		"reqpage.overdue.text1":  {"Die Frist ist am %s abgelaufen; die Anfrage ist seit 1 Tag überfällig. Bitte beantworten Sie sie jetzt.", "The deadline passed on %s; the request is overdue by 1 day. Please answer it now."},
		"reqpage.overdue.extend": {"Verlängern lässt sich eine Frist nur vor ihrem Ablauf (Art. 12 Abs. 3 DSGVO).", "A deadline can only be extended before it ends (Art. 12(3) GDPR)."},
	})
}
