package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/config"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

const testKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=" // 32 bytes

// clearEnv unsets every LETHE_ variable for the test.
func clearEnv(t testing.TB) {
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "LETHE_") && !strings.HasPrefix(k, "LETHE_TEST_") {
			t.Setenv(k, "")
			os.Unsetenv(k)
		}
	}
}

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb strings.Builder
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestBadConfigurationStopsWithOneLineAndCreatesNothing(t *testing.T) {
	cases := []struct {
		name   string
		env    map[string]string
		option string
	}{
		{"short secret key", map[string]string{"LETHE_SECRET_KEY": "c2hvcnQ="}, "LETHE_SECRET_KEY"},
		{"secret key not base64", map[string]string{"LETHE_SECRET_KEY": "%%%"}, "LETHE_SECRET_KEY"},
		{"unparseable database URL", map[string]string{"LETHE_DATABASE_URL": "postgres://[::1", "LETHE_SECRET_KEY": testKey}, "LETHE_DATABASE_URL"},
		{"mysql database URL", map[string]string{"LETHE_DATABASE_URL": "mysql://x@y/z", "LETHE_SECRET_KEY": testKey}, "LETHE_DATABASE_URL"},
		{"unreachable database", map[string]string{"LETHE_DATABASE_URL": "postgres://lethe:pw@127.0.0.1:1/lethe?connect_timeout=2", "LETHE_SECRET_KEY": testKey}, "LETHE_DATABASE_URL"},
		{"postgres without key", map[string]string{"LETHE_DATABASE_URL": "postgres://lethe@127.0.0.1:5432/lethe"}, "LETHE_SECRET_KEY"},
		{"unparseable redis URL", map[string]string{"LETHE_REDIS_URL": "redis://%zz"}, "LETHE_REDIS_URL"},
		{"unreachable redis", map[string]string{"LETHE_REDIS_URL": "redis://127.0.0.1:1/0"}, "LETHE_REDIS_URL"},
		{"bad address", map[string]string{"LETHE_ADDR": "localhost"}, "LETHE_ADDR"},
		{"bad log format", map[string]string{"LETHE_LOG_FORMAT": "xml"}, "LETHE_LOG_FORMAT"},
		{"bad public url", map[string]string{"LETHE_PUBLIC_URL": "lethe.example.com"}, "LETHE_PUBLIC_URL"},
		{"bad auto migrate", map[string]string{"LETHE_AUTO_MIGRATE": "sometimes"}, "LETHE_AUTO_MIGRATE"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clearEnv(t)
			dir := filepath.Join(t.TempDir(), "data")
			t.Setenv("LETHE_DATA_DIR", dir)
			t.Setenv("LETHE_ADDR", "127.0.0.1:0")
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			code, _, stderr := runCmd(t, "serve")
			if code == 0 {
				t.Fatal("started with bad configuration")
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], c.option) {
				t.Fatalf("want one line naming %s, got %q", c.option, stderr)
			}
			if strings.Contains(stderr, ":pw@") {
				t.Fatalf("error echoes the password: %q", stderr)
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Fatalf("data dir created despite the error (%v)", err)
			}
		})
	}
}

// started runs `lethe args...` in the background and returns its base URL
// once it logs "lethe started", and a stop function that cancels it (as
// SIGTERM does) and returns the exit code.
func started(t testing.TB, args ...string) (string, func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, args, io.Discard, pw)
		pw.Close()
	}()
	addrRe := regexp.MustCompile(`addr=(\S+)`)
	var mu sync.Mutex
	var logs strings.Builder
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			mu.Lock()
			logs.WriteString(sc.Text() + "\n")
			mu.Unlock()
			if m := addrRe.FindStringSubmatch(sc.Text()); m != nil && strings.Contains(sc.Text(), "lethe started") {
				found <- m[1]
			}
		}
	}()
	select {
	case addr := <-found:
		return "http://" + addr, func() int {
			cancel()
			select {
			case code := <-done:
				return code
			case <-time.After(60 * time.Second):
				t.Fatal("did not stop")
				return -1
			}
		}
	case code := <-done:
		cancel()
		mu.Lock()
		defer mu.Unlock()
		t.Fatalf("exited with %d before starting:\n%s", code, logs.String())
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatal("did not start")
	}
	return "", nil
}

func expectOK(t *testing.T, base string) {
	t.Helper()
	for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
		}
		if path == "/metrics" && !strings.Contains(string(body), `lethe_queue_depth{queue_state="default:pending"}`) {
			t.Fatalf("metrics lack queue depth:\n%.2000s", body)
		}
	}
}

// expectStartPage: the README's first command, then a browser on the URL,
// shows what Lethe is and what this installation needs next, not a 404.
func expectStartPage(t *testing.T, base string) {
	t.Helper()
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("/: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{"Lethe is running", "SQLite file in", "SHOPIFY_API_KEY", "LETHE_SMTP_URL", "lethe token create"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("start page lacks %q", want)
		}
	}
}

