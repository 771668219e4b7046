package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/store/seal"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// TestTokenCommands creates a token with the CLI, lists it, uses it on a
// running `lethe serve` (Shopify off: API tokens only) and revokes it, on
// the embedded default and on Postgres.
func TestTokenCommands(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			clearEnv(t)
			dir := filepath.Join(t.TempDir(), "data")
			t.Setenv("LETHE_DATA_DIR", dir)
			t.Setenv("LETHE_ADDR", "127.0.0.1:0")
			t.Setenv("LETHE_SECRET_KEY", testKey)
			dbURL := testenv.DatabaseURL(t, dialect)
			if dialect == store.Postgres {
				t.Setenv("LETHE_DATABASE_URL", dbURL)
				t.Setenv("LETHE_REDIS_URL", testenv.Redis(t, testenv.MemoryRedis))
			}
			if code, out, stderr := runCmd(t, "migrate", "up"); code != 0 {
				t.Fatalf("migrate up: %d %s %s", code, out, stderr)
			}
			a, b, ra, rb := seedTokenShops(t, dbURL, filepath.Join(dir, "lethe.db"))

			code, token, stderr := runCmd(t, "token", "create", "--shop", a.Domain, "--name", "ci export")
			token = strings.TrimSpace(token)
			if code != 0 || !strings.HasPrefix(token, "lethe_") || strings.Count(token, "\n") != 0 || !strings.Contains(stderr, "only this once") {
				t.Fatalf("create: %d %q %q", code, token, stderr)
			}
			code, out, _ := runCmd(t, "token", "list", "--shop", a.Domain)
			if code != 0 || !strings.Contains(out, "ci export") || strings.Contains(out, token) || strings.Contains(out, token[6:]) {
				t.Fatalf("list: %d %q", code, out)
			}
			id := strings.Fields(strings.Split(out, "\n")[1])[0]
			if line := strings.Split(out, "\n")[1]; strings.Count(line, "Z") != 1 || !strings.HasSuffix(line, "-") {
				t.Fatalf("a new token has been used or revoked: %q", line)
			}
			if code, out, _ := runCmd(t, "token", "list", "--shop", b.Domain); code != 0 || strings.Count(strings.TrimSpace(out), "\n") != 0 {
				t.Fatalf("b lists a's token: %q", out)
			}

			base, stop := started(t, "serve")
			defer stop()
			getAs := func(path, tok string) (int, string) {
				req, _ := http.NewRequest("GET", base+path, nil)
				req.Header.Set("Authorization", "Bearer "+tok)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				body, _ := io.ReadAll(resp.Body)
				return resp.StatusCode, string(body)
			}
			if code, body := getAs("/api/requests", token); code != 200 || !strings.Contains(body, fmt.Sprintf(`"id":%d`, ra.ID)) || strings.Contains(body, fmt.Sprintf(`"id":%d,`, rb.ID)) {
				t.Fatalf("list with the token: %d %s", code, body)
			}
			if code, _ := getAs(fmt.Sprintf("/api/requests/%d", rb.ID), token); code != 404 {
				t.Fatalf("b's request with a's token: %d", code)
			}
			if code, out, _ := runCmd(t, "token", "list", "--shop", a.Domain); code != 0 || !strings.Contains(out, time.Now().UTC().Format("2006-01-02T")) || strings.Count(strings.Split(out, "\n")[1], "Z") != 2 {
				t.Fatalf("list after use shows no last use: %q", out)
			}

			if code, _, stderr := runCmd(t, "token", "revoke", "--shop", b.Domain, id); code != 1 || !strings.Contains(stderr, "no API token") {
				t.Fatalf("b revokes a's token: %d %q", code, stderr)
			}
			if code, out, stderr := runCmd(t, "token", "revoke", id, "--shop", a.Domain); code != 0 || !strings.Contains(out, "revoked API token "+id) {
				t.Fatalf("revoke: %d %q %q", code, out, stderr)
			}
			if code, body := getAs("/api/requests", token); code != 401 || !strings.Contains(body, `"code":"unauthorized"`) {
				t.Fatalf("revoked token: %d %s", code, body)
			}
			if code, out, _ := runCmd(t, "token", "list", "--shop", a.Domain); code != 0 || strings.Count(strings.Split(out, "\n")[1], "Z") != 3 {
				t.Fatalf("list after revoke: %q", out)
			}
		})
	}
}

// seedTokenShops stores two shops with one request each, with the key the
// commands use.
func seedTokenShops(t *testing.T, dbURL, sqlitePath string) (a, b *store.Shop, ra, rb *store.Request) {
	t.Helper()
	key, _ := base64.StdEncoding.DecodeString(testKey)
	keys, err := seal.New(key)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{DatabaseURL: dbURL, SQLitePath: sqlitePath, Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a = &store.Shop{Platform: "shopify", Domain: "a.myshopify.com"}
	b = &store.Shop{Platform: "shopify", Domain: "b.myshopify.com"}
	var rs []*store.Request
	for _, sh := range []*store.Shop{a, b} {
		if err := st.UpsertShop(ctx, sh); err != nil {
			t.Fatal(err)
		}
		r := &store.Request{ShopID: sh.ID, Type: store.TypeAccess, Status: store.StatusReceived, Source: "manual",
			Subject: store.Subject{Email: "p@example.com"}, ReceivedAt: time.Now(), DueAt: store.DayOf(2026, 12, 28), ExtendedDueAt: store.DayOf(2027, 2, 28)}
		if err := st.CreateRequest(ctx, r); err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	return a, b, rs[0], rs[1]
}

func TestTokenUsage(t *testing.T) {
	clearEnv(t)
	t.Setenv("LETHE_DATA_DIR", filepath.Join(t.TempDir(), "data"))
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"token"}, 2, "create, list or revoke"},
		{[]string{"token", "rotate", "--shop", "a"}, 2, "unknown action"},
		{[]string{"token", "create"}, 2, "--shop is required"},
		{[]string{"token", "list", "--shop", "a", "extra"}, 2, "unexpected argument"},
		{[]string{"token", "revoke", "--shop", "a"}, 2, "one token id"},
		{[]string{"token", "revoke", "--shop", "a", "x1"}, 2, "positive whole number"},
		{[]string{"token", "list", "--name", "n", "--shop", "a"}, 2, "-name"},
		{[]string{"token", "create", "--shop", "nobody.myshopify.com"}, 1, "no shopify shop nobody.myshopify.com"},
	} {
		code, _, stderr := runCmd(t, c.args...)
		lines := strings.Split(strings.TrimSpace(stderr), "\n") // the first run's migration log line comes before
		if code != c.code || !strings.Contains(lines[len(lines)-1], c.want) {
			t.Errorf("%v: %d %q, want %d and %q", c.args, code, stderr, c.code, c.want)
		}
	}
	if code, out, _ := runCmd(t, "help"); code != 0 || !strings.Contains(out, "  token") {
		t.Fatalf("help lacks token: %q", out)
	}
	if code, out, _ := runCmd(t, "help", "token"); code != 0 || !strings.Contains(out, "lethe token revoke --shop DOMAIN ID") {
		t.Fatalf("help token: %q", out)
	}
}
