package answer

import "fmt"

// Missing is one element an answer lacks.
type Missing struct {
	Article  string `json:"article"`            // "15(1)(a)", "15(2)", "15(3)"
	Letter   string `json:"letter,omitempty"`   // "a" … "h" for Art. 15(1)
	Element  string `json:"element"`            // "purposes"
	Category string `json:"category,omitempty"` // the category lacking it
	Detail   string `json:"detail,omitempty"`
}

func (m Missing) String() string {
	s := "Art. " + m.Article + " GDPR: " + m.Element
	if m.Category != "" {
		s += " for " + m.Category
	}
	if m.Detail != "" {
		s += " (" + m.Detail + ")"
	}
	return s
}

func missing(letter, element, category, detail string) Missing {
	art := "15(1)"
	if letter != "" {
		art += "(" + letter + ")"
	}
	return Missing{Article: art, Letter: letter, Element: element, Category: category, Detail: detail}
}

// Validate lists each element missing from a, in article order. An answer
// that says no data are processed needs nothing else.
func Validate(a Answer) []Missing {
	var out []Missing
	if !a.Processed {
		if len(a.Categories) > 0 {
			out = append(out, missing("", "confirmation", "", "says no data are processed but lists categories"))
		}
		return out
	}
	if len(a.Categories) == 0 {
		out = append(out, missing("b", "categories of personal data", "", "none listed"))
	}
	for i, c := range a.Categories {
		out = append(out, validateCategory(i, c)...)
	}
	out = append(out, validateRights(a.Rights)...)
	if a.Objection == nil || a.Objection.Marketing == "" || a.Objection.Interests == "" {
		out = append(out, missing("e", "right to object", "", "state it apart from the other rights, for direct marketing and for legitimate interests (Art. 21(4))"))
	}
	if a.Complaint == nil || a.Complaint.Authority.Name == "" {
		out = append(out, missing("f", "right to complain to a supervisory authority", "", "name the competent authority"))
	}
	switch {
	case a.Automated == nil:
		out = append(out, missing("h", "automated decision-making", "", "state whether there is any, also if none"))
	case a.Automated.Exists && (a.Automated.Logic == "" || a.Automated.Consequences == ""):
		out = append(out, missing("h", "automated decision-making", "", "meaningful information about the logic and the consequences"))
	}
	if a.Copy == nil || a.Copy.Format == "" {
		out = append(out, Missing{Article: "15(3)", Element: "copy of the data"})
	}
	return out
}

func validateCategory(i int, c Category) []Missing {
	var out []Missing
	name := c.Name
	if name == "" {
		name = fmt.Sprintf("category %d", i+1)
		out = append(out, missing("b", "name of the category", name, ""))
	}
	if len(c.Purposes) == 0 {
		out = append(out, missing("a", "purposes", name, ""))
	}
	if len(c.Recipients) == 0 && !c.NoRecipients {
		out = append(out, missing("c", "recipients", name, "list them, or state there are none"))
	}
	for _, r := range c.Recipients {
		if r.Name == "" && r.Category == "" {
			out = append(out, missing("c", "recipient without name or category", name, ""))
		}
		if r.ThirdCountry && r.Safeguards == "" {
			out = append(out, Missing{Article: "15(2)", Element: "safeguards for a third-country transfer (Art. 46)", Category: name, Detail: r.Name})
		}
	}
	if c.Storage.Until == nil && c.Storage.Criteria == "" {
		out = append(out, missing("d", "storage period or its criteria", name, ""))
	}
	if !c.Source.FromDataSubject && c.Source.Description == "" {
		out = append(out, missing("g", "source", name, "where not collected from the person"))
	}
	return out
}

func validateRights(rs []RightInfo) []Missing {
	var out []Missing
	for _, want := range []Right{RightRectification, RightErasure, RightRestriction} {
		found := false
		for _, r := range rs {
			found = found || (r.Right == want && r.Text != "")
		}
		if !found {
			out = append(out, missing("e", "right to "+string(want), "", ""))
		}
	}
	return out
}
