package retention

import (
	"regexp"
	"slices"
	"strings"
)

// Provisions reduces a rule's legal reference to the provisions it cites, for
// the customer: "§14b(1) UStG; §147(1) Nr. 4, (3) AO; §257(1) Nr. 4, (4)
// HGB — 8 years from …" gives "§14b(1) UStG; §147(1) Nr. 4, (3) AO;
// §257(1) Nr. 4, (4) HGB". Explanations in words (after " — ", in
// parentheses, "policy, not law: …", an override's note) are dropped; a
// legal hold's provisions are kept. A reference without any provision is
// returned as it is.
func Provisions(ref string) string {
	var parts []string
	for _, p := range strings.Split(dropExplanations(ref), ";") {
		p, _, _ = strings.Cut(p, " — ")
		p = strings.TrimSpace(p)
		p = strings.TrimSpace(strings.TrimPrefix(p, "legal hold:"))
		if (strings.HasPrefix(p, "§") || strings.HasPrefix(p, "Art. ")) && !slices.Contains(parts, p) {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return strings.TrimSpace(ref)
	}
	return strings.Join(parts, "; ")
}

var word = regexp.MustCompile(`[a-z]{3,}`)

// dropExplanations removes parenthesised groups (nested ones included)
// that hold words, such as "(legal claims)", and keeps numbering such as
// "(1)" or "(b)".
func dropExplanations(s string) string {
	var b strings.Builder
	depth, start := 0, 0
	for i, r := range s {
		switch {
		case r == '(':
			if depth == 0 {
				start = i
			}
			depth++
		case r == ')' && depth > 0:
			depth--
			if depth == 0 {
				if group := s[start : i+1]; !word.MatchString(group) {
					b.WriteString(group)
				}
			}
		case depth == 0:
			b.WriteRune(r)
		}
	}
	if depth > 0 { // unbalanced: keep the rest as it is
		b.WriteString(s[start:])
	}
	return b.String()
}
