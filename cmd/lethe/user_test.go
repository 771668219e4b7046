package main

import (
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/store/seal"
)

// TestUserCommands creates a user with the CLI, follows the printed
// invitation link on a running `lethe serve` (set the password: logged in,
// on to the onboarding, the inbox opens), lists the user and makes a new
// link for them.
func TestUserCommands(t *testing.T) {
	clearEnv(t)
	dir := filepath.Join(t.TempDir(), "data")
	t.Setenv("LETHE_DATA_DIR", dir)
	t.Setenv("LETHE_ADDR", "127.0.0.1:0")
	t.Setenv("LETHE_SECRET_KEY", testKey)
	t.Setenv("LETHE_PUBLIC_URL", "https://lethe.example/")
	if code, out, stderr := runCmd(t, "migrate", "up"); code != 0 {
		t.Fatalf("migrate up: %d %s %s", code, out, stderr)
	}
	seedUserShops(t, filepath.Join(dir, "lethe.db"))

	if code, _, stderr := runCmd(t, "user", "create", "--shop", "nowhere.example", "--email", "ines@moebel.example"); code != 1 || !strings.Contains(stderr, "no shop nowhere.example") {
		t.Fatalf("unknown shop: %d %q", code, stderr)
	}
	if code, _, stderr := runCmd(t, "user", "create", "--shop", "twice.example", "--email", "ines@moebel.example"); code != 1 || !strings.Contains(stderr, "--platform") {
		t.Fatalf("a domain on two platforms: %d %q", code, stderr)
	}
	if code, _, stderr := runCmd(t, "user", "create", "--shop", "moebel.example"); code != 2 || !strings.Contains(stderr, "--email is required") {
		t.Fatalf("no address: %d %q", code, stderr)
	}
	code, link, stderr := runCmd(t, "user", "create", "--shop", "moebel.example", "--email", "ines@moebel.example")
	link = strings.TrimSpace(link)
	if code != 0 || !regexp.MustCompile(`^https://lethe\.example/app/invite/[A-Za-z0-9_-]{43}$`).MatchString(link) || !strings.Contains(stderr, "7 days") {
		t.Fatalf("create: %d %q %q", code, link, stderr)
	}
	if code, _, stderr := runCmd(t, "user", "create", "--shop", "twice.example", "--platform", "shopify", "--email", "INES@moebel.example"); code != 1 || !strings.Contains(stderr, "exists") {
		t.Fatalf("the same address in another shop: %d %q", code, stderr)
	}
	code, out, _ := runCmd(t, "user", "list", "--shop", "moebel.example")
	if code != 0 || !strings.Contains(out, "ines@moebel.example") || strings.Count(strings.Split(out, "\n")[1], " -") != 3 {
		t.Fatalf("list: %d %q", code, out)
	}

	base, stop := started(t, "serve")
	defer stop()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	path := strings.TrimPrefix(link, "https://lethe.example")
	get := func(p string) (int, string) {
		resp, err := c.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, page := get(path + "?lang=de")
	m := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindStringSubmatch(page)
	if code != 200 || m == nil || !strings.Contains(page, "Willkommen bei Lethe") || !strings.Contains(page, "ines@moebel.example") {
		t.Fatalf("invitation page: %d %s", code, page)
	}
	resp, err := c.PostForm(base+path, url.Values{"_csrf": {m[1]}, "password": {"mein-erstes-passwort"}, "password2": {"mein-erstes-passwort"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/app/onboarding" {
		t.Fatalf("set the password: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if code, page := get("/app?lang=en"); code != 200 || !strings.Contains(page, "<h1>Requests</h1>") || !strings.Contains(page, "Log out") {
		t.Fatalf("inbox after the invitation: %d %s", code, page)
	}
	if code, _ := get(path); code != http.StatusGone {
		t.Fatalf("the invitation twice: %d", code)
	}

	code, out, _ = runCmd(t, "user", "list", "--shop", "moebel.example")
	if code != 0 || strings.Count(strings.Split(out, "\n")[1], "Z") != 3 {
		t.Fatalf("list after the first login: %q", out)
	}
	code, again, stderr := runCmd(t, "user", "invite", "--shop", "moebel.example", "--email", "Ines@Moebel.example")
	again = strings.TrimSpace(again)
	if code != 0 || again == link || !strings.HasPrefix(again, "https://lethe.example/app/invite/") {
		t.Fatalf("invite: %d %q %q", code, again, stderr)
	}
	if code, _ := get(strings.TrimPrefix(again, "https://lethe.example")); code != 200 {
		t.Fatalf("the new link: %d", code)
	}
	if code, _, stderr := runCmd(t, "user", "invite", "--shop", "twice.example", "--platform", "shopify", "--email", "ines@moebel.example"); code != 1 || !strings.Contains(stderr, "has no user") {
		t.Fatalf("another shop's user: %d %q", code, stderr)
	}
}

// seedUserShops stores moebel.example (WooCommerce) and twice.example on
// two platforms, with the key the commands use.
func seedUserShops(t *testing.T, sqlitePath string) {
	t.Helper()
	key, _ := base64.StdEncoding.DecodeString(testKey)
	keys, err := seal.New(key)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{SQLitePath: sqlitePath, Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, sh := range []*store.Shop{
		{Platform: "woocommerce", Domain: "moebel.example", Name: "Möbel Beispiel"},
		{Platform: "woocommerce", Domain: "twice.example"},
		{Platform: "shopify", Domain: "twice.example"},
	} {
		if err := st.UpsertShop(ctx, sh); err != nil {
			t.Fatal(err)
		}
	}
}
