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
}

// DefaultRights returns the rights to rectification, erasure and
// restriction with short texts in lang ("de"; anything else gives
// English). The right to object is stated apart (Art. 21(4) GDPR):
// ObjectionFor.
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

// ComplaintFor states the right to complain (Art. 77 GDPR) naming a, with
// its postal address and website where known.
func ComplaintFor(lang string, a Authority) Complaint {
	named := a.Name
	if a.Seat != "" {
		named += ", " + a.Seat
	}
	if lang == "de" {
		text := fmt.Sprintf("Sie haben das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren (Art. 77 DSGVO), insbesondere in dem Mitgliedstaat Ihres gewöhnlichen Aufenthalts, Ihres Arbeitsplatzes oder des Orts des mutmaßlichen Verstoßes. Für uns zuständig ist: %s.", named)
		if addr := a.AddressIn(lang); addr != "" {
			text += " Anschrift: " + addr + "."
		}
		if a.Website != "" {
			text += " Website: " + a.Website
		}
		return Complaint{Authority: a, Text: text}
	}
	text := fmt.Sprintf("You have the right to lodge a complaint with a supervisory authority (Art. 77 GDPR), in particular in the Member State of your habitual residence, place of work or place of the alleged infringement. The authority competent for us is: %s.", named)
	if addr := a.AddressIn(lang); addr != "" {
		text += " Address: " + addr + "."
	}
	if a.Website != "" {
		text += " Website: " + a.Website
	}
	return Complaint{Authority: a, Text: text}
}
