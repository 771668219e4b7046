package browser

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/chromedp/chromedp"
)

// Screenshot saves the whole page as screenshots/<test>-<lang>.png at the
// repository root (git-ignored) and answers its path. lang names the
// variant (a language, "de-phone"); a subtest named like it is not
// repeated.
func (p *Page) Screenshot(lang string) string {
	p.tb.Helper()
	return p.save(lang, run(p, "screenshot", chromedp.FullScreenshot(100)))
}

// ScreenshotView is Screenshot of what the viewport shows, for a page too
// long to photograph whole (a report of many records: a whole one costs
// seconds and shows nothing more).
func (p *Page) ScreenshotView(lang string) string {
	p.tb.Helper()
	return p.save(lang, run(p, "screenshot", chromedp.CaptureScreenshot()))
}

func (p *Page) save(lang string, png []byte) string {
	p.tb.Helper()
	name := shortName(p.tb)
	primary, _, _ := strings.Cut(lang, "-")
	name = strings.TrimSuffix(strings.TrimSuffix(name, "-"+lang), "-"+primary)
	dir := filepath.Join(RepoRoot(p.tb), "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		p.tb.Fatal(err)
	}
	path := filepath.Join(dir, name+"-"+lang+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.tb.Fatal(err)
	}
	return path
}
