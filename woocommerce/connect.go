package woocommerce

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

const (
	connectPath  = "/woocommerce/connect"
	callbackPath = "/woocommerce/callback"
	returnPath   = "/woocommerce/return"
	// connectCookie binds the merchant's return to the browser that
	// started the connection.
	connectCookie = "lethe_wc_connect"
	// maxCallbackBytes bounds the key JSON.
	maxCallbackBytes = 16 << 10
)

// connect serves GET /woocommerce/connect?store_url=…: it stores a pending
// connection under a random user_id and sends the merchant to the store's
// wc-auth approval page.
func (a *App) connect(c echo.Context) error {
	storeURL, err := CheckStoreURL(c.QueryParam("store_url"))
	if err != nil {
		return a.page(c, http.StatusBadRequest, pageBadURL)
	}
	state := randomState()
	now := a.now()
	pc := &store.PendingConnection{State: state, Platform: Platform, StoreURL: storeURL, CreatedAt: now, ExpiresAt: now.Add(ConnectLifetime)}
	if err := a.store.CreatePendingConnection(c.Request().Context(), pc); err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{
		Name: connectCookie, Value: state, Path: "/woocommerce/", MaxAge: int(ConnectLifetime.Seconds()),
		HttpOnly: true, Secure: strings.HasPrefix(a.cfg.PublicURL, "https://"), SameSite: http.SameSiteLaxMode,
	})
	return c.Redirect(http.StatusFound, a.authorizeURL(storeURL, state))
}

// authorizeURL is the store's /wc-auth/v1/authorize page for state.
func (a *App) authorizeURL(storeURL, state string) string {
	q := url.Values{
		"app_name":     {a.cfg.AppName},
		"scope":        {"read_write"},
		"user_id":      {state},
		"return_url":   {a.cfg.PublicURL + returnPath},
		"callback_url": {a.cfg.PublicURL + callbackPath},
	}
	return storeURL + "/wc-auth/v1/authorize?" + q.Encode()
}

// CheckStoreURL returns the store's base URL (scheme, lower-case host,
// path without a trailing slash) when raw is one: https, or http for a
// development store on localhost; no credentials, query, fragment or path
// tricks (dot segments, escapes, empty segments, backslashes).
func CheckStoreURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	bad := errors.New("woocommerce: not a store URL")
	u, err := url.Parse(raw)
	if err != nil || raw == "" || u.Host == "" || u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || u.Opaque != "" {
		return "", bad
	}
	host := strings.ToLower(u.Hostname())
	switch u.Scheme {
	case "https":
	case "http":
		if !isLocal(host) {
			return "", bad
		}
	default:
		return "", bad
	}
	if strings.ContainsAny(raw, "\\%@ \t") || strings.ContainsAny(host, "/?#") {
		return "", bad
	}
	path := strings.TrimRight(u.Path, "/")
	if path != "" {
		for _, seg := range strings.Split(path[1:], "/") {
			if seg == "" || seg == "." || seg == ".." {
				return "", bad
			}
		}
	}
	hostport := host
	if p := u.Port(); p != "" {
		hostport = net.JoinHostPort(host, p)
	}
	return u.Scheme + "://" + hostport + path, nil
}

