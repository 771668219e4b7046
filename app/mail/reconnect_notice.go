package mail

import (
	"context"
	"fmt"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/store"
)

type reconnectView struct {
	Lang         string
	Shop         shopView
	System       string // the system that refused the shop's credentials, named for the merchant
	How          string // what to do, as the system's platform says it (connect.Reconnect)
	ReconnectURL string // where the reconnection starts; "" when there is no link
	PanelURL     string // the panel's settings (connected systems)
}

// DraftReconnectNotice drafts the one e-mail that tells the merchant a
// system refused the shop's credentials (a revoked key, an uninstalled
// app) and that requests wait until it is connected again, with how to
// reconnect (rc, from the system's platform); the caller makes it once per
// episode (store.ClaimReconnectNotice). It belongs to the shop, not to a
// request, and names no person. Call it inside tx.
func DraftReconnectNotice(ctx context.Context, tx *store.Store, sh *store.Shop, rc connect.Reconnect, panelURL string) (*store.Email, error) {
	to := MerchantAddress(sh)
	if to == "" {
		return nil, fmt.Errorf("mail: shop %d: %w (set the merchant e-mail in the settings)", sh.ID, ErrNoRecipient)
	}
	lang := Language(sh.Locale)
	v := reconnectView{Lang: lang, Shop: shopIdentity(sh), System: systemNames([]string{rc.System})[0],
		How: rc.HowIn(lang), ReconnectURL: rc.URL, PanelURL: panelURL}
	out, err := render(KindReconnectNotice, lang, v)
	if err != nil {
		return nil, err
	}
	return save(ctx, tx, &store.Email{
		ShopID: sh.ID, Kind: KindReconnectNotice, Locale: lang, To: to,
		Subject: out.Subject, BodyText: out.Text, BodyHTML: out.HTML,
	})
}
