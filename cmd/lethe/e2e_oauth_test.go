package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/mail/mailtest"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// oauthInstall seeds a shop in the emulator and installs it the way a
// merchant's browser does with the authorization-code grant: the signed
// install link → Shopify's authorize page (the emulator, approving at once)
// → the callback, carrying the state cookie → Lethe exchanges the code. s
// then speaks as the shop.
func (s *stack) oauthInstall(domain string, o shopifytest.ShopOptions) {
	s.t.Helper()
	s.emu.AddShop(domain, o)
	jar, err := cookiejar.New(nil)
	if err != nil {
		s.t.Fatal(err)
	}
	browser := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	before := s.emu.Grants()

	label, _, _ := strings.Cut(domain, ".")
	link := s.base + "/shopify/install?" + shopifytest.SignedQuery(url.Values{
		"shop":      {domain},
		"timestamp": {strconv.FormatInt(time.Now().Unix(), 10)},
		"host":      {base64.RawURLEncoding.EncodeToString([]byte("admin.shopify.com/store/" + label))},
	}, s.app.ClientSecret)
	authorize := s.redirect(browser, mustRequest(s.t, link, ""))
	if authorize.Host != domain || authorize.Path != "/admin/oauth/authorize" || authorize.Query().Get("state") == "" {
		s.t.Fatalf("install redirected to %s", authorize)
	}
	// Shopify's authorize page lives on the shop's domain: the emulator
	// serves it, told the shop by the Host header.
	callback := s.redirect(browser, mustRequest(s.t, s.emu.URL+authorize.Path+"?"+authorize.RawQuery, domain))
	if got := callback.Scheme + "://" + callback.Host + callback.Path; got != s.base+"/shopify/callback" ||
		callback.Query().Get("state") != authorize.Query().Get("state") || callback.Query().Get("code") == "" {
		s.t.Fatalf("authorize redirected to %s", callback)
	}
	into := s.redirect(browser, mustRequest(s.t, callback.String(), ""))
	if want := "https://" + domain + "/admin/apps/" + s.app.ClientID; into.String() != want {
		s.t.Fatalf("callback redirected to %s, want %s", into, want)
	}
	if g := s.emu.Grants(); g.AuthorizationCode != before.AuthorizationCode+1 || g.TokenExchange != before.TokenExchange {
		s.t.Fatalf("grants %+v after %+v: not one authorization-code grant", g, before)
	}
	s.domain = domain
}

func mustRequest(t testing.TB, u, host string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	return req
}

// redirect sends req with the browser and returns where the 302 points.
func (s *stack) redirect(browser *http.Client, req *http.Request) *url.URL {
	s.t.Helper()
	resp, err := browser.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	loc, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil || loc.String() == "" {
		s.t.Fatalf("%s: %d %s", req.URL.Path, resp.StatusCode, body)
	}
	return loc
}

// customerRequest sends a customers/data_request for a new customer of the
// current shop who writes in locale and returns its request.
func (s *stack) customerRequest(n int64, locale string) (apiRequest, string) {
	s.t.Helper()
	email := fmt.Sprintf("kunde%d@example.de", n)
	id := s.emu.AddCustomer(s.domain, shopifytest.Customer{FirstName: "Kunde", LastName: fmt.Sprint(n), Email: email, Locale: locale})
	p := shopifytest.DataRequest(1, s.domain, shopifytest.WebhookCustomer{ID: id, Email: email}, nil, 9000+n)
	resp, err := shopifytest.SendWebhook(context.Background(), s.base+"/webhooks/shopify", "customers/data_request", s.domain, p, s.app.ClientSecret)
	if err != nil || resp.StatusCode != 200 {
		s.t.Fatalf("webhook: %v %v", resp, err)
	}
	resp.Body.Close()
	return s.requests()[0], email
}

// answerTexts are the produced answer of a ready request in one language:
// the report HTML and the draft e-mail to the customer (text and HTML).
func (s *stack) answerTexts(id int64, lang, customer string) (report, mailText, mailHTML string) {
	s.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/api/requests/%d/report.html?lang=%s", s.base, id, lang), nil)
	req.Header.Set("Authorization", "Bearer "+shopifytest.SessionToken(s.domain, s.app.ClientID, s.app.ClientSecret, time.Now()))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		s.t.Fatalf("report.html?lang=%s: %d %s", lang, resp.StatusCode, b)
	}
	var es struct {
		Emails []struct {
			Kind     string `json:"kind"`
			Locale   string `json:"locale"`
			To       string `json:"to"`
			BodyText string `json:"body_text"`
			BodyHTML string `json:"body_html"`
		}
	}
	s.api("GET", fmt.Sprintf("/api/requests/%d/emails", id), "", &es)
	for _, e := range es.Emails {
		if e.To == customer {
			if e.Locale != lang {
				s.t.Errorf("request %d: the customer's %s e-mail is in %q, want %q", id, e.Kind, e.Locale, lang)
			}
			return string(b), e.BodyText, e.BodyHTML
		}
	}
	s.t.Fatalf("request %d: no e-mail to the customer among %+v", id, es.Emails)
	return "", "", ""
}

