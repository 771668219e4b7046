package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Options shape a page.
type Options struct {
	// Block are URL patterns (URLPattern syntax, e.g.
	// "https://cdn.shopify.com/*") the page must not load: they fail at
	// once, as an unreachable host would, only without the wait.
	Block []string
	// Scripts run in every document of the page before its own scripts
	// (test stand-ins such as window.shopify).
	Scripts []string
	// Funcs are Go functions the page can call as window.<name>(), each
	// answering a promise of its string (a fresh session token).
	Funcs map[string]func() string
	// Phone: a phone's viewport (390×844, touch) instead of a laptop's
	// (1280×900).
	Phone bool
	// Timeout bounds each step (default 15 s): a hang guard.
	Timeout time.Duration
}

// Page is one tab of the browser, in a browser context of its own.
type Page struct {
	tb      testing.TB
	ctx     context.Context
	timeout time.Duration
}

// Page opens a tab for tb with o; it closes with tb.
func (b *Browser) Page(tb testing.TB, o Options) *Page {
	tb.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	tb.Cleanup(cancel)
	p := &Page{tb: tb, ctx: ctx, timeout: o.Timeout}
	if p.timeout == 0 {
		p.timeout = 15 * time.Second
	}
	if err := chromedp.Do(ctx); err != nil { // opens the tab, bound to ctx
		tb.Fatalf("browser: opening a tab: %v", err)
	}
	steps := []chromedp.Action[chromedp.Void]{addScript(vitalsJS)}
	for _, s := range o.Scripts {
		steps = append(steps, addScript(s))
	}
	for name, fn := range o.Funcs {
		steps = append(steps, chromedp.ExposeFunc(name, func(context.Context, []any) (string, error) { return fn(), nil }))
	}
	if len(o.Block) > 0 {
		var pats []*network.BlockPattern
		for _, u := range o.Block {
			pats = append(pats, &network.BlockPattern{URLPattern: u, Block: true})
		}
		steps = append(steps, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: pats})
			return err
		}))
	}
	steps = append(steps, viewport(o.Phone))
	p.do("set up the page", steps...)
	return p
}

// viewport is a phone's viewport (390×844, touch) or a laptop's (1280×900).
func viewport(phone bool) chromedp.Action[chromedp.Void] {
	if phone {
		return chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	return chromedp.EmulateViewport(1280, 900)
}

// Phone turns the page as it is into a phone's (phone) or a laptop's
// viewport, without loading it again: the layout follows at once (cheaper
// than a second tab for the same page).
func (p *Page) Phone(phone bool) {
	p.tb.Helper()
	p.do("resize", viewport(phone))
}

// addScript runs src in every new document before the page's scripts.
func addScript(src string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	})
}

// do runs steps within the page's timeout and fails the test on an error.
func (p *Page) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	p.tb.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.timeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		p.tb.Fatalf("browser: %s: %v (at %s)", what, err, p.location())
	}
}

// run runs one action with a value within the page's timeout.
func run[T any](p *Page, what string, a chromedp.Action[T]) T {
	p.tb.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.timeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		p.tb.Fatalf("browser: %s: %v (at %s)", what, err, p.location())
	}
	return v
}

func (p *Page) location() string {
	ctx, cancel := context.WithTimeout(p.ctx, 2*time.Second)
	defer cancel()
	u, _ := chromedp.Run(ctx, chromedp.Location())
	return u
}

// Open navigates to url and waits until selector is visible.
func (p *Page) Open(url, selector string) {
	p.tb.Helper()
	p.do("open "+url, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(selector)))
}

// Status navigates to url and answers the document's HTTP status.
func (p *Page) Status(url string) int64 {
	p.tb.Helper()
	resp := run(p, "open "+url, chromedp.NavigateResponse(url))
	return resp.Status
}

// htmxIdle holds when htmx (if the page has it) has no request in flight
// and has swapped and settled the last answer — only then are the new
// elements boosted; a click before that would be a plain navigation.
const htmxIdle = `document.readyState !== 'loading' && (typeof htmx === 'undefined' ||
  (!!document.body['htmx-internal-data'] && !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')))`

// WaitIdle waits until htmx is idle (see htmxIdle).
func (p *Page) WaitIdle() {
	p.tb.Helper()
	run(p, "wait for htmx", chromedp.Poll[bool](htmxIdle, chromedp.WithPollingInterval(10*time.Millisecond)))
}

// Click clicks the first visible element matching selector with the
// mouse's events (pointerdown … click), as a person does, once htmx is
// idle.
func (p *Page) Click(selector string) {
	p.tb.Helper()
	p.WaitIdle()
	p.do("click "+selector, chromedp.Click(chromedp.CSS(selector), chromedp.NodeVisible))
}

