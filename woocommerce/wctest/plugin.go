package wctest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"time"
)

// The companion plugin's REST routes (woocommerce/plugin/PROTOCOL.md),
// answered as the plugin answers them inside WordPress: signed bodies,
// WordPress's error shape, 404 rest_no_route while it is not installed.
// The handlers live in plugin_<route>.go.

// PluginVersion is the plugin version the emulator reports.
const PluginVersion = "1.0.0"

// PluginCall is one call the plugin's routes received with a valid
// signature.
type PluginCall struct {
	Route string
	Body  map[string]json.RawMessage
	At    time.Time
}

// Comment is a WordPress comment that is not a product review (those are
// Review).
type Comment struct {
	ID          int64
	PostID      int64
	PostTitle   string
	Author      string
	AuthorEmail string
	AuthorURL   string
	AuthorIP    string
	UserAgent   string
	Content     string
	DateGMT     time.Time
	UserID      int64
	// Status is comment_approved: "" or "approved", "hold" (waiting for
	// approval), "spam", "trash". Neither find nor WordPress's comment
	// eraser sees spam and trash (get_comments' status "all").
	Status string
}

// visible reports whether get_comments( status all ) returns the comment.
func (c *Comment) visible() bool { return c.Status != "spam" && c.Status != "trash" }

// AnalyticsCustomer is a row of WooCommerce's analytics table
// wc_customer_lookup.
type AnalyticsCustomer struct {
	CustomerID     int64
	UserID         int64 // 0 for a guest
	Username       string
	FirstName      string
	LastName       string
	Email          string
	Country        string
	Postcode       string
	City           string
	State          string
	DateRegistered time.Time
	DateLastActive time.Time
}

// plugin is the plugin's state in the store; e.mu guards it.
type plugin struct {
	installed bool
	secret    string
	calls     []PluginCall
	comments  map[int64]*Comment
	analytics map[int64]*AnalyticsCustomer
	userMeta  map[int64]map[string]any // WordPress user id → meta key → value (a string, or an unserialized array)
	requests  map[int64]*PrivacyRequest
	delivery  pluginDelivery // the webhook and its queue (plugin_requests.go)
}

// PrivacyRequest is a WordPress user_request post.
type PrivacyRequest struct {
	ID          int64
	Action      string // export_personal_data, remove_personal_data
	Email       string
	Status      string // request-pending, request-confirmed, request-completed
	RequestedAt time.Time
	ConfirmedAt time.Time
	CompletedAt time.Time
}

func (e *Emulator) pluginState() *plugin {
	if e.plug == nil {
		e.plug = &plugin{comments: map[int64]*Comment{}, analytics: map[int64]*AnalyticsCustomer{},
			userMeta: map[int64]map[string]any{}, requests: map[int64]*PrivacyRequest{}}
	}
	return e.plug
}

// InstallPlugin activates the companion plugin with the secret the
// merchant pasted ("" leaves it unconfigured: its routes answer 503).
func (e *Emulator) InstallPlugin(secret string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	p := e.pluginState()
	p.installed, p.secret = true, secret
}

// UninstallPlugin deactivates it: its routes are gone (404 rest_no_route).
func (e *Emulator) UninstallPlugin() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.pluginState().installed = false
}

// PluginCalls returns the validly signed calls the plugin received.
func (e *Emulator) PluginCalls() []PluginCall {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]PluginCall(nil), e.pluginState().calls...)
}

// AddComment stores a comment and returns its id.
func (e *Emulator) AddComment(c Comment) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	c.ID = e.newID()
	e.pluginState().comments[c.ID] = &c
	return c.ID
}

// Comment returns a copy of the comment.
func (e *Emulator) Comment(id int64) (Comment, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	c, ok := e.pluginState().comments[id]
	if !ok {
		return Comment{}, false
	}
	return *c, true
}

// AddAnalytics stores an analytics customer row and returns its id.
func (e *Emulator) AddAnalytics(a AnalyticsCustomer) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	a.CustomerID = e.newID()
	e.pluginState().analytics[a.CustomerID] = &a
	return a.CustomerID
}

// Analytics returns a copy of the analytics row.
func (e *Emulator) Analytics(id int64) (AnalyticsCustomer, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	a, ok := e.pluginState().analytics[id]
	if !ok {
		return AnalyticsCustomer{}, false
	}
	return *a, true
}

