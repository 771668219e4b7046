// Package browser drives Debian's headless Chromium (through chromedp) for
// the admin panel's browser tests and benchmarks: pages that navigate and
// wait for a selector, click and type with real input events, save
// screenshots under screenshots/ at the repository root, run axe-core and
// measure web vitals (LCP, CLS, INP, server time). Test use only.
//
// Chromium is looked for at $LETHE_CHROMIUM, /usr/bin/chromium and on the
// PATH (scripts/test.sh installs Debian's package when it is missing);
// without one a test is skipped, or fails under CI=true.
package browser

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/lethe-gdpr/lethe/app/testenv"
)

// Browser is one headless Chromium process, its pages tabs in browser
// contexts of their own (fresh cookies and storage each).
type Browser struct {
	ctx context.Context
}

// Path is the Chromium binary to run, "" when there is none:
// $LETHE_CHROMIUM when set (and only it), else Debian's /usr/bin/chromium,
// else the first of the usual names on the PATH.
func Path() string {
	if p := os.Getenv("LETHE_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return ""
		}
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// flags are Chromium's command line: headless, and quiet on a closed
// network — without the background-networking flags Chromium keeps trying
// Google's services, and its connections are refused on the test machine.
func flags(dir string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("lang", "en-US"),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1280, 900),
	}
}

// Start runs a headless Chromium for tb; it ends with tb. No Chromium: the
// test is skipped (failed under CI=true).
func Start(tb testing.TB) *Browser {
	tb.Helper()
	path := Path()
	if path == "" {
		testenv.Unavailable(tb, "no Chromium (install Debian's chromium: apt-get install chromium, or run make test)")
	}
	opts := append(flags(tb.TempDir()), chromedp.ExecPath(path))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	tb.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser, bound to ctx
		if testenv.CI() {
			tb.Fatalf("starting Chromium %s: %v", path, err)
		}
		tb.Skipf("Chromium %s does not start: %v", path, err)
	}
	return &Browser{ctx: ctx}
}
