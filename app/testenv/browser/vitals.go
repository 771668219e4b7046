package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/chromedp/chromedp"
)

// vitalsJS runs first in every document: it observes the web vitals the
// way the web-vitals library does, into window.__letheVitals.
//
//   - LCP: the last 'largest-contentful-paint' entry (buffered), taken
//     until the first input, as the browser stops reporting then;
//   - CLS: the largest session window of 'layout-shift' entries without
//     recent input (shifts less than 1 s apart, a window at most 5 s);
//   - INP: the longest 'event' entry of an interaction (durationThreshold
//     16 ms, the least the browser allows; Chromium reports event timing
//     for the input events chromedp dispatches), with 'first-input', which
//     comes whatever its duration. With few interactions INP is the
//     longest.
const vitalsJS = `(() => {
  if (window.__letheVitals) { return; }
  const v = window.__letheVitals = {lcp: 0, cls: 0, inp: 0, interactions: 0};
  const observe = (type, fn, opts) => {
    try {
      new PerformanceObserver(list => list.getEntries().forEach(fn)).observe(Object.assign({type: type, buffered: true}, opts || {}));
    } catch (e) { /* an entry type this browser lacks */ }
  };
  observe('largest-contentful-paint', e => { v.lcp = e.startTime; });
  let win = 0, first = 0, last = 0;
  observe('layout-shift', e => {
    if (e.hadRecentInput) { return; }
    if (win > 0 && e.startTime - last < 1000 && e.startTime - first < 5000) { win += e.value; } else { win = e.value; first = e.startTime; }
    last = e.startTime;
    v.cls = Math.max(v.cls, win);
  });
  const ids = new Set();
  const event = e => {
    if (!e.interactionId) { return; }
    ids.add(e.interactionId);
    v.interactions = ids.size;
    v.inp = Math.max(v.inp, e.duration);
  };
  observe('event', event, {durationThreshold: 16});
  observe('first-input', event);
})();`

// Vitals are a page's web vitals as measured in this browser.
type Vitals struct {
	LCP float64 // largest contentful paint since the document's start, ms
	CLS float64 // cumulative layout shift (largest session window)
	INP float64 // the longest interaction, ms (0: none reported, or all under 16 ms after the first)
	// Interactions counted for INP.
	Interactions int
	// Server is the document's responseStart − requestStart (Navigation
	// Timing): the server's time to its first byte, ms.
	Server float64
}

func (v Vitals) String() string {
	return fmt.Sprintf("LCP %.0f ms, CLS %.3f, INP %.0f ms (%d interactions), server %.1f ms", v.LCP, v.CLS, v.INP, v.Interactions, v.Server)
}

// Vitals waits until the document has loaded and painted its largest
// element, lets the last frame's entries arrive, and reads the vitals.
func (p *Page) Vitals() Vitals {
	p.tb.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
	_, _ = chromedp.Run(ctx, chromedp.Poll[bool](`document.readyState === 'complete' && !!window.__letheVitals && window.__letheVitals.lcp > 0`,
		chromedp.WithPollingInterval(10*time.Millisecond)))
	cancel()
	raw := Eval[json.RawMessage](p, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))))
  .then(() => {
    const v = window.__letheVitals || {};
    const n = performance.getEntriesByType('navigation')[0];
    return {LCP: v.lcp || 0, CLS: v.cls || 0, INP: v.inp || 0, Interactions: v.interactions || 0,
      Server: n ? n.responseStart - n.requestStart : 0};
  })`)
	var v Vitals
	if err := json.Unmarshal(raw, &v); err != nil {
		p.tb.Fatalf("browser: vitals: %v: %s", err, raw)
	}
	return v
}
