package server

import (
	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/store"
)

// mountInvite adds the invitation page: GET/POST /app/invite/:token
// (`lethe user create` prints the link). After the first login the user
// goes to the onboarding.
func (p *Panel) mountInvite(g *echo.Group) {
	g.GET("/invite/:token", func(c echo.Context) error { return p.linkPage(c, "invite", store.LoginInvite) })
	g.POST("/invite/:token", func(c echo.Context) error {
		return p.linkSubmit(c, "invite", store.LoginInvite, func(first bool) string {
			if first {
				return "/app/onboarding"
			}
			return "/app"
		})
	})
}
