package server

// The request page's warning of records overdue for deletion (issue 12,
// point 4).
func init() {
	messages(map[string][2]string{
		"overdue.title": {"Aufbewahrungsfrist abgelaufen: Daten zur Löschung fällig", "Retention period ended: data due for erasure"},
		"overdue.lead": {
			"Bei dieser Person sind %d Datensätze gespeichert, deren Aufbewahrungsfrist abgelaufen ist. Sie dürfen nicht weiter aufbewahrt werden, sondern sind zu löschen (Art. 5 Abs. 1 lit. e, Art. 17 Abs. 1 lit. a DSGVO).",
			"%d records of this person are stored whose retention period has ended. They may not be kept any longer but must be erased (Art. 5(1)(e), 17(1)(a) GDPR)."},
		"overdue.col.type":  {"Datensätze", "Records"},
		"overdue.col.count": {"Anzahl", "Number"},
		"overdue.col.since": {"Zur Löschung fällig seit", "Due for erasure since"},
		"overdue.answer": {
			"Die Auskunft nennt diese Daten als zur Löschung fällig, nicht als aufbewahrt. Bitte löschen Sie sie; eine Antwort ohne Ihre Prüfung wird deshalb nicht automatisch versendet.",
			"The answer names these data as due for erasure, not as kept. Please erase them; the answer is therefore not sent automatically without your review."},
		"overdue.hint": {
			"Legt einen Löschantrag für diese Person an. Bevor etwas gelöscht wird, sehen Sie seinen Löschplan: Unterlagen, die das Gesetz noch verlangt, werden gesperrt aufbewahrt; alles andere wird gelöscht, auch das Kundenkonto. Nur einzelne alte Bestellungen zu löschen, erlauben die Shop-Plattformen nicht; das können Sie stattdessen selbst im Shopsystem tun.",
			"Creates an erasure request for this person. Before anything is erased you see its erasure plan: documents the law still requires are kept restricted; everything else is erased, the customer account too. The shop platforms do not allow erasing only some old orders; you can do that yourself in the shop system instead."},
		"overdue.button":     {"Löschantrag für diese Person anlegen", "Create an erasure request for this person"},
		"overdue.confirm":    {"Einen Löschantrag für diese Person anlegen?", "Create an erasure request for this person?"},
		"overdue.created":    {"Löschantrag Nr. %d wurde angelegt", "Erasure request no. %d was created"},
		"overdue.ev.erasure": {"Löschantrag Nr. %d für die abgelaufenen Daten angelegt", "Erasure request no. %d created for the data past their period"},
	})
}
