package browser

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// Download runs act (a click that leads to a file: a link or a form whose
// answer is an attachment) and waits for the file the page downloads; it
// answers the file's name (as the answer suggested it) and its contents.
// The page's downloads go to a folder of the test's own.
func (p *Page) Download(act func()) (string, []byte) {
	p.tb.Helper()
	dir := p.tb.TempDir()
	id := chromedp.FromContext(p.ctx).BrowserContextID
	p.do("allow downloads", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
			Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, BrowserContextID: id, DownloadPath: dir})
		return err
	}))
	act()
	for deadline := time.Now().Add(p.timeout); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		es, err := os.ReadDir(dir)
		if err != nil {
			p.tb.Fatal(err)
		}
		for _, e := range es {
			if strings.HasSuffix(e.Name(), ".crdownload") || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				p.tb.Fatal(err)
			}
			return e.Name(), b
		}
	}
	p.tb.Fatalf("browser: no download arrived (at %s): %s", p.location(), p.textOr("main"))
	return "", nil
}

// NavigationStatus is the HTTP status of the document the page shows now
// (after a form's plain post as after a navigation).
func (p *Page) NavigationStatus() int {
	p.tb.Helper()
	return Eval[int](p, `performance.getEntriesByType("navigation")[0].responseStatus`)
}
