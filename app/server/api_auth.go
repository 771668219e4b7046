package server

import (
	"errors"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// APIAuth authenticates the admin API's callers. An API token
// (Authorization: Bearer lethe_…) opens its own shop, and only that one;
// any other caller goes to platform, the platform's session middleware
// (shopify.App.SessionAuth). Without a platform (nil) only API tokens work.
// Either way the request's context carries a tenant.Session afterwards.
func APIAuth(st *store.Store, now func() time.Time, platform echo.MiddlewareFunc) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		viaPlatform := func(echo.Context) error {
			return fault.Unauthorized("missing API token: send Authorization: Bearer <API token>")
		}
		if platform != nil {
			viaPlatform = platform(next)
		}
		return func(c echo.Context) error {
			scheme, token, _ := strings.Cut(strings.TrimSpace(c.Request().Header.Get(echo.HeaderAuthorization)), " ")
			token = strings.TrimSpace(token)
			if !strings.EqualFold(scheme, "Bearer") || !tenant.IsToken(token) {
				return viaPlatform(c)
			}
			ctx := c.Request().Context()
			sess, err := tenant.TokenSession(ctx, st, token, now())
			switch {
			case errors.Is(err, tenant.ErrBadToken):
				return fault.Unauthorized("the API token is malformed, unknown or revoked")
			case errors.Is(err, tenant.ErrShopGone):
				return fault.Unauthorized("the API token's shop is no longer installed")
			case err != nil:
				return err
			}
			c.SetRequest(c.Request().WithContext(tenant.With(ctx, sess)))
			return next(c)
		}
	}
}
