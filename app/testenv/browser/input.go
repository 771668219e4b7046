package browser

import (
	"fmt"

	"github.com/chromedp/chromedp"
)

// Type types text at the end of the field matching selector, key by key,
// keeping what it holds (a sentence added to a draft), once htmx is idle.
func (p *Page) Type(selector, text string) {
	p.tb.Helper()
	p.WaitIdle()
	end := fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.focus(); const n = e.value.length; e.setSelectionRange(n, n); })()`, selector)
	p.do("type into "+selector, chromedp.Evaluate[chromedp.Void](end), chromedp.SendKeys(chromedp.CSS(selector), text))
}
