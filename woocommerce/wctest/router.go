package wctest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
)

// call is one REST request being served; e.mu is held while it runs.
type call struct {
	w    http.ResponseWriter
	r    *http.Request
	q    url.Values
	body map[string]json.RawMessage
	ids  []int64
	user int64
}

// has reports whether the JSON body carries the field (isset($request[x])).
func (c *call) has(name string) bool {
	v, ok := c.body[name]
	return ok && string(v) != "null"
}

func (c *call) param(name string) string {
	if v, ok := c.body[name]; ok {
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
		return strings.Trim(string(v), `"`)
	}
	return c.q.Get(name)
}

func (c *call) force() bool {
	switch strings.ToLower(c.param("force")) {
	case "1", "true", "yes":
		return true
	}
	return false
}

type handler func(c *call) (int, any, *wpError)

type route struct {
	method  string
	pattern string // segments; {id} is a number
	list    bool
	h       func(e *Emulator) handler
}

var routes = []route{
	{"GET", "settings/general", true, func(e *Emulator) handler { return e.getSettingsGeneral }},
	{"GET", "system_status", false, func(e *Emulator) handler { return e.getSystemStatus }},
	{"GET", "customers", true, func(e *Emulator) handler { return e.listCustomers }},
	{"GET", "customers/{id}", false, func(e *Emulator) handler { return e.getCustomer }},
	{"PUT", "customers/{id}", false, func(e *Emulator) handler { return e.putCustomer }},
	{"DELETE", "customers/{id}", false, func(e *Emulator) handler { return e.deleteCustomer }},
	{"GET", "orders", true, func(e *Emulator) handler { return e.listOrders }},
	{"GET", "orders/{id}", false, func(e *Emulator) handler { return e.getOrder }},
	{"PUT", "orders/{id}", false, func(e *Emulator) handler { return e.putOrder }},
	{"DELETE", "orders/{id}", false, func(e *Emulator) handler { return e.deleteOrder }},
	{"GET", "orders/{id}/notes", true, func(e *Emulator) handler { return e.listNotes }},
	{"POST", "orders/{id}/notes", false, func(e *Emulator) handler { return e.createNote }},
	{"GET", "orders/{id}/notes/{id}", false, func(e *Emulator) handler { return e.getNote }},
	{"DELETE", "orders/{id}/notes/{id}", false, func(e *Emulator) handler { return e.deleteNote }},
	{"GET", "products/reviews", true, func(e *Emulator) handler { return e.listReviews }},
	{"GET", "products/reviews/{id}", false, func(e *Emulator) handler { return e.getReview }},
	{"PUT", "products/reviews/{id}", false, func(e *Emulator) handler { return e.putReview }},
	{"DELETE", "products/reviews/{id}", false, func(e *Emulator) handler { return e.deleteReview }},
}

// match finds the route for method and path; name is the pattern.
func match(method, path string) (*route, []int64) {
	segs := strings.Split(path, "/")
	for i := range routes {
		rt := &routes[i]
		if rt.method != method && !(method == http.MethodPatch && rt.method == http.MethodPut) && !(method == http.MethodPost && rt.method == http.MethodPut) {
			continue
		}
		ps := strings.Split(rt.pattern, "/")
		if len(ps) != len(segs) {
			continue
		}
		var ids []int64
		ok := true
		for j, p := range ps {
			if p == "{id}" {
				n, err := strconv.ParseInt(segs[j], 10, 64)
				if err != nil {
					ok = false
					break
				}
				ids = append(ids, n)
			} else if p != segs[j] {
				ok = false
				break
			}
		}
		if ok {
			return rt, ids
		}
	}
	return nil, nil
}

func routeName(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if _, err := strconv.ParseInt(s, 10, 64); err == nil {
			segs[i] = "{id}"
		}
	}
	return strings.Join(segs, "/")
}

func (e *Emulator) serveWC(w http.ResponseWriter, r *http.Request, path string) {
	ok, after, done := e.begin(w, r, routeName(path))
	defer done()
	if !ok {
		return
	}
	target := w
	var rec *httptest.ResponseRecorder
	if after == FaultAfterCommit {
		rec = httptest.NewRecorder()
		target = rec
	}
	status, body, werr := e.dispatch(target, r, path)
	if werr != nil {
		werr.write(target)
	} else {
		writeJSON(target, status, body)
	}
	if rec != nil {
		e.writeFault(w, r, FaultServerError)
	}
}

func (e *Emulator) dispatch(w http.ResponseWriter, r *http.Request, path string) (int, any, *wpError) {
	raw, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	var body map[string]json.RawMessage
	if len(bytes.TrimSpace(raw)) > 0 && strings.Contains(r.Header.Get("Content-Type"), "json") {
		if err := json.Unmarshal(raw, &body); err != nil {
			return 0, nil, errInvalidJSON()
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	user, aerr := e.authenticate(r)
	if aerr != nil {
		if r.TLS != nil {
			w.Header().Set("WWW-Authenticate", `Basic realm="WooCommerce API - Use a consumer key in the username field and a consumer secret in the password field."`)
		}
		return 0, nil, aerr
	}
	rt, ids := match(r.Method, path)
	if rt == nil {
		return 0, nil, errNoRoute()
	}
	if user == 0 {
		return 0, nil, errPermission(r.Method, rt.list)
	}
	c := &call{w: w, r: r, q: r.URL.Query(), body: body, ids: ids, user: user}
	return rt.h(e)(c)
}

// serveREST serves a route outside wc/v3 (the index), counted like the others.
func (e *Emulator) serveREST(w http.ResponseWriter, r *http.Request, name string, f func() (any, *wpError)) {
	ok, _, done := e.begin(w, r, name)
	defer done()
	if !ok {
		return
	}
	e.mu.Lock()
	v, err := f()
	e.mu.Unlock()
	if err != nil {
		err.write(w)
		return
	}
	writeJSON(w, http.StatusOK, v)
}
