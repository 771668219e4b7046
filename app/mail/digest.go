package mail

import (
	"context"
	"fmt"

	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// digestView is the merchant's daily reminder.
type digestView struct {
	Lang    string
	Shop    shopView
	Day     string
	Horizon int
	Overdue []digestItem
	DueSoon []digestItem
	Extend  []digestItem
	Missing []string
	// SetupURL is the panel's onboarding page (setup still missing).
	SetupURL string
}

// digestItem is one request in a digest: no personal data, a link to the
// merchant's request page.
type digestItem struct {
	ID   int64
	Type string
	Due  string
	When string // "due in 3 days", "2 days overdue"
	URL  string
}

// DraftDigest stores the shop's daily digest d as a draft (not tied to a
// request) to the merchant: the settings' merchant e-mail, else the shop's.
// link makes the addresses of the panel's pages: each request's page, the
// onboarding page for setup still missing.
func DraftDigest(ctx context.Context, tx *store.Store, sh *store.Shop, d *requests.Digest, link MerchantURL) (*store.Email, error) {
	to := MerchantAddress(sh)
	if to == "" {
		return nil, fmt.Errorf("mail: shop %d: %w (set the merchant e-mail in the settings)", sh.ID, ErrNoRecipient)
	}
	lang := Language(sh.Locale)
	v := digestView{Lang: lang, Shop: shopIdentity(sh), Day: day(lang, d.Day), Horizon: requests.DigestHorizon,
		Missing: setupNames(d.Missing, lang), SetupURL: link(sh, PanelOnboarding)}
	items := func(rs []store.Request) []digestItem {
		out := make([]digestItem, 0, len(rs))
		for i := range rs {
			r := &rs[i]
			due := store.EffectiveDue(r)
			it := digestItem{ID: r.ID, Type: label(typeLabels, r.Type, lang), Due: day(lang, due),
				When: dueWhen(lang, int(due.Sub(d.Day.Time).Hours()/24)), URL: link(sh, PanelRequest(r.ID))}
			if !r.ReceiptKnown() { // the legal due date is unknown: due holds the platform's limit
				it.Due = pick(lang, [2]string{"unbekannt, Frist der Plattform ", "unknown, platform's deadline "}) + it.Due
			}
			out = append(out, it)
		}
		return out
	}
	v.Overdue, v.DueSoon, v.Extend = items(d.Overdue), items(d.DueSoon), items(d.Extend)
	out, err := render(KindDigest, lang, v)
	if err != nil {
		return nil, err
	}
	return save(ctx, tx, &store.Email{
		ShopID: sh.ID, Kind: KindDigest, Locale: lang, To: to,
		Subject: out.Subject, BodyText: out.Text, BodyHTML: out.HTML,
	})
}

// dueWhen says how far a due date is, in days from today.
func dueWhen(lang string, days int) string {
	de := lang == "de"
	switch {
	case days == 0 && de:
		return "heute fällig"
	case days == 0:
		return "due today"
	case days == 1 && de:
		return "morgen fällig"
	case days == 1:
		return "due tomorrow"
	case days > 1 && de:
		return fmt.Sprintf("in %d Tagen fällig", days)
	case days > 1:
		return fmt.Sprintf("due in %d days", days)
	case days == -1 && de:
		return "seit 1 Tag überfällig"
	case days == -1:
		return "1 day overdue"
	case de:
		return fmt.Sprintf("seit %d Tagen überfällig", -days)
	}
	return fmt.Sprintf("%d days overdue", -days)
}
