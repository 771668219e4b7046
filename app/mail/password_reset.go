package mail

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
)

type resetView struct {
	Lang    string
	Shop    shopView
	Link    string
	Expires string
}

// DraftPasswordReset drafts the e-mail with a panel user's password reset
// link, valid until expires, to their address to, in lang ("de" or "en";
// else the shop's language). It belongs to the shop, not to a request. The
// link is a secret: it lives only in the sealed body. Call it inside tx.
func DraftPasswordReset(ctx context.Context, tx *store.Store, sh *store.Shop, to, lang, link string, expires time.Time) (*store.Email, error) {
	to = strings.TrimSpace(to)
	if to == "" {
		return nil, fmt.Errorf("mail: shop %d: password reset: %w", sh.ID, ErrNoRecipient)
	}
	lang = Language(lang, sh.Locale)
	v := resetView{Lang: lang, Shop: shopIdentity(sh), Link: link, Expires: dateTimeIn(lang, expires, sh.Location())}
	out, err := render(KindPasswordReset, lang, v)
	if err != nil {
		return nil, err
	}
	return save(ctx, tx, &store.Email{
		ShopID: sh.ID, Kind: KindPasswordReset, Locale: lang, To: to,
		Subject: out.Subject, BodyText: out.Text, BodyHTML: out.HTML,
	})
}
