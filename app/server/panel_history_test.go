package server_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/lethe-gdpr/lethe/app/store"
)

// A boosted form's POST answered with a page names the page's GET address
// (HX-Push-Url), so that a reload loads the page again instead of the
// form's POST-only address: "false" when the form was on that page, the
// page's address when it was elsewhere; a plain POST (no htmx) gets none.
func TestPanelPostAnswerKeepsAReloadableAddress(t *testing.T) {
	g := newPanelRig(t, store.SQLite)
	badRequest := url.Values{"type": {"delete"}, "email": {"not an address"}}
	badAutomation := url.Values{"auto_send_shown": {"1"}, "merchant_email": {"kein-at"}}
	cases := []struct {
		name, path, from string
		form             url.Values
		want             string
	}{
		{"new request, from its form", "/app/requests", "/app/requests/new", badRequest, "false"},
		{"new request, from elsewhere", "/app/requests", "/app", badRequest, "/app/requests/new"},
		{"archive export", "/app/archive/export", "/app/archive", url.Values{"reason": {""}}, "false"},
		{"archive export, from elsewhere", "/app/archive/export", "/app/settings", url.Values{"reason": {""}}, "/app/archive"},
		{"settings section", "/app/settings/automation", "/app/settings/automation", badAutomation, "false"},
		{"settings section, from the overview", "/app/settings/automation", "/app/settings", badAutomation, "/app/settings/automation"},
		{"token revoke", "/app/settings/tokens/999999/revoke", "/app/settings/tokens", url.Values{}, "false"},
		{"onboarding", "/app/onboarding", "/app/requests/7", url.Values{"legal_name": {"X KG"}, "street": {""}}, "/app/onboarding"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, h, body := g.do(t, g.a, http.MethodPost, tc.path+"?lang=en", tc.form,
				"HX-Request", "true", "HX-Boosted", "true", "HX-Current-URL", g.url+tc.from+"?lang=en")
			if status == http.StatusSeeOther {
				t.Fatalf("POST %s worked (303 %s); the case wants a page answer", tc.path, h.Get("Location"))
			}
			if got := h.Get("HX-Push-Url"); got != tc.want {
				t.Errorf("POST %s from %s (%d): HX-Push-Url %q, want %q\n%.300s", tc.path, tc.from, status, got, tc.want, body)
			}
			status, h, _ = g.do(t, g.a, http.MethodPost, tc.path+"?lang=en", tc.form)
			if got := h.Get("HX-Push-Url"); got != "" {
				t.Errorf("plain POST %s (%d): HX-Push-Url %q, want none", tc.path, status, got)
			}
		})
	}
}
