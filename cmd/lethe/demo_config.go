package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"syscall"

	"github.com/lethe-gdpr/lethe/app/config"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// demoAddr is where the demo listens unless LETHE_ADDR says otherwise.
const demoAddr = "127.0.0.1:8080"

// demoListen listens on LETHE_ADDR (default 127.0.0.1:8080); when that
// port is taken it takes a free one on the same host and says so in
// moved.
func demoListen() (ln net.Listener, moved string, err error) {
	addr := demoAddr
	if v := strings.TrimSpace(os.Getenv("LETHE_ADDR")); v != "" {
		addr = v
	}
	ln, err = net.Listen("tcp", addr)
	if err == nil {
		return ln, "", nil
	}
	host, _, splitErr := net.SplitHostPort(addr)
	if !errors.Is(err, syscall.EADDRINUSE) || splitErr != nil {
		return nil, "", optionError("LETHE_ADDR", err)
	}
	if ln, err = net.Listen("tcp", net.JoinHostPort(host, "0")); err != nil {
		return nil, "", optionError("LETHE_ADDR", err)
	}
	return ln, fmt.Sprintf("%s is in use; the demo listens on %s instead.", addr, ln.Addr()), nil
}

// baseURL is the URL a browser on this machine reaches ln at.
func baseURL(ln net.Listener) string {
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// demoOptions are the options the demo sets itself; every other option
// keeps its default or the environment's value (LETHE_LOG_LEVEL …).
var demoOptions = []string{
	"LETHE_ADDR", "LETHE_PUBLIC_URL", "LETHE_DATA_DIR", "LETHE_DATABASE_URL", "LETHE_REDIS_URL", "LETHE_SECRET_KEY",
	"LETHE_SECRET_KEYS_OLD", "LETHE_AUTO_MIGRATE", "LETHE_SMTP_URL", "LETHE_MAIL_FROM", "SHOPIFY_API_KEY", "SHOPIFY_API_SECRET",
	"SHOPIFY_SCOPES", "SHOPIFY_API_VERSION", "LETHE_SHOPIFY_API_ORIGIN",
}

// demoConfig is the embedded default (an SQLite file in dir, an
// in-process Redis, a generated key) wired to the emulator and the caught
// mail; nothing of a real installation's environment reaches it.
func demoConfig(ln net.Listener, dir, smtpURL string, emu *shopifytest.Emulator, app shopifytest.App) (*config.Config, error) {
	set := map[string]string{
		"LETHE_ADDR": ln.Addr().String(), "LETHE_PUBLIC_URL": baseURL(ln), "LETHE_DATA_DIR": dir,
		"LETHE_SMTP_URL": smtpURL, "LETHE_MAIL_FROM": "Lethe (Demo) <no-reply@lethe-demo.example>",
		"SHOPIFY_API_KEY": app.ClientID, "SHOPIFY_API_SECRET": app.ClientSecret, "SHOPIFY_SCOPES": app.Scopes,
		"LETHE_SHOPIFY_API_ORIGIN": emu.URL,
	}
	if _, ok := os.LookupEnv("LETHE_LOG_LEVEL"); !ok {
		set["LETHE_LOG_LEVEL"] = "warn" // the demo's own lines stay readable
	}
	ours := map[string]bool{}
	for _, name := range demoOptions {
		ours[name], ours[name+"_FILE"] = true, true
	}
	return config.Load(func(name string) (string, bool) {
		if v, ok := set[name]; ok {
			return v, true
		}
		if ours[name] {
			return "", false
		}
		return os.LookupEnv(name)
	})
}
