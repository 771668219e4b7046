package browser

import (
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// ClickNewTab clicks selector, which opens a new tab (a link with
// target=_blank, window.open — a download the panel opens beside itself),
// and answers that tab once an element matching ready is visible in it.
// The tab closes with the test; it has none of the opener's Scripts and
// Funcs.
func (p *Page) ClickNewTab(selector, ready string) *Page {
	p.tb.Helper()
	ch := chromedp.WaitNewTarget(p.ctx, func(info *target.Info) bool {
		return info.Type == "page" && info.URL != "" && info.URL != "about:blank"
	})
	p.Click(selector)
	var id target.ID
	select {
	case id = <-ch:
	case <-time.After(p.timeout):
		p.tb.Fatalf("browser: clicking %s opened no tab (at %s)", selector, p.location())
	}
	if id == "" {
		p.tb.Fatalf("browser: clicking %s: the page has no target", selector)
	}
	ctx, cancel := chromedp.NewContext(p.ctx, chromedp.WithTargetID(id))
	p.tb.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // attaches, bound to ctx (not to a step's timeout)
		p.tb.Fatalf("browser: attaching to the new tab: %v", err)
	}
	tab := &Page{tb: p.tb, ctx: ctx, timeout: p.timeout}
	tab.do("wait for "+ready+" in the new tab", chromedp.WaitVisible(chromedp.CSS(ready)))
	return tab
}
