package browser

import (
	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// AllowClipboard lets the page's scripts write to the clipboard and the
// test read it back (Clipboard), as a person's browser allows a site it
// was told to: without it, headless Chromium refuses navigator.clipboard.
func (p *Page) AllowClipboard() {
	p.tb.Helper()
	id := chromedp.FromContext(p.ctx).BrowserContextID
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(p.ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true},
			Setting:    browser.PermissionSettingGranted, BrowserContextID: id,
		})
		if err != nil {
			p.tb.Fatalf("browser: allowing the clipboard: %v", err)
		}
	}
}

// Clipboard is the text on the clipboard (AllowClipboard first).
func (p *Page) Clipboard() string {
	p.tb.Helper()
	return Eval[string](p, `navigator.clipboard.readText()`)
}
