package server

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestStartPage(t *testing.T) {
	srv := New(Deps{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	MountStartPage(srv.Echo(), StartInfo{Version: "1.2.3", PublicURL: "https://lethe.example", Database: "sqlite",
		DataDir: "./lethe-data", Redis: "embedded"})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	tests := []struct {
		name, query, accept, lang string
		want                      []string
	}{
		{"default English", "", "", "en", []string{"Lethe is running", "1.2.3", "SQLite file in <code>./lethe-data</code>",
			"embedded Redis", "<code>SHOPIFY_API_KEY</code>", "answers stay drafts", "https://lethe.example/webhooks/shopify", "Art. 15 GDPR"}},
		{"browser asks German", "", "de-DE,de;q=0.9,en;q=0.5", "de", []string{"Lethe läuft", "SQLite-Datei", "Art. 15 DSGVO", "bleiben Antworten Entwürfe"}},
		{"the choice wins", "?lang=en", "de", "en", []string{"Lethe is running"}},
		{"unknown language", "?lang=fr", "fr", "en", []string{"Lethe is running"}},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest("GET", ts.URL+"/"+tt.query, nil)
		if tt.accept != "" {
			req.Header.Set("Accept-Language", tt.accept)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		body := string(b)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" || resp.Header.Get("Content-Language") != tt.lang {
			t.Fatalf("%s: %d %q %q", tt.name, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Language"))
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", tt.name, csp)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: page lacks %q", tt.name, w)
			}
		}
	}
	// With Shopify and mail configured it says so; other paths stay JSON.
	srv2 := New(Deps{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	MountStartPage(srv2.Echo(), StartInfo{Database: "postgres", Redis: "external", Shopify: true, Mail: true})
	ts2 := httptest.NewServer(srv2.Handler())
	defer ts2.Close()
	resp, _ := http.Get(ts2.URL + "/")
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, w := range []string{"PostgreSQL", "<span class=\"ok\">connected</span>", "<span class=\"ok\">configured</span>"} {
		if !strings.Contains(string(b), w) {
			t.Errorf("configured page lacks %q", w)
		}
	}
	if strings.Contains(string(b), "SHOPIFY_API_KEY") {
		t.Error("configured page still asks for the Shopify credentials")
	}
	resp, _ = http.Get(ts2.URL + "/nothing-here")
	resp.Body.Close()
	if resp.StatusCode != 404 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Errorf("unknown path: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

// Shopify opening the app at an application URL of "/" lands in the panel
// with every parameter it sent.
func TestStartPageSendsShopifyToThePanel(t *testing.T) {
	srv := New(Deps{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	MountStartPage(srv.Echo(), StartInfo{Version: "1"})
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/?embedded=1&shop=a.myshopify.com&host=YWJj&id_token=x", nil))
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/app?embedded=1&shop=a.myshopify.com&host=YWJj&id_token=x" {
		t.Fatalf("got %d %q", rec.Code, rec.Header().Get("Location"))
	}
}