func isLocal(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func randomState() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// keyCallback is the JSON WooCommerce posts to callback_url.
type keyCallback struct {
	KeyID          int64           `json:"key_id"`
	UserID         json.RawMessage `json:"user_id"` // our state, echoed (a string, or a number when it looked like one)
	ConsumerKey    string          `json:"consumer_key"`
	ConsumerSecret string          `json:"consumer_secret"`
	Permissions    string          `json:"key_permissions"`
}

func (k keyCallback) state() string {
	var s string
	if json.Unmarshal(k.UserID, &s) == nil {
		return s
	}
	return strings.TrimSpace(string(k.UserID))
}

// callback serves POST /woocommerce/callback: the store's new key, accepted
// only for a pending connection with that user_id. It reads the store's
// profile with the key, stores the shop with the key sealed and the
// merchant's login, and answers exactly 200 (anything else makes
// WooCommerce delete the key).
func (a *App) callback(c echo.Context) error {
	ctx := c.Request().Context()
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, maxCallbackBytes+1))
	if err != nil || len(body) > maxCallbackBytes {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "the key JSON is missing or too large"})
	}
	var k keyCallback
	if err := json.Unmarshal(body, &k); err != nil || !strings.HasPrefix(k.ConsumerKey, "ck_") || !strings.HasPrefix(k.ConsumerSecret, "cs_") || k.state() == "" {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "not a WooCommerce key callback"})
	}
	pc, err := a.store.PendingConnectionByState(ctx, Platform, k.state(), a.now())
	if errors.Is(err, store.ErrNotFound) {
		return c.JSON(http.StatusForbidden, map[string]string{"error": "no connection is waiting for this user_id"})
	}
	if err != nil {
		return err
	}
	if pc.CompletedAt != nil {
		return c.JSON(http.StatusConflict, map[string]string{"error": "this connection received its key already"})
	}
	if k.Permissions != "" && k.Permissions != "read_write" {
		return c.JSON(http.StatusForbidden, map[string]string{"error": "Lethe needs read_write access"})
	}
	cr := Credentials{StoreURL: pc.StoreURL, KeyID: k.KeyID, ConsumerKey: k.ConsumerKey, ConsumerSecret: k.ConsumerSecret, Permissions: k.Permissions}
	if _, err := a.connectShop(ctx, pc, cr); err != nil {
		a.log.Warn("woocommerce connection failed", "err", err)
		return c.JSON(http.StatusBadGateway, map[string]string{"error": "could not read the store's profile with the new key"})
	}
	return c.JSON(http.StatusOK, struct{}{})
}

// connectShop reads the store's profile with the new key and, in one
// transaction, stores the shop as active with its profile and its key
// sealed, creates the merchant's login (the first administrator's address),
// completes the pending connection and continues the shop's requests that
// wait for its setup or for this reconnection. Nothing is stored when the
// store cannot be read.
func (a *App) connectShop(ctx context.Context, pc *store.PendingConnection, cr Credentials) (*store.Shop, error) {
	cl, err := a.client(cr)
	if err != nil {
		return nil, err
	}
	prof, err := ReadProfile(ctx, cl)
	if err != nil {
		return nil, err
	}
	u, _ := url.Parse(pc.StoreURL)
	domain := u.Host
	cur, err := a.store.ShopByDomain(ctx, Platform, domain)
	switch {
	case errors.Is(err, store.ErrNotFound):
		cur = &store.Shop{Platform: Platform, Domain: domain}
	case err != nil:
		return nil, err
	}
	cr.PluginSecret = NewPluginSecret()
	if cur.ID != 0 && len(cur.Credentials) > 0 {
		var old Credentials
		if err := a.store.OpenCredentials(cur, &old); err == nil && old.PluginSecret != "" {
			cr.PluginSecret = old.PluginSecret // the plugin keeps working
		}
	}
	next := *cur
	next.ID, next.Credentials = 0, nil // upsert by platform and domain
	applyProfile(&next, prof)
	now := a.now()
	next.Status, next.Scopes = store.ShopActive, "read_write"
	next.ProfileRefreshedAt = &now
	if cur.InstalledAt == nil || cur.Status == store.ShopUninstalled || cur.Status == store.ShopRedacted {
		next.InstalledAt = &now
	}
	next.UninstalledAt = nil
	var out *store.Shop
	var continued []*store.Step
	err = a.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.UpsertShop(ctx, &next); err != nil {
			return err
		}
		if err := tx.SetCredentials(ctx, next.ID, cr); err != nil {
			return err
		}
		login, err := a.login(ctx, tx, next.ID, prof.AdminEmail)
		if err != nil {
			return err
		}
		if err := tx.CompletePendingConnection(ctx, Platform, pc.State, next.ID, login, now); err != nil {
			return err
		}
		if out, err = tx.Shop(ctx, next.ID); err != nil {
			return err
		}
		if continued, err = requests.ContinueSetup(ctx, tx, out, "system:"+Platform); err != nil {
			return err
		}
		// A reconnection (new keys for a shop whose key was refused):
		// every step that waited for it continues where it stopped.
		resumed, err := requests.ContinueReconnected(ctx, tx, out, Platform, "system:"+Platform)
		continued = append(continued, resumed...)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(continued) > 0 && a.Enqueue != nil {
		if err := a.Enqueue(ctx, continued...); err != nil {
			a.log.Warn("enqueue after connection failed; left to the reconciler", "shop_id", out.ID, "err", err)
		}
	}
	return out, nil
}

