package browser

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
)

// recorder is a testing.TB that keeps the errors instead of failing.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

const good = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harness</title></head>
<body><main><h1>Harness</h1><p id="out">none</p>
<label for="q">Query</label><input id="q" type="text">
<button type="button" id="go" onclick="document.getElementById('out').textContent = 'clicked ' + document.getElementById('q').value">Go</button>
<p id="token"></p>
</main><script>if (window.token) { window.token().then(t => { document.getElementById('token').textContent = t; }); }</script></body></html>`

// An input without a label and a low-contrast text: axe's serious ones.
const bad = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad</title></head>
<body><main><h1>Bad</h1><input type="text"><p style="color:#ddd;background:#fff">faint</p></main></body></html>`

func TestHarness(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, good)
		case "/blocked":
			w.WriteHeader(http.StatusNoContent)
		case "/bad":
			fmt.Fprint(w, bad)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	b := Start(t)
	p := b.Page(t, Options{Funcs: map[string]func() string{"token": func() string { return "tok-1" }},
		Scripts: []string{`window.injected = 'yes';`}, Block: []string{srv.URL + "/blocked*"}})

	p.Open(srv.URL+"/", "#go")
	p.WaitText("#token", "tok-1")
	if got := Eval[string](p, `window.injected`); got != "yes" {
		t.Errorf("injected script: %q", got)
	}
	p.Fill("#q", "abc")
	p.Click("#go")
	p.WaitText("#out", "clicked abc")
	v := p.Vitals()
	t.Log(v)
	if v.LCP <= 0 || v.Interactions == 0 {
		t.Errorf("vitals not measured: %v", v)
	}
	if vs := p.Axe(); len(vs) != 0 {
		t.Errorf("a clean page has violations: %v", vs)
	}
	path := p.Screenshot("en")
	if st, err := os.Stat(path); err != nil || st.Size() == 0 || !strings.HasSuffix(path, "screenshots/TestHarness-en.png") {
		t.Errorf("screenshot %s: %v", path, err)
	}
	if ok := Eval[bool](p, `fetch('/blocked').then(() => true, () => false)`); ok {
		t.Error("a blocked URL loaded")
	}

	rec := &recorder{TB: t}
	bp := b.Page(rec, Options{})
	bp.Open(srv.URL+"/bad", "h1")
	bp.Axe()
	all := strings.Join(rec.errors, "\n")
	for _, rule := range []string{"label", "color-contrast"} {
		if !strings.Contains(all, rule+" (") {
			t.Errorf("axe did not fail on %s:\n%s", rule, all)
		}
	}
}