// SetUserMeta sets a WordPress user meta value: a string as stored, or
// the array ([]any, map[string]any) a plugin stored serialized; "" or nil
// deletes it.
func (e *Emulator) SetUserMeta(userID int64, key string, value any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	p := e.pluginState()
	if p.userMeta[userID] == nil {
		p.userMeta[userID] = map[string]any{}
	}
	if value == nil || value == "" {
		delete(p.userMeta[userID], key)
		return
	}
	p.userMeta[userID][key] = value
}

// pluginHandler serves one route; e.mu is held.
type pluginHandler func(body map[string]json.RawMessage) (int, any, *wpError)

func (e *Emulator) pluginRoutes() map[string]pluginHandler {
	return map[string]pluginHandler{
		"ping":     e.pluginPing,
		"find":     e.pluginFind,
		"erase":    e.pluginErase,
		"complete": e.pluginComplete,
	}
}

// servePlugin answers /wp-json/lethe/v1/{route}. Faults and latency apply
// as to every REST request.
func (e *Emulator) servePlugin(w http.ResponseWriter, r *http.Request, route string) {
	ok, after, done := e.begin(w, r, "lethe/"+route)
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
	status, v, werr := e.pluginDispatch(r, route)
	if werr != nil {
		werr.write(target)
	} else {
		writeJSON(target, status, v)
	}
	if rec != nil {
		e.writeFault(w, r, FaultServerError)
	}
}

// pluginDispatch answers in WordPress's order: the route (404
// rest_no_route; the routes take POST only), the JSON body WordPress
// parses before any permission callback (400 rest_invalid_json), then the
// plugin's permission callback — the secret (503), the signature (401),
// a JSON object (400 lethe_invalid), the timestamp (401).
func (e *Emulator) pluginDispatch(r *http.Request, route string) (int, any, *wpError) {
	raw, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	e.mu.Lock()
	defer e.mu.Unlock()
	p := e.pluginState()
	h, known := e.pluginRoutes()[route]
	if !p.installed || !known || r.Method != http.MethodPost {
		return 0, nil, errNoRoute()
	}
	if isJSONContent(r.Header.Get("Content-Type")) && len(bytes.TrimSpace(raw)) > 0 && !json.Valid(raw) {
		return 0, nil, errInvalidJSON()
	}
	if p.secret == "" {
		return 0, nil, &wpError{Status: 503, Code: "lethe_not_configured", Message: "Lethe is not set up in this store yet."}
	}
	if werr := verifyPluginBody(raw, r.Header.Get("X-Lethe-Signature"), p.secret, e.now()); werr != nil {
		return 0, nil, werr
	}
	var body map[string]json.RawMessage
	_ = json.Unmarshal(raw, &body) // an object: verifyPluginBody checked it
	p.calls = append(p.calls, PluginCall{Route: route, Body: body, At: e.now()})
	return h(body)
}

// isJSONContent is WP_REST_Request::is_json_content_type.
func isJSONContent(ct string) bool {
	ct = strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	return ct == "application/json" || strings.HasSuffix(ct, "+json")
}

// verifyPluginBody checks the signature, that the body is a JSON object
// and the timestamp, as the plugin's permission callback does.
func verifyPluginBody(raw []byte, sig, secret string, now time.Time) *wpError {
	bad := func(msg string) *wpError { return &wpError{Status: 401, Code: "lethe_bad_signature", Message: msg} }
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(raw)
	want := base64.StdEncoding.EncodeToString(m.Sum(nil))
	if sig == "" || !hmac.Equal([]byte(sig), []byte(want)) {
		return bad("The signature is missing or wrong.")
	}
	var obj map[string]json.RawMessage
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if d.Decode(&obj) != nil || obj == nil {
		return &wpError{Status: 400, Code: "lethe_invalid", Message: "The body is not a JSON object."}
	}
	// is_int: a JSON integer, not 1.0 or "1".
	sec, err := strconv.ParseInt(string(obj["timestamp"]), 10, 64)
	if err != nil || now.Sub(time.Unix(sec, 0)).Abs() > 300*time.Second {
		return bad("The timestamp is missing or too old.")
	}
	return nil
}

func (e *Emulator) pluginPing(map[string]json.RawMessage) (int, any, *wpError) {
	return 200, map[string]any{"plugin": PluginVersion, "wordpress": "6.8.3", "woocommerce": e.settings.WCVersion, "hpos": true}, nil
}

// rawString decodes a string field of a plugin body ("" when absent).
func rawString(body map[string]json.RawMessage, name string) string {
	var s string
	_ = json.Unmarshal(body[name], &s)
	return strings.TrimSpace(s)
}
