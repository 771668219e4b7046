package server

// The panel's error page in the page's language, by the error's code
// (htmlErrors: "error.code.<code>"); a code without an entry shows the
// API's message. [0] German, [1] English.
func init() {
	messages(map[string][2]string{
		"error.code.stale_form": {"Das Formular ist abgelaufen oder kam nicht von dieser Seite. Es wurde nichts geändert. Bitte laden Sie die Seite neu und senden Sie das Formular noch einmal ab.",
			"The form has expired or did not come from this page. Nothing was changed. Please reload the page and submit the form again."},
	})
}
