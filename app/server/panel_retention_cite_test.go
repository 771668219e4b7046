package server_test

import (
	"testing"

	"github.com/lethe-gdpr/lethe/app/server"
)

// The retention page cites the law in the page's language: German
// citation style on the German page, no English reviewer's text in it; a
// period that is Lethe's policy is not called the law's.
func TestRetentionPageCitesInThePagesLanguage(t *testing.T) {
	e := newSettingsEnv(t, server.PanelConfig{})
	sh := e.shop(t, "fristen.myshopify.com", "Fristen GmbH", "Marienplatz 1", "80331", "München", "info@fristen.example")
	de := e.get(t, sh, "de", "/app/settings/retention")
	de.contains(t, "Gesetzlich: 8 Jahre (§ 14b Abs. 1 UStG; § 147 Abs. 1 Nr. 4, Abs. 3 AO; § 257 Abs. 1 Nr. 4, Abs. 4 HGB)",
		"Gesetzlich: 2 Jahre (§ 438 Abs. 1 Nr. 3 BGB; § 475e BGB; Art. 17 Abs. 3 lit. e DSGVO)",
		"Keine gesetzliche Frist, von Lethe vorgeschlagen: 3 Jahre (Art. 7 Abs. 1 DSGVO")
	de.lacks(t, "policy, not law", "the controller", "§147(1)", "GDPR")
	en := e.get(t, sh, "en", "/app/settings/retention")
	en.contains(t, "By law: 8 years (§14b(1) UStG; §147(1) no. 4, (3) AO; §257(1) no. 4, (4) HGB)",
		"No legal period, Lethe&#39;s default: 3 years (Art. 7(1) GDPR")
	en.lacks(t, "DSGVO", "Abs.")
}
