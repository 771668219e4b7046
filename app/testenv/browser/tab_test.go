package browser

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
)

const opener = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Opener</title></head>
<body><main><h1>Opener</h1><p id="out">none</p>
<button type="button" id="ask" onclick="document.getElementById('out').textContent = confirm('Really?') ? 'yes' : 'no'">Ask</button>
<button type="button" id="open" onclick="window.open('/second?x=1', '_blank', 'noopener')">Open</button>
</main></body></html>`

// A confirm dialog is answered OK and its text kept; a tab opened with
// window.open (noopener, as panel.js opens downloads) is found and read.
func TestDialogsAndTabs(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/second" {
			fmt.Fprintf(w, `<!doctype html><html lang="en"><head><title>Second</title></head><body><h1 id="second">Second %s</h1></body></html>`, r.URL.Query().Get("x"))
			return
		}
		fmt.Fprint(w, opener)
	}))
	defer srv.Close()
	b := Start(t)
	p := b.Page(t, Options{})
	d := p.AcceptDialogs()
	p.Open(srv.URL+"/", "#ask")
	p.Click("#ask")
	p.WaitText("#out", "yes")
	if got := d.Messages(); !slices.Equal(got, []string{"Really?"}) {
		t.Errorf("dialogs %q", got)
	}
	tab := p.ClickNewTab("#open", "#second")
	if got := tab.Text("#second"); got != "Second 1" {
		t.Errorf("new tab shows %q", got)
	}
	if got := p.Text("h1"); got != "Opener" {
		t.Errorf("the opener shows %q", got)
	}
}
