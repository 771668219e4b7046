package browser

import (
	"sync"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Dialogs are the questions a page asked with window.confirm (a form
// marked data-confirm), alert or prompt, answered with OK.
type Dialogs struct {
	mu   sync.Mutex
	msgs []string
}

// Messages are the dialogs' texts so far, in the order shown.
func (d *Dialogs) Messages() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.msgs...)
}

// AcceptDialogs has the page answer every dialog from now on with OK, as a
// person does who means the button they clicked (without it, a dialog
// blocks the page until the step's timeout), and keeps their texts.
func (p *Page) AcceptDialogs() *Dialogs {
	p.tb.Helper()
	d := &Dialogs{}
	err := chromedp.Listen(p.ctx, func(ev any) {
		e, ok := ev.(*page.EventJavascriptDialogOpening)
		if !ok {
			return
		}
		d.mu.Lock()
		d.msgs = append(d.msgs, e.Message)
		d.mu.Unlock()
		go func() { // a listener must not run a command itself
			_, _ = chromedp.Call(p.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}()
	})
	if err != nil {
		p.tb.Fatalf("browser: listening for dialogs: %v", err)
	}
	return d
}
