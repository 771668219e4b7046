package answer

import "fmt"

// Right is a data subject's right the answer must mention (Art. 15(1)(e)).
type Right string

const (
	RightRectification Right = "rectification" // Art. 16
	RightErasure       Right = "erasure"       // Art. 17
	RightRestriction   Right = "restriction"   // Art. 18
	RightObjection     Right = "objection"     // Art. 21
)

// RightInfo is a right with its article and a short text.
type RightInfo struct {
	Right   Right  `json:"right"`
	Article string `json:"article"`
	Text    string `json:"text"`
}

var rightTexts = []struct {
	right   Right
	article string
	de, en  string
}{
	{RightRectification, "Art. 16 GDPR", "Sie können verlangen, dass unrichtige Daten berichtigt und unvollständige vervollständigt werden.", "You can have inaccurate data corrected and incomplete data completed."},
	{RightErasure, "Art. 17 GDPR", "Sie können die Löschung Ihrer Daten verlangen, soweit keine Aufbewahrungspflicht entgegensteht.", "You can have your data erased unless a legal duty to keep them applies."},
	{RightRestriction, "Art. 18 GDPR", "Sie können die Einschränkung der Verarbeitung verlangen.", "You can have the processing of your data restricted."},
	{RightObjection, "Art. 21 GDPR", "Sie können der Verarbeitung widersprechen, insbesondere der Direktwerbung.", "You can object to the processing, in particular to direct marketing."},
}

// DefaultRights returns the four rights with short texts in lang ("de";
// anything else gives English).
func DefaultRights(lang string) []RightInfo {
	out := make([]RightInfo, len(rightTexts))
	for i, r := range rightTexts {
		text := r.en
		if lang == "de" {
			text = r.de
		}
		out[i] = RightInfo{Right: r.right, Article: r.article, Text: text}
	}
	return out
}

// ComplaintFor states the right to complain (Art. 77 GDPR) naming a.
func ComplaintFor(lang string, a Authority) Complaint {
	if lang == "de" {
		return Complaint{Authority: a, Text: fmt.Sprintf("Sie haben das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren (Art. 77 DSGVO). Für uns zuständig ist: %s, %s.", a.Name, a.Seat)}
	}
	return Complaint{Authority: a, Text: fmt.Sprintf("You have the right to lodge a complaint with a supervisory authority (Art. 77 GDPR). The authority competent for us is: %s, %s.", a.Name, a.Seat)}
}
