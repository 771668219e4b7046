package server

import (
	"slices"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// The timeline tells the merchant what a system left to erase by hand,
// grouped by why, each reason once: per order its number and the fields,
// per other record its kind and number (a comment by its number, not
// Lethe's record id), a record left whole without fields.
func TestTimelineNamesWhatIsLeftToEraseByHand(t *testing.T) {
	left := []plan.Left{
		{RecordType: retention.TechnicalData, RecordID: "41", Label: "1004", Fields: []string{"client_ip", "user_agent"}, Reason: plan.LeftNoPlugin},
		{RecordType: retention.OrderConfirmation, RecordID: "41", Label: "1004", Fields: []string{"billing_phone", "email"}, Reason: plan.LeftNoPlugin},
		{RecordType: retention.OrderConfirmation, RecordID: "42", Fields: []string{"shipping_phone"}, Reason: plan.LeftInvoice},
		{RecordType: retention.CustomerAccount, RecordID: "7", Reason: plan.LeftStaffAccount},
		{RecordType: retention.Comment, RecordID: "comment/55", Reason: plan.LeftNoPlugin},
		{RecordType: retention.TechnicalData, RecordID: "comment/55", Reason: plan.LeftNoPlugin},
		{RecordType: retention.TechnicalData, RecordID: "comment/56", Reason: plan.LeftNoPlugin},
		{RecordType: retention.AnalyticsRecord, RecordID: "analytics/3", Reason: plan.LeftNoPlugin},
	}
	detail := "orders_deleted=2 left=" + plan.EncodeLeft(left)
	for l, want := range map[lang][]leftGroup{
		langDE: {
			{Why: "Nur das Plugin „Lethe Privacy“ kann dies löschen, und es ist im Shop nicht installiert oder nicht eingerichtet (Einstellungen → Verbundene Systeme)",
				Records: []string{"Bestellung #1004: IP-Adresse, Browserkennung, Telefon (Rechnungsadresse), E-Mail-Adresse", "Kommentar 55",
					"Kommentar 56: Technische Daten", "Statistik-Eintrag (Analytics) des Kunden 3"}},
			{Why: "Die Schnittstelle ändert dies nur zusammen mit der Rechnungs- oder Lieferanschrift, und dann berechnet das Shopsystem die Steuern der aufbewahrten Rechnung neu",
				Records: []string{"Bestellung #42: Telefon (Lieferadresse)"}},
			{Why: "Ein Konto mit mehr Rechten als ein Kundenkonto (etwa Ihres Shop-Teams): Lethe löscht es nicht", Records: []string{"Kundenkonto 7"}},
		},
		langEN: {
			{Why: "Only the “Lethe Privacy” plugin can erase this, and it is not installed or not set up in the store (Settings → Connected systems)",
				Records: []string{"order #1004: IP address, user agent, phone (billing address), e-mail address", "comment 55",
					"comment 56: technical data", "analytics row of the customer 3"}},
			{Why: "The interface changes this only together with the billing or shipping address, and the shop system then recalculates the kept invoice's taxes",
				Records: []string{"order #42: phone (shipping address)"}},
			{Why: "An account with more than a customer's role (such as your shop's team): Lethe does not delete it", Records: []string{"customer account 7"}},
		},
	} {
		text := describeEvent(l, "erase_partial.woocommerce", detail)
		if lead := map[lang]string{langDE: "In WooCommerce gelöscht bis auf das Folgende", langEN: "Erased in WooCommerce except the following"}[l]; !strings.HasPrefix(text, lead) {
			t.Errorf("%s: %q", l, text)
		}
		got := leftGroups(l, plan.ParseLeft("woocommerce", eventDetail(detail)["left"]))
		if !slices.EqualFunc(got, want, func(a, b leftGroup) bool { return a.Why == b.Why && slices.Equal(a.Records, b.Records) }) {
			t.Errorf("%s:\n got %q\nwant %q", l, got, want)
		}
		for _, g := range got {
			if strings.Contains(g.Why+strings.Join(g.Records, ""), "[") {
				t.Errorf("%s: a key without text: %v", l, g)
			}
		}
	}
}
