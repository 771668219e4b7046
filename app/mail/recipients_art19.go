package mail

import (
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	gdprclassify "github.com/lethe-gdpr/lethe/app/gdpr/classify"
)

// Art19Recipients are the recipients to be told of an erasure (Art. 19
// sentence 1 GDPR): the real recipients of the person's data, once each.
// Left out are Lethe itself (it carries out the erasure), the recipients of
// the systems in informed — the platform that started the erasure and
// those Lethe asked to erase: their own request, or Lethe's, is the notice
// —, recipients without a name, and payment methods that are no recipient
// (Vorkasse, bank transfer, "manual", cash on delivery …: the money goes to
// the shop's own account).
func Art19Recipients(rs []answer.Recipient, informed ...string) []answer.Recipient {
	skip := map[string]bool{}
	for _, sys := range append([]string{"lethe"}, informed...) {
		for _, p := range gdprclassify.PlatformRecipients(sys) {
			skip[recipientKey(p.Name)] = true
		}
	}
	out := []answer.Recipient{}
	for _, r := range rs {
		k := recipientKey(r.Name)
		if k == "" || skip[k] || paymentMethods[k] {
			continue
		}
		skip[k] = true
		out = append(out, r)
	}
	return out
}

// recipientKey normalises a name: "Bank Deposit" → "bank deposit".
func recipientKey(name string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("_", " ", "-", " ").Replace(strings.ToLower(name))), " ")
}

// paymentMethods are names of payment methods without a payment provider
// that receives the data (as a shop platform reports the gateway used).
var paymentMethods = map[string]bool{
	"vorkasse": true, "überweisung": true, "banküberweisung": true, "bank transfer": true, "bank deposit": true,
	"manual": true, "manuell": true, "money order": true, "rechnung": true, "kauf auf rechnung": true,
	"nachnahme": true, "cash on delivery": true, "cash on delivery (cod)": true, "cod": true,
	"barzahlung": true, "bar": true, "cash": true, "barzahlung bei abholung": true,
	"gift card": true, "gutschein": true, "bogus": true,
}
