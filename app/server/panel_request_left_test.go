package server

import (
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// The timeline tells the merchant what a system left to erase by hand: per
// order its number and the fields, per account its number, with why.
func TestTimelineNamesWhatIsLeftToEraseByHand(t *testing.T) {
	left := []plan.Left{
		{RecordType: retention.TechnicalData, RecordID: "41", Label: "1004", Fields: []string{"client_ip", "user_agent"}, Reason: plan.LeftNoPlugin},
		{RecordType: retention.OrderConfirmation, RecordID: "41", Label: "1004", Fields: []string{"billing_phone", "email"}, Reason: plan.LeftNoPlugin},
		{RecordType: retention.OrderConfirmation, RecordID: "42", Fields: []string{"shipping_phone"}, Reason: plan.LeftInvoice},
		{RecordType: retention.CustomerAccount, RecordID: "7", Reason: plan.LeftStaffAccount},
		{RecordType: retention.CustomerAccount, RecordID: "comment/55", Reason: plan.LeftNoPlugin},
	}
	detail := "orders_deleted=2 left=" + plan.EncodeLeft(left)
	for l, want := range map[lang][]string{
		langDE: {"In WooCommerce gelöscht bis auf das Folgende",
			"Bestellung #1004: IP-Adresse, Browserkennung, Telefon (Rechnungsadresse), E-Mail-Adresse (nur das Begleit-Plugin kann es löschen",
			"Bestellung #42: Telefon (Lieferadresse) (die Schnittstelle ändert es nur zusammen mit der Rechnungs- oder Lieferanschrift",
			"Kundenkonto 7 (ein Konto mit mehr Rechten als ein Kundenkonto", "Kommentar 55 (nur das Begleit-Plugin"},
		langEN: {"Erased in WooCommerce except the following",
			"order #1004: IP address, User agent, Phone (billing address), E-mail address (only the companion plugin can erase it",
			"customer account 7 (an account with more than a customer's role"},
	} {
		got := describeEvent(l, "erase_partial.woocommerce", detail)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %q:\n%s", l, w, got)
			}
		}
		if strings.Contains(got, "[") {
			t.Errorf("%s: a key without text: %s", l, got)
		}
	}
}