// A shop installed through OAuth with no setting touched answers its first
// data request naming the authority of the state its postcode lies in,
// with its postal address and website, in German and in English; the
// shop's language is its primary locale in Shopify.
func TestOAuthInstallAnswersNamingTheAuthority(t *testing.T) {
	s, smtp := startStack(t, testenv.RealRedis, nil)
	bavaria := []string{"Bayerisches Landesamt für Datenschutzaufsicht", "Promenade 18, 91522 Ansbach", "https://www.lda.bayern.de"}
	saxony := []string{"Sächsischer Datenschutz- und Transparenzbeauftragter", "Devrientstraße 5, 01067 Dresden", "https://www.datenschutz.sachsen.de"}
	bavariaFields := []string{bavaria[0], "Promenade 18", "91522", "Ansbach", bavaria[2]}
	saxonyFields := []string{saxony[0], "Devrientstraße 5", "01067", "Dresden", saxony[2]}
	cases := []struct {
		domain  string
		shop    shopifytest.ShopOptions
		names   []string // in the texts: name, postal address, website
		fields  []string // in report.json: name, street, postcode, city, website
		state   string
		lang    string // the shop's language: its primary locale
		subject string // of the merchant's notice, in that language
	}{
		{"muenchner-moebel.myshopify.com", shopifytest.ShopOptions{Name: "Münchner Möbel", Email: "info@muenchner-moebel.de",
			Country: "DE", Address1: "Sendlinger Str. 1", Zip: "80331", City: "München"}, bavaria, bavariaFields, "BY", "de", "Neue Datenschutzanfrage"},
		{"leipziger-laden.myshopify.com", shopifytest.ShopOptions{Name: "Leipziger Laden", Email: "info@leipziger-laden.de",
			Country: "DE", Address1: "Markt 1", Zip: "04109", City: "Leipzig", Locale: "en", Locales: []string{"de"}}, saxony, saxonyFields, "SN", "en", "New data protection request"},
	}
	for i, c := range cases {
		s.oauthInstall(c.domain, c.shop)
		var sj struct {
			Profile map[string]any `json:"profile"`
		}
		if code := s.api("GET", "/api/shop", "", &sj); code != 200 {
			t.Fatalf("%s: GET /api/shop: %d", c.domain, code)
		}
		if p := sj.Profile; p["state"] != c.state || p["state_source"] != "postcode" || p["language"] != c.lang {
			t.Errorf("%s: profile %v, want state %s from postcode, language %s", c.domain, p, c.state, c.lang)
		}
		for j, lang := range []string{"de", "en"} {
			r, customer := s.customerRequest(int64(10*i+j), lang)
			s.waitStatus(r.ID, store.StatusReady)
			if txt := s.reportText(r.ID); !containsAll(txt, c.fields) {
				t.Errorf("%s: report.json of request %d lacks %q:\n%.3000s", c.domain, r.ID, c.names, txt)
			}
			report, text, html := s.answerTexts(r.ID, lang, customer)
			for what, got := range map[string]string{"report.html": report, "e-mail text": text, "e-mail HTML": html} {
				if !containsAll(got, c.names) {
					t.Errorf("%s: %s (%s) of request %d lacks %q:\n%.3000s", c.domain, what, lang, r.ID, c.names, got)
				}
			}
		}
		if n := mailsTo(smtp, c.shop.Email, c.subject); n != 2 {
			t.Errorf("%s: %d merchant notices with %q, want 2 (the shop's language is %s)", c.domain, n, c.subject, c.lang)
		}
	}
}

func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) && !strings.Contains(s, htmlEscaped(sub)) {
			return false
		}
	}
	return true
}

// htmlEscaped is how html/template writes s in text.
func htmlEscaped(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// mailsTo counts the messages to whose subject contains subject, waiting a
// little for the mail step.
func mailsTo(smtp *mailtest.Server, to, subject string) int {
	n := 0
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		n = 0
		for _, m := range smtp.Messages() {
			if len(m.EnvelopeTo) > 0 && m.EnvelopeTo[0] == to && strings.Contains(m.Subject, subject) {
				n++
			}
		}
		if n >= 2 {
			break
		}
	}
	return n
}
