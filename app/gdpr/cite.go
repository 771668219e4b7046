package gdpr

import (
	"regexp"
	"strings"
)

var (
	citeParagraph = regexp.MustCompile(`§(§?)\s*(\d)`)
	citeSection   = regexp.MustCompile(`(§ \d+[a-z]?)\((\d+)\)`)
	citeSubsec    = regexp.MustCompile(`, \((\d+)\)`)
	citeArticle   = regexp.MustCompile(`(Art\. |, )(\d+)\((\d+)\)(?:\(([a-z])\))?`)
	citeNextArt   = regexp.MustCompile(`(lit\. [a-z]|Abs\. \d+), (\d+ Abs\.)`)
)

// Cite writes a legal citation the way lawyers of lang write it, from the
// compact form the rules use: in German "Art. 6 Abs. 1 lit. c DSGVO i. V. m.
// § 147 Abs. 1 Nr. 4, Abs. 3 AO"; in English "Art. 6(1)(c) GDPR with
// § 147(1) Nr. 4, (3) AO". Either way one space after § and §§.
func Cite(lang, s string) string {
	s = citeParagraph.ReplaceAllString(s, "§$1 $2")
	if lang != "de" {
		return strings.ReplaceAll(s, "DSGVO", "GDPR")
	}
	s = citeSection.ReplaceAllString(s, "$1 Abs. $2")
	s = citeSubsec.ReplaceAllString(s, ", Abs. $1")
	s = citeArticle.ReplaceAllStringFunc(s, func(m string) string {
		p := citeArticle.FindStringSubmatch(m)
		out := p[1] + p[2] + " Abs. " + p[3]
		if p[4] != "" {
			out += " lit. " + p[4]
		}
		return out
	})
	s = citeNextArt.ReplaceAllString(s, "$1, Art. $2")
	return strings.NewReplacer("GDPR", "DSGVO", " with ", " i. V. m. ").Replace(s)
}
