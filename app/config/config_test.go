package config

import (
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func lookup(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestDefaults(t *testing.T) {
	c, err := Load(lookup(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.DataDir != "./lethe-data" || !c.Embedded() || !c.AutoMigrate || c.LogFormat != "text" {
		t.Fatalf("defaults: %+v", c)
	}
	if c.SecretKey != nil {
		t.Fatal("embedded default must generate its key, not have one")
	}
}

func TestPostgresDefaultsToNoAutoMigrate(t *testing.T) {
	key := base64.StdEncoding.EncodeToString(make([]byte, 32))
	c, err := Load(lookup(map[string]string{"LETHE_DATABASE_URL": "postgres://x@db:5432/lethe", "LETHE_SECRET_KEY": key}))
	if err != nil {
		t.Fatal(err)
	}
	if c.AutoMigrate || c.Embedded() {
		t.Fatalf("postgres: %+v", c)
	}
}

func TestErrorsNameTheOption(t *testing.T) {
	key := base64.StdEncoding.EncodeToString(make([]byte, 32))
	cases := []struct {
		env    map[string]string
		option string
	}{
		{map[string]string{"LETHE_SECRET_KEY": base64.StdEncoding.EncodeToString(make([]byte, 16))}, "LETHE_SECRET_KEY"},
		{map[string]string{"LETHE_SECRET_KEY": "not base64!"}, "LETHE_SECRET_KEY"},
		{map[string]string{"LETHE_SECRET_KEYS_OLD": key + ",short"}, "LETHE_SECRET_KEYS_OLD"},
		{map[string]string{"LETHE_DATABASE_URL": "postgres://[::1"}, "LETHE_DATABASE_URL"},
		{map[string]string{"LETHE_DATABASE_URL": "sqlite:///x.db"}, "LETHE_DATABASE_URL"},
		{map[string]string{"LETHE_DATABASE_URL": "postgres:///nohost", "LETHE_SECRET_KEY": key}, "LETHE_DATABASE_URL"},
		{map[string]string{"LETHE_DATABASE_URL": "postgres://db/x"}, "LETHE_SECRET_KEY"},
		{map[string]string{"LETHE_REDIS_URL": "http://x"}, "LETHE_REDIS_URL"},
		{map[string]string{"LETHE_REDIS_URL": "redis://"}, "LETHE_REDIS_URL"},
		{map[string]string{"LETHE_ADDR": "8080"}, "LETHE_ADDR"},
		{map[string]string{"LETHE_ADDR": ":99999"}, "LETHE_ADDR"},
		{map[string]string{"LETHE_PUBLIC_URL": "ftp://x"}, "LETHE_PUBLIC_URL"},
		{map[string]string{"LETHE_LOG_FORMAT": "yaml"}, "LETHE_LOG_FORMAT"},
		{map[string]string{"LETHE_LOG_LEVEL": "loud"}, "LETHE_LOG_LEVEL"},
		{map[string]string{"LETHE_SHUTDOWN_TIMEOUT": "soon"}, "LETHE_SHUTDOWN_TIMEOUT"},
		{map[string]string{"LETHE_RECONCILE_INTERVAL": "-1s"}, "LETHE_RECONCILE_INTERVAL"},
		{map[string]string{"LETHE_WORKER_CONCURRENCY": "0"}, "LETHE_WORKER_CONCURRENCY"},
		{map[string]string{"LETHE_AUTO_MIGRATE": "maybe"}, "LETHE_AUTO_MIGRATE"},
		{map[string]string{"LETHE_SECRET_KEY_FILE": "/nonexistent/key"}, "LETHE_SECRET_KEY_FILE"},
	}
	for _, c := range cases {
		_, err := Load(lookup(c.env))
		var ce *Error
		if !errors.As(err, &ce) || ce.Option != c.option {
			t.Errorf("%v: err = %v, want one naming %s", c.env, err, c.option)
		}
	}
}

func TestSecretFromFile(t *testing.T) {
	key := base64.StdEncoding.EncodeToString([]byte("0123456789abcdef0123456789abcdef"))
	path := filepath.Join(t.TempDir(), "key")
	os.WriteFile(path, []byte(key+"\n"), 0o600)
	c, err := Load(lookup(map[string]string{"LETHE_SECRET_KEY_FILE": path}))
	if err != nil || string(c.SecretKey) != "0123456789abcdef0123456789abcdef" {
		t.Fatalf("key from file: %v %q", err, c.SecretKey)
	}
}

func TestPasswordNotEchoedInErrors(t *testing.T) {
	_, err := Load(lookup(map[string]string{"LETHE_DATABASE_URL": "postgres://u:hunter2@[::1"}))
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("err = %v", err)
	}
}

// The README's configuration table lists every option, and nothing else.
func TestREADMEListsEveryOption(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	inReadme := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([A-Z][A-Z0-9_]+)` \\|").FindAllStringSubmatch(string(b), -1) {
		inReadme[m[1]] = true
	}
	for _, o := range Options {
		if !inReadme[o.Name] {
			t.Errorf("README's configuration table lacks %s", o.Name)
		}
		delete(inReadme, o.Name)
	}
	for name := range inReadme {
		t.Errorf("README lists %s, which is not an option", name)
	}
}

func TestShopifyOptions(t *testing.T) {
	c, err := Load(lookup(map[string]string{"SHOPIFY_API_KEY": "k", "SHOPIFY_API_SECRET": "s"}))
	if err != nil || !c.Shopify.Enabled || c.Shopify.APIVersion != "2026-10" || len(c.Shopify.Scopes) != 5 || c.WebhookMaxBytes != 1<<20 {
		t.Fatalf("shopify on: %+v %v", c.Shopify, err)
	}
	c, _ = Load(lookup(nil))
	if c.Shopify.Enabled {
		t.Fatal("shopify on without credentials")
	}
	for env, option := range map[string]string{
		"SHOPIFY_API_KEY":          "SHOPIFY_API_SECRET",
		"SHOPIFY_API_SECRET":       "SHOPIFY_API_KEY",
		"SHOPIFY_API_VERSION":      "SHOPIFY_API_VERSION",
		"LETHE_SHOPIFY_API_ORIGIN": "LETHE_SHOPIFY_API_ORIGIN",
		"LETHE_WEBHOOK_MAX_BYTES":  "LETHE_WEBHOOK_MAX_BYTES",
	} {
		m := map[string]string{env: "bogus value"}
		if env == "SHOPIFY_API_VERSION" || env == "LETHE_SHOPIFY_API_ORIGIN" {
			m["SHOPIFY_API_KEY"], m["SHOPIFY_API_SECRET"] = "k", "s"
		}
		_, err := Load(lookup(m))
		var ce *Error
		if !errors.As(err, &ce) || ce.Option != option {
			t.Errorf("%s bad: err %v, want one naming %s", env, err, option)
		}
	}
}