// login is the merchant's login for the shop: a new user with the
// administrator's address, or the shop's user who has it already; 0 when
// the address is missing, not usable or belongs to another shop's login.
func (a *App) login(ctx context.Context, tx *store.Store, shopID int64, email string) (int64, error) {
	if strings.TrimSpace(email) == "" {
		return 0, nil
	}
	id, err := tenant.NewLogins(tx).CreateUser(ctx, shopID, email)
	switch {
	case err == nil:
		return id, nil
	case errors.Is(err, tenant.ErrEmailTaken):
		u, err := tx.UserByEmail(ctx, email)
		if err != nil || u.ShopID != shopID {
			return 0, err
		}
		return u.ID, nil
	case errors.Is(err, tenant.ErrBadEmail):
		return 0, nil
	default:
		return 0, err
	}
}

// returned serves GET /woocommerce/return?success=1|0&user_id=…: the
// merchant's browser back from the store. Approved and keyed, the merchant
// goes to an invitation that sets their password and opens the panel's
// onboarding (or to the login page when their login has a password);
// denied, a page says so and how to retry.
func (a *App) returned(c echo.Context) error {
	ctx := c.Request().Context()
	state := c.QueryParam("user_id")
	if c.QueryParam("success") != "1" {
		if state != "" {
			_ = a.store.DeletePendingConnection(ctx, Platform, state)
		}
		return a.page(c, http.StatusOK, pageDenied)
	}
	ck, err := c.Cookie(connectCookie)
	if err != nil || state == "" || subtle.ConstantTimeCompare([]byte(ck.Value), []byte(state)) != 1 {
		return a.page(c, http.StatusForbidden, pageOtherBrowser)
	}
	pc, err := a.store.PendingConnectionByState(ctx, Platform, state, a.now())
	if errors.Is(err, store.ErrNotFound) {
		return a.page(c, http.StatusNotFound, pageExpired)
	}
	if err != nil {
		return err
	}
	if pc.CompletedAt == nil || pc.ShopID == nil {
		return a.page(c, http.StatusBadGateway, pageNoKey)
	}
	c.SetCookie(&http.Cookie{Name: connectCookie, Path: "/woocommerce/", MaxAge: -1, HttpOnly: true, Secure: strings.HasPrefix(a.cfg.PublicURL, "https://"), SameSite: http.SameSiteLaxMode})
	if err := a.store.DeletePendingConnection(ctx, Platform, state); err != nil {
		return err
	}
	if pc.LoginUserID == nil || *pc.LoginUserID == 0 {
		return c.Redirect(http.StatusSeeOther, a.cfg.PublicURL+"/app/login")
	}
	u, err := a.store.UserByID(ctx, *pc.LoginUserID)
	if err != nil {
		return err
	}
	if u.PasswordHash != "" {
		return c.Redirect(http.StatusSeeOther, a.cfg.PublicURL+"/app/login")
	}
	link, err := tenant.NewLogins(a.store).InviteLink(ctx, u.ID, a.cfg.PublicURL)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, link)
}
