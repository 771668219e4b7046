package shopify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/shopify/admin"
)

// ErrNeedsReauth means the shop has no usable token: the merchant must open
// the app (token exchange) or reinstall it. It is connect.ErrReauth, so jobs
// treat it as permanent.
var ErrNeedsReauth = connect.ReauthError("shopify: the shop needs to re-authenticate (open the app in the Shopify admin)")

// RefreshBefore is how long before expiry a token is refreshed.
const RefreshBefore = 5 * time.Minute

// Tokens hands out each shop's access token, refreshing expiring tokens
// before they expire: once per shop even when many jobs ask at the same
// moment (singleflight in the process, a row lock across processes).
type Tokens struct {
	store *store.Store
	oauth *OAuth
	log   *slog.Logger
	now   func() time.Time
	group singleflight.Group
}

// NewTokens builds the token manager.
func NewTokens(st *store.Store, o *OAuth, log *slog.Logger) *Tokens {
	now := o.Now
	if now == nil {
		now = time.Now
	}
	return &Tokens{store: st, oauth: o, log: log, now: now}
}

// Source is the admin.TokenSource of one shop.
func (t *Tokens) Source(shopID int64) admin.TokenSource { return shopSource{t, shopID} }

type shopSource struct {
	t      *Tokens
	shopID int64
}

func (s shopSource) Token(ctx context.Context) (string, error) { return s.t.Token(ctx, s.shopID) }

// Save stores fresh credentials for a shop and marks it active.
func (t *Tokens) Save(ctx context.Context, tx *store.Store, shopID int64, c Credentials) error {
	if err := tx.SetCredentials(ctx, shopID, c); err != nil {
		return err
	}
	return tx.SetShopStatus(ctx, shopID, store.ShopActive)
}

// Token returns a usable access token for the shop.
func (t *Tokens) Token(ctx context.Context, shopID int64) (string, error) {
	sh, c, err := t.load(ctx, t.store, shopID)
	if err != nil {
		return "", err
	}
	if !t.due(c) {
		return c.AccessToken, nil
	}
	v, err, _ := t.group.Do(strconv.FormatInt(shopID, 10), func() (any, error) {
		return t.refresh(context.WithoutCancel(ctx), sh.Domain, shopID)
	})
	if err != nil {
		return "", err
	}
	return v.(string), nil
}

func (t *Tokens) due(c Credentials) bool {
	return c.Expiring() && !t.now().Before(c.ExpiresAt.Add(-RefreshBefore))
}

func (t *Tokens) load(ctx context.Context, st *store.Store, shopID int64) (*store.Shop, Credentials, error) {
	sh, err := st.Shop(ctx, shopID)
	if err != nil {
		return nil, Credentials{}, err
	}
	switch sh.Status {
	case store.ShopUninstalled, store.ShopRedacted:
		return sh, Credentials{}, fmt.Errorf("shopify: shop %d is %s", shopID, sh.Status)
	case store.ShopNeedsReauth:
		// Its refresh was refused: asking Shopify again cannot help until
		// the merchant re-authenticates (Save makes it active again).
		return sh, Credentials{}, ErrNeedsReauth
	}
	var c Credentials
	if err := st.OpenCredentials(sh, &c); err != nil || c.AccessToken == "" {
		return sh, c, ErrNeedsReauth
	}
	return sh, c, nil
}

// refresh runs under the shop's row lock; a refresh another process did
// meanwhile is used instead of refreshing again (refresh tokens rotate, so
// a second refresh with the old one would fail). A refused refresh marks
// the shop needs_reauth in the same transaction, so that no caller waiting
// for the lock tries the dead refresh token again.
func (t *Tokens) refresh(ctx context.Context, domain string, shopID int64) (string, error) {
	var token string
	var reauth bool
	err := t.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.LockShop(ctx, shopID); err != nil {
			return err
		}
		_, c, err := t.load(ctx, tx, shopID)
		if err != nil {
			return err
		}
		if !t.due(c) {
			token = c.AccessToken
			return nil
		}
		if c.RefreshToken == "" || (!c.RefreshExpiresAt.IsZero() && !t.now().Before(c.RefreshExpiresAt)) {
			t.log.Warn("refresh token missing or expired; shop needs re-authentication", "shop_id", shopID)
			reauth = true
			return tx.SetShopStatus(ctx, shopID, store.ShopNeedsReauth)
		}
		fresh, err := t.oauth.Refresh(ctx, domain, c.RefreshToken)
		var oe *OAuthError
		if errors.As(err, &oe) && oe.Refused() {
			t.log.Warn("token refresh refused; shop needs re-authentication", "shop_id", shopID, "status", oe.Status, "code", oe.Code)
			reauth = true
			return tx.SetShopStatus(ctx, shopID, store.ShopNeedsReauth)
		}
		if err != nil {
			return err
		}
		if err := tx.SetCredentials(ctx, shopID, fresh); err != nil {
			return err
		}
		token = fresh.AccessToken
		return nil
	})
	switch {
	case err != nil:
		return "", err
	case reauth:
		return "", ErrNeedsReauth
	}
	return token, nil
}
