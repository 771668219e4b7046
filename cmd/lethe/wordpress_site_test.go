package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// wordpress is a real WordPress — Debian's package, its own fresh MariaDB
// database, the companion plugin from this repository activated — served
// by PHP's built-in web server on a loopback port. WooCommerce is not
// installable here (no network): the plugin's order and analytics parts
// are checked by `php -l` and against the emulator.
type wordpress struct {
	t   *testing.T
	dir string
	url string
	db  string
}

// wordpressCore is Debian's WordPress.
const wordpressCore = "/usr/share/wordpress"

// needWordPress skips the test when PHP, WordPress or MariaDB is missing —
// unless CI=true, where scripts/services.sh installs them and a missing
// one is an error.
func needWordPress(t *testing.T) {
	t.Helper()
	missing := func(what string) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing (scripts/services.sh installs it)", what)
		}
		t.Skipf("%s is missing: run scripts/services.sh", what)
	}
	if _, err := exec.LookPath("php"); err != nil {
		missing("php")
	}
	if _, err := os.Stat(filepath.Join(wordpressCore, "wp-load.php")); err != nil {
		missing("WordPress (" + wordpressCore + ")")
	}
	if out, err := exec.Command("php", "-m").Output(); err != nil || !strings.Contains(string(out), "mysqli") {
		missing("php-mysql")
	}
	c, err := net.DialTimeout("tcp", "127.0.0.1:3306", time.Second)
	if err != nil {
		missing("MariaDB on 127.0.0.1:3306")
	}
	c.Close()
}

// startWordPress installs a fresh site and serves it until the test ends.
func startWordPress(t *testing.T) *wordpress {
	t.Helper()
	needWordPress(t)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	w := &wordpress{t: t, dir: t.TempDir(), db: "lethe_wp_" + hex.EncodeToString(b)}
	w.mysql("CREATE DATABASE " + w.db + " CHARACTER SET utf8mb4")
	t.Cleanup(func() { w.mysql("DROP DATABASE IF EXISTS " + w.db) })

	// The core: its top-level scripts and wp-admin copied (their own
	// paths find wp-load.php, so they must live here), wp-includes linked.
	entries, err := os.ReadDir(wordpressCore)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".php") && e.Name() != "wp-config.php" {
			copyFile(t, filepath.Join(wordpressCore, e.Name()), filepath.Join(w.dir, e.Name()))
		}
	}
	copyTree(t, filepath.Join(wordpressCore, "wp-admin"), filepath.Join(w.dir, "wp-admin"))
	if err := os.Symlink(filepath.Join(wordpressCore, "wp-includes"), filepath.Join(w.dir, "wp-includes")); err != nil {
		t.Fatal(err)
	}
	copyTree(t, filepath.Join("..", "..", "woocommerce", "plugin", "lethe-privacy"), filepath.Join(w.dir, "wp-content", "plugins", "lethe-privacy"))
	// Mail goes nowhere (there is no MTA): WordPress's notices are dropped.
	write(t, filepath.Join(w.dir, "wp-content", "mu-plugins", "no-mail.php"), "<?php\nadd_filter( 'pre_wp_mail', '__return_true' );\n")

	port := freePort(t)
	w.url = fmt.Sprintf("http://127.0.0.1:%d", port)
	salt := func() string { b := make([]byte, 24); _, _ = rand.Read(b); return hex.EncodeToString(b) }
	var cfg strings.Builder
	fmt.Fprintf(&cfg, "<?php\ndefine( 'DB_NAME', '%s' );\ndefine( 'DB_USER', 'root' );\ndefine( 'DB_PASSWORD', '' );\ndefine( 'DB_HOST', '127.0.0.1:3306' );\n", w.db)
	cfg.WriteString("define( 'DB_CHARSET', 'utf8mb4' );\ndefine( 'DB_COLLATE', '' );\n")
	for _, k := range []string{"AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"} {
		fmt.Fprintf(&cfg, "define( '%s', '%s' );\n", k, salt())
	}
	fmt.Fprintf(&cfg, "$table_prefix = 'wp_';\ndefine( 'WP_HOME', '%s' );\ndefine( 'WP_SITEURL', '%s' );\n", w.url, w.url)
	cfg.WriteString(`define( 'DISABLE_WP_CRON', true );        // the test runs wp-cron.php itself
define( 'WP_HTTP_BLOCK_EXTERNAL', true ); // no network: only this host (and Lethe on it)
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'LETHE_RETRY_BASE_SECONDS', 1 );  // the plugin's first retry after 1 s, not 1 min
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', __DIR__ . '/debug.log' );
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
`)
	write(t, filepath.Join(w.dir, "wp-config.php"), cfg.String())
	// php -S: files as they are, everything else to WordPress's index.php
	// (pretty permalinks, /wp-json/).
	write(t, filepath.Join(w.dir, "router.php"), `<?php
$path = parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH );
if ( '/' !== $path && is_file( __DIR__ . $path ) ) {
	return false;
}
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = __DIR__ . '/index.php';
$_SERVER['PHP_SELF']        = '/index.php';
require __DIR__ . '/index.php';
`)
	w.php(`define( 'WP_INSTALLING', true );`, `
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$r = wp_install( 'Kaffeerösterei Lindner', 'admin', 'inhaber@kaffee-lindner.example', false, '', wp_generate_password( 24 ) );
update_option( 'permalink_structure', '/%postname%/' );
echo wp_json_encode( array( 'user' => $r['user_id'] ) );`)
	// WordPress's own cron events (update checks, site health's loopback
	// requests) are dropped: the test's cron runs the plugin's alone.
	w.php("", `
_set_cron_array( array() );
require_once ABSPATH . 'wp-admin/includes/plugin.php';
$r = activate_plugin( 'lethe-privacy/lethe-privacy.php' );
if ( is_wp_error( $r ) ) { fwrite( STDERR, $r->get_error_message() ); exit( 1 ); }
flush_rewrite_rules( false );
echo 'ok';`)

	// The server's workers share its process group, which the cleanup
	// ends; its output goes to a file, read when a start fails.
	out, err := os.Create(filepath.Join(w.dir, "server.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("php", "-S", fmt.Sprintf("127.0.0.1:%d", port), "router.php")
	cmd.Dir, cmd.Stdout, cmd.Stderr = w.dir, out, out
	cmd.Env = append(os.Environ(), "PHP_CLI_SERVER_WORKERS=3") // a request may wait for another
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	t.Cleanup(func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); _ = cmd.Wait() })
	for i := 0; ; i++ {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), 200*time.Millisecond)
		if err == nil {
			c.Close()
			break
		}
		if i > 100 {
			b, _ := os.ReadFile(filepath.Join(w.dir, "server.log"))
			t.Fatalf("php -S did not start: %s", b)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return w
}

