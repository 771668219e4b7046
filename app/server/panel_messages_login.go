package server

// The texts of the login, the invitation and the password reset. [0]
// German, [1] English. ("login.title" and "login.none" are in
// panel_messages.go.)
func init() {
	messages(map[string][2]string{
		"login.email":    {"E-Mail-Adresse", "E-mail address"},
		"login.password": {"Passwort", "Password"},
		"login.submit":   {"Anmelden", "Log in"},
		"login.forgot":   {"Passwort vergessen?", "Forgot your password?"},
		"login.back":     {"Zur Anmeldung", "Back to the login"},
		"login.out":      {"Sie sind abgemeldet.", "You are logged out."},
		"login.bad":      {"E-Mail-Adresse oder Passwort ist falsch.", "The e-mail address or the password is wrong."},
		"login.limited": {"Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in 15 Minuten erneut.",
			"Too many failed attempts to log in. Please try again in 15 minutes."},

		"form.stale": {"Das Formular ist abgelaufen. Bitte senden Sie es noch einmal ab.",
			"The form has expired. Please submit it again."},

		"password.new":      {"Neues Passwort", "New password"},
		"password.repeat":   {"Neues Passwort wiederholen", "Repeat the new password"},
		"password.hint":     {"Mindestens %d Zeichen. Am besten ein Satz oder mehrere Wörter.", "At least %d characters. A sentence or several words work well."},
		"password.length":   {"Das Passwort muss mindestens %d Zeichen lang sein.", "The password must be at least %d characters long."},
		"password.mismatch": {"Die beiden Passwörter stimmen nicht überein.", "The two passwords do not match."},

		"invite.title":  {"Willkommen bei Lethe", "Welcome to Lethe"},
		"invite.intro":  {"Legen Sie ein Passwort für Ihre Anmeldung %s fest. Danach sind Sie angemeldet.", "Choose a password for your login %s. You are logged in afterwards."},
		"invite.submit": {"Passwort speichern und anmelden", "Save the password and log in"},

		"reset.title":   {"Passwort zurücksetzen", "Reset your password"},
		"reset.intro":   {"Geben Sie die E-Mail-Adresse Ihrer Anmeldung ein. Wir senden Ihnen einen Link, mit dem Sie ein neues Passwort festlegen.", "Enter the e-mail address of your login. We will send you a link to set a new password."},
		"reset.submit":  {"Link senden", "Send the link"},
		"reset.sent":    {"Wenn es zu dieser Adresse eine Anmeldung gibt, haben wir einen Link dorthin geschickt. Er gilt eine Stunde.", "If there is a login for this address, we have sent a link to it. It is valid for one hour."},
		"reset.limited": {"Zu viele Anfragen. Bitte versuchen Sie es in 15 Minuten erneut.", "Too many requests. Please try again in 15 minutes."},

		"reset_password.title":  {"Neues Passwort festlegen", "Set a new password"},
		"reset_password.intro":  {"Legen Sie ein neues Passwort für Ihre Anmeldung %s fest. Danach sind Sie angemeldet; Ihre anderen Sitzungen werden beendet.", "Choose a new password for your login %s. You are logged in afterwards; your other sessions end."},
		"reset_password.submit": {"Passwort speichern", "Save the password"},

		"link.bad.title":  {"Dieser Link gilt nicht mehr", "This link is no longer valid"},
		"link.bad":        {"Der Link wurde schon benutzt, ist abgelaufen oder unvollständig.", "The link was used already, has expired or is incomplete."},
		"link.bad.reset":  {"Einen neuen Link anfordern", "Ask for a new link"},
		"link.bad.invite": {"Bitten Sie die Person, die Sie eingeladen hat, um eine neue Einladung.", "Ask the person who invited you for a new invitation."},
	})
}
