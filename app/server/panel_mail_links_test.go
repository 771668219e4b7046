package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/pipeline"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/jobs"
	"github.com/lethe-gdpr/lethe/shopify"
)

// links are the addresses in an e-mail: its HTML's hrefs and the http(s)
// addresses of its text.
var (
	hrefs    = regexp.MustCompile(`href="([^"]+)"`)
	textURLs = regexp.MustCompile(`https?://[^\s<>"]+`)
)

// Every link Lethe writes into an e-mail to the merchant — the notice of a
// new request, the setup notice, the daily digest — opens a panel page:
// the pipeline and the digest make them (with the installation's
// MerchantURL), the test follows each through the echo server and gets
// the page (200) or a redirect (303), never a 404. A Shopify shop's links
// open inside the Shopify admin (https://{shop}/admin/apps/{api key}/…,
// which Shopify loads as the app's URL + the path, with a session token);
// another platform's shop gets Lethe's own /app.
func TestMerchantEmailLinksOpenPanelPages(t *testing.T) {
	e := newSettingsEnv(t, server.PanelConfig{ShopifyAPIKey: "test-key"})
	ctx := context.Background()
	app := shopify.NewApp(shopify.AppConfig{APIKey: "test-key"}, e.st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	links := mail.MerchantLinks(e.url, app.AdminLink)
	p := &pipeline.Pipeline{Store: e.st, Connectors: connect.NewRegistry(), PublicURL: e.url, MerchantURL: links, LinkTTL: time.Hour,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now, Enqueue: func(context.Context, ...*store.Step) error { return nil }}

	ready := e.shop(t, "muster.myshopify.com", "Musterladen GmbH", "Marienplatz 1", "80331", "München", "info@muster.example")
	ready.Region = "BY"
	waiting := e.shop(t, "grenze.myshopify.com", "Grenzladen UG", "Am Deich 3", "21039", "Hamburg", "info@grenze.example")
	woo := e.shop(t, "shop.example", "Woo GmbH", "Weg 1", "21039", "Hamburg", "info@woo.example")
	if err := e.st.UpdateShopProfile(ctx, ready, nil); err != nil {
		t.Fatal(err)
	}
	if err := e.st.GormForTests().Model(&store.Shop{}).Where("id = ?", woo.ID).Update("platform", "woocommerce").Error; err != nil {
		t.Fatal(err)
	}
	woo = e.reload(t, woo)

	for _, sh := range []*store.Shop{e.reload(t, ready), e.reload(t, waiting), woo} {
		var first *store.Step
		err := e.st.Tx(ctx, func(tx *store.Store) error {
			var err error
			_, first, err = requests.Create(ctx, tx, sh, requests.New{Type: store.TypeAccess, Source: "manual", Channel: "email",
				ReceivedAt: time.Now().Add(-27 * 24 * time.Hour), Locale: "de", Subject: store.Subject{Email: "jane@kunde.example"}})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		claimed, ok, err := e.st.ClaimStep(ctx, first.ID, time.Minute)
		if err != nil || !ok {
			t.Fatal(ok, err)
		}
		if err := p.Discover(ctx, claimed); err != nil {
			t.Fatalf("%s: discover: %v", sh.Domain, err)
		}
		d := jobs.Digests{Store: e.st, Now: time.Now, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), AppURL: e.url,
			MerchantURL: links, SetupMissing: func(sh *store.Shop) []string { return requests.Readiness(sh).Missing }}
		if ok, err := d.SendDigest(ctx, e.reload(t, sh)); err != nil || !ok {
			t.Fatalf("%s: digest: %v %v", sh.Domain, ok, err)
		}
	}

	requestPage := false
	for _, r := range e.srv.Echo().Routes() {
		requestPage = requestPage || (r.Method == http.MethodGet && r.Path == "/app/requests/:id")
	}
	kinds := map[string]int{}
	for _, sh := range []*store.Shop{ready, waiting, woo} {
		var ids []int64
		if err := e.st.GormForTests().Table("emails").Where("shop_id = ?", sh.ID).Order("id").Pluck("id", &ids).Error; err != nil {
			t.Fatal(err)
		}
		admin := "https://" + sh.Domain + "/admin/apps/test-key"
		for _, id := range ids {
			em, err := e.st.Email(ctx, sh.ID, id)
			if err != nil {
				t.Fatal(err)
			}
			var found []string
			for _, m := range hrefs.FindAllStringSubmatch(em.BodyHTML, -1) {
				found = append(found, strings.ReplaceAll(m[1], "&amp;", "&"))
			}
			found = append(found, textURLs.FindAllString(em.BodyText, -1)...)
			if len(found) == 0 {
				t.Errorf("%s %s: no link to the panel", sh.Domain, em.Kind)
			}
			kinds[em.Kind]++
			for _, link := range found {
				var path string
				switch {
				case sh == woo && strings.HasPrefix(link, e.url+"/app"):
					path = strings.TrimPrefix(link, e.url)
				case sh != woo && strings.HasPrefix(link, admin+"/app"):
					path = strings.TrimPrefix(link, admin) // what Shopify loads in the frame
				default:
					t.Errorf("%s %s: link %s opens no panel page of the shop's admin", sh.Domain, em.Kind, link)
					continue
				}
				if strings.HasPrefix(path, "/app/requests/") && !requestPage {
					t.Logf("%s: the request page is not on this branch (it arrives with the request page's merge)", path)
					if !regexp.MustCompile(`^/app/requests/\d+$`).MatchString(path) {
						t.Errorf("%s %s: request link %s", sh.Domain, em.Kind, path)
					}
					continue
				}
				if pg := e.get(t, e.reload(t, sh), "de", path); pg.status != http.StatusOK && pg.status != http.StatusSeeOther {
					t.Errorf("%s %s: %s answers %d", sh.Domain, em.Kind, link, pg.status)
				}
			}
		}
	}
	if kinds[mail.KindMerchantNotice] != 1 || kinds[mail.KindSetupNotice] != 2 || kinds[mail.KindDigest] != 3 {
		t.Errorf("e-mails drafted: %v; want the ready shop's notice, a setup notice per waiting shop, a digest per shop", kinds)
	}
}
