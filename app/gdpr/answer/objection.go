package answer

import "strings"

// Objection is the right to object (Art. 21 GDPR), which Art. 21(4)
// requires to be brought to the person's attention explicitly and apart
// from any other information: to direct marketing (Art. 21(2), (3):
// absolute, no reasons needed) and to processing based on legitimate
// interests (Art. 21(1): on grounds relating to the person's situation).
type Objection struct {
	Marketing string `json:"marketing"`
	Interests string `json:"interests"`
	// InterestPurposes are the purposes of this answer that rest on
	// Art. 6(1)(f) GDPR, in the answer's language.
	InterestPurposes []string `json:"interest_purposes,omitempty"`
}

// ObjectionFor states both objections in lang ("de"; anything else is
// English), naming the purposes resting on legitimate interests and where
// to object (the controller's e-mail, when known).
func ObjectionFor(lang string, interestPurposes []string, email string) Objection {
	o := Objection{InterestPurposes: interestPurposes}
	if lang == "de" {
		o.Marketing = "Sie können der Verarbeitung Ihrer personenbezogenen Daten zum Zweck der Direktwerbung jederzeit widersprechen, ohne Gründe anzugeben; " +
			"das gilt auch für ein damit verbundenes Profiling. Nach Ihrem Widerspruch verarbeiten wir Ihre Daten nicht mehr für Direktwerbung " +
			"(Art. 21 Abs. 2 und 3 DSGVO)."
		o.Interests = "Aus Gründen, die sich aus Ihrer besonderen Situation ergeben, können Sie jederzeit der Verarbeitung Ihrer Daten widersprechen, " +
			"die wir auf unser berechtigtes Interesse stützen (Art. 6 Abs. 1 lit. f DSGVO)"
		if len(interestPurposes) > 0 {
			o.Interests += "; bei Ihnen sind das: " + strings.Join(interestPurposes, ", ")
		}
		o.Interests += ". Wir verarbeiten diese Daten dann nicht mehr, es sei denn, wir können zwingende schutzwürdige Gründe für die Verarbeitung nachweisen, " +
			"die Ihre Interessen, Rechte und Freiheiten überwiegen, oder die Verarbeitung dient der Geltendmachung, Ausübung oder Verteidigung von " +
			"Rechtsansprüchen (Art. 21 Abs. 1 DSGVO)."
		if email != "" {
			o.Marketing += " Eine formlose Nachricht an " + email + " genügt."
			o.Interests += " Ihren Widerspruch richten Sie formlos an " + email + "."
		}
		return o
	}
	o.Marketing = "You can object at any time, without giving reasons, to the processing of your personal data for direct marketing, " +
		"including profiling related to it. Once you object, we no longer process your data for direct marketing (Art. 21(2) and (3) GDPR)."
	o.Interests = "On grounds relating to your particular situation, you can object at any time to the processing of your data that we base on " +
		"our legitimate interests (Art. 6(1)(f) GDPR)"
	if len(interestPurposes) > 0 {
		o.Interests += "; for you these are: " + strings.Join(interestPurposes, ", ")
	}
	o.Interests += ". We then no longer process these data unless we demonstrate compelling legitimate grounds for the processing which " +
		"override your interests, rights and freedoms, or the processing is for the establishment, exercise or defence of legal claims " +
		"(Art. 21(1) GDPR)."
	if email != "" {
		o.Marketing += " A short message to " + email + " is enough."
		o.Interests += " Send your objection to " + email + "; no form is needed."
	}
	return o
}
