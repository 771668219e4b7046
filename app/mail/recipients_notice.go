package mail

import (
	"context"
	"fmt"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/store"
)

// recipientsView feeds erasure_recipients. It holds no data about the
// person.
type recipientsView struct {
	Lang       string
	Shop       shopView
	RequestID  int64
	Recipients []recipientView
	Started    string // the platforms whose erasure was started, not done ("Shopify")
	Informed   string // the platforms left off the list because they know (the same)
}

type recipientView struct {
	Name, Category, Country string
}

// DraftRecipientsNotice writes the merchant's Art. 19 notice for an erasure
// request: the recipients the person's data were disclosed to, each with
// its category and country, who must be told of the erasure or
// restriction — real recipients only (Art19Recipients: not Lethe, not the
// platforms in started, which were asked to erase or started it
// themselves, not payment methods) — and that the person was told they
// will be informed: the request's id, nothing about the person. It goes to
// the merchant e-mail of the settings, else the shop's e-mail, in the
// shop's language. With no address or no recipients there is nothing to
// send: nil, nil. Running it again replaces the draft; a sent notice is
// returned unchanged. Call it inside tx.
func DraftRecipientsNotice(ctx context.Context, tx *store.Store, sh *store.Shop, r *store.Request, recipients []answer.Recipient, started ...string) (*store.Email, error) {
	if r.ShopID != sh.ID {
		return nil, fmt.Errorf("mail: request %d is not shop %d's", r.ID, sh.ID)
	}
	recipients = Art19Recipients(recipients, started...)
	to := MerchantAddress(sh)
	if to == "" || len(recipients) == 0 {
		return nil, nil
	}
	lang := Language(sh.Locale)
	names := joinAnd(lang, systemNames(started))
	v := recipientsView{Lang: lang, Shop: shopIdentity(sh), RequestID: r.ID, Started: names, Informed: names}
	for _, rc := range recipients {
		v.Recipients = append(v.Recipients, recipientOf(rc, lang))
	}
	out, err := render(KindRecipientsNotice, lang, v)
	if err != nil {
		return nil, err
	}
	return save(ctx, tx, &store.Email{
		ShopID: sh.ID, RequestID: &r.ID, Kind: KindRecipientsNotice, Locale: lang, To: to,
		Subject: out.Subject, BodyText: out.Text, BodyHTML: out.HTML,
	})
}

// MerchantAddress is where notices to the merchant go: the settings'
// merchant e-mail, else the shop's e-mail; "" when there is neither.
func MerchantAddress(sh *store.Shop) string {
	if to := strings.TrimSpace(store.ShopSettings(sh).MerchantEmail); to != "" {
		return to
	}
	return strings.TrimSpace(sh.Email)
}

// recipientOf names a recipient in lang: its name (or, without one, its
// category), its category and its country, marked when it is a third
// country.
func recipientOf(rc answer.Recipient, lang string) recipientView {
	cat := strings.TrimSpace(rc.Category)
	if lang == "de" {
		if t, ok := recipientCategories[cat]; ok {
			cat = t
		} else if t, ok := recipientCategories[strings.ToLower(cat)]; ok {
			cat = t
		}
	}
	name := strings.TrimSpace(rc.Name)
	if name == "" {
		name = cat
	}
	country := strings.ToUpper(strings.TrimSpace(rc.Country))
	if n, ok := countryNames[country]; ok {
		country = pick(lang, n) + " (" + country + ")"
	}
	if rc.ThirdCountry {
		third := pick(lang, [2]string{"Drittland", "third country"})
		if country == "" {
			country = third
		} else {
			country += ", " + third
		}
	}
	if country == "" {
		country = "—"
	}
	return recipientView{Name: name, Category: cat, Country: country}
}
