package server

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// mountLogin adds the standalone mode's pages that need no session.
func (p *Panel) mountLogin(g *echo.Group) {
	g.GET("/login", p.loginPage)
}

// loginPage serves GET /app/login.
func (p *Panel) loginPage(c echo.Context) error {
	v := &view{L: panelLang(c, ""), Static: staticVersion(), Title: "Lethe"}
	v.Title = v.L.T("login.title")
	return p.render(c, http.StatusOK, "login", v)
}