func TestServeEmbeddedDefault(t *testing.T) {
	clearEnv(t)
	dir := filepath.Join(t.TempDir(), "lethe-data")
	t.Setenv("LETHE_DATA_DIR", dir)
	t.Setenv("LETHE_ADDR", "127.0.0.1:0")
	base, stop := started(t, "serve")
	expectOK(t, base)
	expectStartPage(t, base)
	if code := stop(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	for _, f := range []string{"lethe.db", "secret.key"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Fatalf("%s not created: %v", f, err)
		}
	}
	// A second start reuses the key and the migrated database.
	key1, _ := os.ReadFile(filepath.Join(dir, "secret.key"))
	base, stop = started(t) // no subcommand = serve
	expectOK(t, base)
	stop()
	key2, _ := os.ReadFile(filepath.Join(dir, "secret.key"))
	if string(key1) != string(key2) {
		t.Fatal("secret key regenerated")
	}
}

func TestServeWithPostgresAndRedis(t *testing.T) {
	clearEnv(t)
	t.Setenv("LETHE_DATA_DIR", filepath.Join(t.TempDir(), "unused"))
	t.Setenv("LETHE_ADDR", "127.0.0.1:0")
	t.Setenv("LETHE_SECRET_KEY", testKey)
	t.Setenv("LETHE_DATABASE_URL", testenv.DatabaseURL(t, store.Postgres))
	t.Setenv("LETHE_REDIS_URL", testenv.Redis(t, testenv.RealRedis))

	// Postgres does not migrate on its own: serve refuses, naming the command.
	code, _, stderr := runCmd(t, "serve")
	if code == 0 || !strings.Contains(stderr, "lethe migrate up") {
		t.Fatalf("serve on an empty schema: %d %q", code, stderr)
	}
	code, out, stderr := runCmd(t, "migrate", "status")
	if code != 0 || !strings.Contains(out, "schema version: 0") {
		t.Fatalf("migrate status: %d %q %q", code, out, stderr)
	}
	if code, out, stderr := runCmd(t, "migrate", "up"); code != 0 || !strings.Contains(out, "pending: []") {
		t.Fatalf("migrate up: %d %q %q", code, out, stderr)
	}
	for _, args := range [][]string{{"serve"}, {"web"}, {"worker"}} {
		base, stop := started(t, args...)
		expectOK(t, base)
		if code := stop(); code != 0 {
			t.Fatalf("%v exit %d", args, code)
		}
	}
}

func TestWebAndWorkerNeedSharedRedis(t *testing.T) {
	clearEnv(t)
	t.Setenv("LETHE_DATA_DIR", filepath.Join(t.TempDir(), "d"))
	for _, c := range []string{"web", "worker"} {
		code, _, stderr := runCmd(t, c)
		if code == 0 || !strings.Contains(stderr, "LETHE_REDIS_URL") {
			t.Fatalf("%s without redis: %d %q", c, code, stderr)
		}
	}
}

func TestHelpListsEveryCommand(t *testing.T) {
	code, out, _ := runCmd(t, "help")
	for _, c := range []string{"serve", "web", "worker", "migrate", "version"} {
		if !strings.Contains(out, "  "+c) {
			t.Errorf("help lacks %s", c)
		}
	}
	if code != 0 {
		t.Fatal(code)
	}
	if code, _, stderr := runCmd(t, "frobnicate"); code != 2 || !strings.Contains(stderr, "lethe help") {
		t.Fatalf("unknown command: %d %q", code, stderr)
	}
	if code, out, _ := runCmd(t, "help", "migrate"); code != 0 || !strings.Contains(out, "status") {
		t.Fatalf("help migrate: %q", out)
	}
}

// The Redis URL of `lethe web` and `lethe worker` comes from the validated
// configuration, so LETHE_REDIS_URL_FILE counts as much as LETHE_REDIS_URL.
func TestWebAndWorkerTakeRedisURLFromFile(t *testing.T) {
	clearEnv(t)
	t.Setenv("LETHE_DATA_DIR", filepath.Join(t.TempDir(), "d"))
	t.Setenv("LETHE_ADDR", "127.0.0.1:0")
	file := filepath.Join(t.TempDir(), "redis-url")
	if err := os.WriteFile(file, []byte(testenv.Redis(t, testenv.RealRedis)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("LETHE_REDIS_URL_FILE", file)
	for _, c := range []string{"web", "worker"} {
		base, stop := started(t, c)
		expectOK(t, base)
		if code := stop(); code != 0 {
			t.Fatalf("%s exit %d", c, code)
		}
	}
}

func TestRoleCheckNeedsSharedRedisOnlyWhenSplit(t *testing.T) {
	tests := []struct {
		name    string
		r       role
		redis   string
		wantErr bool
	}{
		{"serve, in-process redis", role{web: true, worker: true}, "", false},
		{"serve, shared redis", role{web: true, worker: true}, "redis://127.0.0.1:6379", false},
		{"web, in-process redis", role{web: true}, "", true},
		{"web, shared redis", role{web: true}, "redis://127.0.0.1:6379", false},
		{"worker, in-process redis", role{worker: true}, "", true},
		{"worker, shared redis", role{worker: true}, "redis://127.0.0.1:6379", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.r.check(&config.Config{RedisURL: tt.redis})
			if (err != nil) != tt.wantErr {
				t.Fatalf("check = %v, want error %v", err, tt.wantErr)
			}
		})
	}
}