// mysql runs one statement as MariaDB's root (through PHP's mysqli, which
// the site uses too).
func (w *wordpress) mysql(stmt string) {
	w.t.Helper()
	script := fmt.Sprintf(`$m = new mysqli( '127.0.0.1', 'root', '', '', 3306 ); if ( ! $m->query( %q ) ) { fwrite( STDERR, $m->error ); exit( 1 ); }`, stmt)
	if out, err := exec.Command("php", "-r", script).CombinedOutput(); err != nil {
		w.t.Fatalf("mysql %s: %v %s", stmt, err, out)
	}
}

// php runs code inside the site (wp-load.php) from the command line, after
// before (constants to define first), and returns what it printed.
func (w *wordpress) php(before, code string) string {
	w.t.Helper()
	host := strings.TrimPrefix(w.url, "http://")
	script := "<?php\n" + before + "\n$_SERVER['HTTP_HOST'] = '" + host + "';\n$_SERVER['REQUEST_URI'] = '/';\n$_SERVER['SERVER_NAME'] = '127.0.0.1';\n" +
		"require __DIR__ . '/wp-load.php';\n" + code + "\n"
	f, err := os.CreateTemp(w.dir, "cli-*.php")
	if err != nil {
		w.t.Fatal(err)
	}
	defer os.Remove(f.Name())
	if _, err := f.WriteString(script); err != nil {
		w.t.Fatal(err)
	}
	f.Close()
	cmd := exec.Command("php", "-d", "display_errors=stderr", filepath.Base(f.Name()))
	cmd.Dir = w.dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		w.t.Fatalf("php: %v\n%s\n%s", err, errb.String(), code)
	}
	return out.String()
}

// phpJSON runs code that prints JSON and decodes it into out.
func (w *wordpress) phpJSON(code string, out any) {
	w.t.Helper()
	s := w.php("", code)
	if err := json.Unmarshal([]byte(s), out); err != nil {
		w.t.Fatalf("php printed %q: %v", s, err)
	}
}

// get fetches a page of the site.
func (w *wordpress) get(path string) (int, string) {
	w.t.Helper()
	resp, err := (&http.Client{Timeout: 60 * time.Second}).Get(w.url + path)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// debugLog is what WordPress logged (notices, warnings, errors).
func (w *wordpress) debugLog() string {
	b, _ := os.ReadFile(filepath.Join(w.dir, "debug.log"))
	return string(b)
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	write(t, to, string(b))
}

// copyTree copies a directory (symbolic links stay links).
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, dst)
		case d.IsDir():
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
