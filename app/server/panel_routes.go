package server

import "github.com/labstack/echo/v4"

// mountPages adds the pages behind the login (g is /app with panel auth);
// each page file has its own mount function.
func (p *Panel) mountPages(g *echo.Group) {
	p.mountInbox(g)
	p.mountOnboarding(g)
	p.mountSettings(g)
	p.mountArchive(g)
	p.mountRequest(g)
	p.mountRequestNew(g)
	p.mountMail(g)
}