// ClickTo clicks selector and waits for what it leads to: a new element
// matching ready (of a new document or of an htmx swap — the ones there
// before the click do not count), then for htmx to be idle.
func (p *Page) ClickTo(selector, ready string) {
	p.tb.Helper()
	p.WaitIdle()
	mark := fmt.Sprintf(`document.querySelectorAll(%q).forEach(e => e.setAttribute('data-browser-before', ''))`, ready)
	p.do("mark "+ready, chromedp.Evaluate[chromedp.Void](mark))
	p.Click(selector)
	fresh := fmt.Sprintf(`!!document.querySelector(%q)`, ready+":not([data-browser-before])")
	// A click that loads a new document (a form not boosted) ends the
	// poll's document under it: poll again in the new one.
	deadline := time.Now().Add(p.timeout)
	for {
		ctx, cancel := context.WithDeadline(p.ctx, deadline)
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](fresh, chromedp.WithPollingInterval(10*time.Millisecond)))
		cancel()
		if err == nil {
			break
		}
		if !time.Now().Before(deadline) {
			p.tb.Fatalf("browser: clicking %s led to no new %s (%v, at %s): %s", selector, ready, err, p.location(), p.textOr("body"))
		}
		time.Sleep(10 * time.Millisecond)
	}
	p.WaitIdle()
}

// Fill empties the field matching selector and types text into it, key by
// key, once htmx is idle.
func (p *Page) Fill(selector, text string) {
	p.tb.Helper()
	p.WaitIdle()
	// Emptied by script: chromedp.Clear fails on an empty textarea (it
	// looks for the text node it holds).
	clear := fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.value = ""; e.dispatchEvent(new Event("input", {bubbles: true})); })()`, selector)
	p.do("fill "+selector, chromedp.WaitVisible(chromedp.CSS(selector)), chromedp.Evaluate[chromedp.Void](clear), chromedp.SendKeys(chromedp.CSS(selector), text))
}

// Press focuses the element matching selector and presses key (a
// github.com/chromedp/chromedp/kb key such as kb.ArrowDown, or text), with
// the keyboard's events, once htmx is idle.
func (p *Page) Press(selector, key string) {
	p.tb.Helper()
	p.WaitIdle()
	p.do("press a key in "+selector, chromedp.Focus(chromedp.CSS(selector)), chromedp.KeyEvent(key))
}

// Select chooses the option with value in the select matching selector and
// fires its change event (as a person's choice does).
func (p *Page) Select(selector, value string) {
	p.tb.Helper()
	p.WaitIdle()
	p.do("select "+selector, chromedp.SetValue(chromedp.CSS(selector), value),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).dispatchEvent(new Event("change", {bubbles: true}))`, selector)))
}

// WaitVisible waits until selector is visible.
func (p *Page) WaitVisible(selector string) {
	p.tb.Helper()
	p.do("wait for "+selector, chromedp.WaitVisible(chromedp.CSS(selector)))
}

// WaitText waits until the element matching selector contains text.
func (p *Page) WaitText(selector, text string) {
	p.tb.Helper()
	js := fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && e.innerText.includes(%q); })()`, selector, text)
	ctx, cancel := context.WithTimeout(p.ctx, p.timeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		p.tb.Fatalf("browser: %q never showed %q (at %s): %s", selector, text, p.location(), p.textOr(selector))
	}
}

func (p *Page) textOr(selector string) string {
	ctx, cancel := context.WithTimeout(p.ctx, 2*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`(document.querySelector(%q) || document.body).innerText`, selector)))
	if err != nil {
		return err.Error()
	}
	return s
}

// Text is the visible text of the first element matching selector.
func (p *Page) Text(selector string) string {
	p.tb.Helper()
	return run(p, "text of "+selector, chromedp.Text(chromedp.CSS(selector)))
}

// Attr is attribute name of the first element matching selector ("" when
// it has none).
func (p *Page) Attr(selector, name string) string {
	p.tb.Helper()
	return Eval[string](p, fmt.Sprintf(`(document.querySelector(%q) || {getAttribute: () => ""}).getAttribute(%q) || ""`, selector, name))
}

// Location is the page's URL.
func (p *Page) Location() string {
	p.tb.Helper()
	return run(p, "location", chromedp.Location())
}

// Eval evaluates js in the page (awaiting a promise) and decodes its value.
func Eval[T any](p *Page, js string) T {
	p.tb.Helper()
	return run(p, "evaluate", chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}

// NoHorizontalScroll fails the test when the page is wider than its
// viewport (a phone would scroll sideways).
func (p *Page) NoHorizontalScroll() {
	p.tb.Helper()
	var w struct{ Scroll, Client int }
	raw := Eval[json.RawMessage](p, `({Scroll: document.documentElement.scrollWidth, Client: document.documentElement.clientWidth})`)
	if err := json.Unmarshal(raw, &w); err != nil {
		p.tb.Fatal(err)
	}
	if w.Scroll > w.Client {
		// Name the innermost elements that stick out, so the fix is found.
		wide := Eval[[]string](p, `(() => {
			const cw = document.documentElement.clientWidth, out = [];
			for (const el of document.querySelectorAll("body *")) {
				const r = el.getBoundingClientRect();
				if (r.right > cw + 1 && ![...el.children].some(c => c.getBoundingClientRect().right > cw + 1)) {
					out.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") + " (right " + Math.round(r.right) + ")");
				}
				if (out.length >= 5) break;
			}
			return out;
		})()`)
		p.tb.Errorf("browser: %s scrolls sideways: %d px wide in a %d px viewport; sticking out: %s", p.Location(), w.Scroll, w.Client, strings.Join(wide, ", "))
	}
}

// shortName is tb's name fit for a file name.
func shortName(tb testing.TB) string {
	return strings.NewReplacer("/", "-", " ", "_", ":", "_").Replace(tb.Name())
}
