package server

import (
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// The shop's API tokens (/app/settings/tokens), as `lethe token` manages
// them: list, create (the token is shown once, on the answer to the form,
// never in an address), revoke. Only the keyed hash is stored.

// tokensData is the tokens page's data.
type tokensData struct {
	Tokens   []store.APIToken
	New      string // the token just created: shown this once
	NewName  string
	Location *time.Location
}

// maxTokenName is the longest name a token takes.
const maxTokenName = 100

func (p *Panel) mountTokens(g *echo.Group) {
	g.GET("/settings/tokens", p.tokens)
	g.POST("/settings/tokens", p.createToken)
	g.POST("/settings/tokens/:id/revoke", p.revokeToken)
}

func (p *Panel) tokensPage(c echo.Context, status int, sh *store.Shop, t *tokensData, bad formErrors) error {
	ts, err := p.api.st.APITokens(c.Request().Context(), sh.ID)
	if err != nil {
		return err
	}
	t.Tokens, t.Location = ts, sh.Location()
	d := p.newSettingsData(c, sh, bad)
	d.Tokens = t
	return p.renderSettings(c, status, "tokens", d)
}

// tokens serves GET /app/settings/tokens.
func (p *Panel) tokens(c echo.Context) error {
	sh, err := p.currentShop(c)
	if err != nil {
		return err
	}
	return p.tokensPage(c, http.StatusOK, sh, &tokensData{}, nil)
}

// createToken serves POST /app/settings/tokens {name}: the new token on
// the page, once.
func (p *Panel) createToken(c echo.Context) error {
	sh, err := p.currentShop(c)
	if err != nil {
		return err
	}
	name := strings.TrimSpace(c.FormValue("name"))
	if utf8.RuneCountInString(name) > maxTokenName {
		l := p.newView(c, "", "", nil).L
		return p.tokensPage(c, http.StatusUnprocessableEntity, sh, &tokensData{}, formErrors{"name": l.T("form.err.long")})
	}
	tok, row, err := tenant.IssueToken(c.Request().Context(), p.api.st, sh.ID, name, actor(session(c)), p.api.clock())
	if err != nil {
		return err
	}
	return p.tokensPage(c, http.StatusOK, sh, &tokensData{New: tok, NewName: row.Name}, nil)
}

// revokeToken serves POST /app/settings/tokens/:id/revoke.
func (p *Panel) revokeToken(c echo.Context) error {
	id, err := pathID(c, "id", errBadID)
	if err != nil {
		return err
	}
	sess := session(c)
	err = tenant.RevokeToken(c.Request().Context(), p.api.st, sess.Shop.ID, id, actor(sess), p.api.clock())
	if err != nil {
		return err // another shop's token, or none: 404
	}
	return c.Redirect(http.StatusSeeOther, "/app/settings/tokens?done=token_revoked")
}
