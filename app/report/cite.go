package report

import (
	"regexp"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// citeRE matches the compact article form "15(1)(a)", "15(1)(a)-(d)", "15(2)".
var citeRE = regexp.MustCompile(`^(\d+)(?:\((\d+)\))?(?:\(([a-z])\)(?:-\(([a-z])\))?)?$`)

// cite writes GDPR articles as lawyers of the language do: "Art. 15 Abs. 1
// lit. a DSGVO" in German, "Art. 15(1)(a) GDPR" in English. Several
// articles are joined with commas.
func cite(lang string, articles ...string) string {
	parts := make([]string, 0, len(articles))
	for _, a := range articles {
		m := citeRE.FindStringSubmatch(a)
		switch {
		case m == nil:
			parts = append(parts, a)
		case lang == "de":
			s := m[1]
			if m[2] != "" {
				s += " Abs. " + m[2]
			}
			if m[3] != "" {
				s += " lit. " + m[3]
				if m[4] != "" {
					s += "–" + m[4]
				}
			}
			parts = append(parts, s)
		default:
			s := m[1]
			if m[2] != "" {
				s += "(" + m[2] + ")"
			}
			if m[3] != "" {
				s += "(" + m[3] + ")"
				if m[4] != "" {
					s += "–(" + m[4] + ")"
				}
			}
			parts = append(parts, s)
		}
	}
	return "Art. " + strings.Join(parts, ", ") + " " + lawName(lang)
}

func lawName(lang string) string {
	if lang == "de" {
		return "DSGVO"
	}
	return "GDPR"
}

// law writes a citation the rules core gives in compact English ("Art. 16
// GDPR", "Art. 6(1)(c) GDPR with §147 AO") as lawyers of lang cite:
// "Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 147 AO" (gdpr.Cite).
func law(lang, s string) string { return gdpr.Cite(lang, s) }

// reference writes a retention rule's legal reference for the person: the
// provisions it cites (retention.Provisions — the rules core's English
// explanations dropped), cited as law does.
func reference(lang, ref string) string { return law(lang, retention.Provisions(ref)) }
