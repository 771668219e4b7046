package ratelimit

import (
	"net"

	"github.com/labstack/echo/v4"
)

// ClientKey is the address a client is counted by: Echo's RealIP through
// the server's IPExtractor (the connection's address unless a trusted
// proxy is configured; X-Forwarded-For is never taken on trust); an IPv6
// client counts by its /64, which one subscriber usually holds whole.
func ClientKey(c echo.Context) string {
	addr := c.RealIP()
	if c.Echo().IPExtractor == nil { // RealIP would trust X-Forwarded-For
		addr = echo.ExtractIPDirect()(c.Request())
	}
	ip := net.ParseIP(addr)
	if ip == nil || ip.To4() != nil {
		return addr
	}
	return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
}
