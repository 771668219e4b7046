package mail

import (
	"context"
	"fmt"

	"github.com/lethe-gdpr/lethe/app/store"
)

// setupLabels name the setup fields (requests.Readiness) for the merchant.
var setupLabels = map[string]map[string]string{
	"legal_name": {"de": "der Name des Unternehmens (Verantwortlicher)", "en": "the business's legal name (the controller)"},
	"street":     {"de": "Straße und Hausnummer der Geschäftsadresse", "en": "the street of the business address"},
	"postcode":   {"de": "die Postleitzahl der Geschäftsadresse", "en": "the postcode of the business address"},
	"city":       {"de": "der Ort der Geschäftsadresse", "en": "the city of the business address"},
	"country":    {"de": "das Land des Shops (Deutschland oder Österreich)", "en": "the shop's country (Germany or Austria)"},
	"email":      {"de": "die Kontakt-E-Mail des Shops", "en": "the shop's contact e-mail"},
	"state":      {"de": "das Bundesland des Shops (die Postleitzahl entscheidet es nicht)", "en": "the shop's federal state (its postcode does not decide it)"},
	"authority":  {"de": "die zuständige Datenschutz-Aufsichtsbehörde", "en": "the competent supervisory authority"},
}

// setupNames are the missing setup fields as the merchant reads them in
// lang; a field without a label keeps its name.
func setupNames(missing []string, lang string) []string {
	out := make([]string, 0, len(missing))
	for _, f := range missing {
		l := setupLabels[f][lang]
		if l == "" {
			l = f
		}
		out = append(out, l)
	}
	return out
}

type setupView struct {
	Lang     string
	Shop     shopView
	Missing  []string
	SetupURL string // the panel's onboarding page
}

// DraftSetupNotice drafts the one e-mail that tells the merchant what setup
// is missing while requests wait; the caller makes it once per setup
// episode (store.ClaimSetupNotice). It belongs to the shop, not to a
// request (like the digest): a request that waited in an earlier episode
// and waits again must not find its old, sent notice and so tell no one.
// It names no person. Call it inside tx.
func DraftSetupNotice(ctx context.Context, tx *store.Store, sh *store.Shop, missing []string, setupURL string) (*store.Email, error) {
	to := MerchantAddress(sh)
	if to == "" {
		return nil, fmt.Errorf("mail: shop %d: %w (set the merchant e-mail in the settings)", sh.ID, ErrNoRecipient)
	}
	lang := Language(sh.Locale)
	v := setupView{Lang: lang, Shop: shopIdentity(sh), SetupURL: setupURL}
	v.Missing = setupNames(missing, lang)
	out, err := render(KindSetupNotice, lang, v)
	if err != nil {
		return nil, err
	}
	return save(ctx, tx, &store.Email{
		ShopID: sh.ID, Kind: KindSetupNotice, Locale: lang, To: to,
		Subject: out.Subject, BodyText: out.Text, BodyHTML: out.HTML,
	})
}
