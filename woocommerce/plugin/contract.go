// Package plugin holds the companion plugin's protocol as data: the golden
// examples in testdata/ (PROTOCOL.md) — each REST route's request and
// answer for one seed, and the webhook the plugin sends — and the test
// runner that holds a store to them. Lethe's client, the emulator
// (woocommerce/wctest) and the PHP plugin in real WordPress are all run
// against the same files, so the three cannot drift apart. Only tests
// import this package.
package plugin

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed testdata
var testdata embed.FS

// Exchange is one golden call of a plugin route (testdata/routes/*.json).
type Exchange struct {
	Name string `json:"-"` // the file's name without .json
	Doc  string `json:"doc"`
	// Route is the route after /wp-json/lethe/v1/; Method is POST unless
	// given.
	Route  string `json:"route"`
	Method string `json:"method"`
	// Client: Lethe's client can make this call (its request must then be
	// exactly Request); otherwise it is sent as written.
	Client bool `json:"client"`
	// NeedsWooCommerce: only a store with WooCommerce answers it so.
	NeedsWooCommerce bool `json:"needs_woocommerce"`
	// Setup "unconfigured": the plugin has no secret saved.
	Setup string `json:"setup"`
	// Signature is "" (valid), "wrong" (another secret) or "none".
	Signature string `json:"signature"`
	// Request is the body; Raw a body that is no JSON object, sent as is.
	Request json.RawMessage `json:"request"`
	Raw     *string         `json:"raw"`
	Status  int             `json:"status"`
	Answer  json.RawMessage `json:"answer"`
}

// Exchanges are the golden calls in the order they run against one store
// seeded from Seed.
func Exchanges() ([]Exchange, error) {
	names, err := fs.Glob(testdata, "testdata/routes/*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []Exchange
	for _, n := range names {
		b, err := testdata.ReadFile(n)
		if err != nil {
			return nil, err
		}
		var ex Exchange
		if err := strictDecode(b, &ex); err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		ex.Name = strings.TrimSuffix(path.Base(n), ".json")
		if ex.Method == "" {
			ex.Method = "POST"
		}
		out = append(out, ex)
	}
	return out, nil
}

// Seed is the store the exchanges are answered from (testdata/seed.json).
type Seed struct {
	Doc  string `json:"doc"`
	User struct {
		Login        string         `json:"login"`
		Email        string         `json:"email"`
		FirstName    string         `json:"first_name"`
		LastName     string         `json:"last_name"`
		Meta         map[string]any `json:"meta"`          // what find shows (empty values left out)
		InternalMeta map[string]any `json:"internal_meta"` // what find leaves out
	} `json:"user"`
	Post struct {
		Title string `json:"title"`
	} `json:"post"`
	Comments []SeedComment `json:"comments"`
	// Review is a product review of hers: REST shows it, find does not.
	Review      SeedComment `json:"review"`
	WooCommerce struct {
		GuestEmail string `json:"guest_email"`
		Analytics  struct {
			FirstName      string `json:"first_name"`
			LastName       string `json:"last_name"`
			Country        string `json:"country"`
			Postcode       string `json:"postcode"`
			City           string `json:"city"`
			State          string `json:"state"`
			DateLastActive string `json:"date_last_active"`
		} `json:"analytics"`
		Order struct {
			CustomerIPAddress string            `json:"customer_ip_address"`
			CustomerUserAgent string            `json:"customer_user_agent"`
			BillingPhone      string            `json:"billing_phone"`
			CustomerNote      string            `json:"customer_note"`
			Shipping          map[string]string `json:"shipping"`
			Meta              map[string]string `json:"meta"`
		} `json:"order"`
	} `json:"woocommerce"`
	PrivacyRequest struct {
		Action string `json:"action"`
		Email  string `json:"email"`
	} `json:"privacy_request"`
}

// SeedComment is a comment of the seed. DateGMT is MySQL's format
// (comment_date_gmt); Status is approved, hold or spam.
type SeedComment struct {
	Author  string `json:"author"`
	Email   string `json:"email"`
	URL     string `json:"url"`
	IP      string `json:"ip"`
	Agent   string `json:"agent"`
	Content string `json:"content"`
	DateGMT string `json:"date_gmt"`
	Status  string `json:"status"`
}

// LoadSeed reads testdata/seed.json.
func LoadSeed() (Seed, error) {
	var s Seed
	b, err := testdata.ReadFile("testdata/seed.json")
	if err == nil {
		err = strictDecode(b, &s)
	}
	return s, err
}

// SeedJSON is testdata/seed.json as it is (for a harness in PHP).
func SeedJSON() []byte {
	b, _ := testdata.ReadFile("testdata/seed.json")
	return b
}

// Webhook is the plugin's golden delivery to Lethe (testdata/webhook.json).
type Webhook struct {
	Doc       string            `json:"doc"`
	Headers   map[string]string `json:"headers"`
	Body      json.RawMessage   `json:"body"`
	Answer    json.RawMessage   `json:"answer"`
	Duplicate json.RawMessage   `json:"duplicate"`
}

// LoadWebhook reads testdata/webhook.json.
func LoadWebhook() (Webhook, error) {
	var w Webhook
	b, err := testdata.ReadFile("testdata/webhook.json")
	if err == nil {
		err = strictDecode(b, &w)
	}
	return w, err
}

func strictDecode(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	return d.Decode(v)
}

// Vars are the golden files' variables: a string "$name" in a golden
// value stands for the value bound to name. A harness binds some before
// (request_id, order_id, now); the rest are bound by the first actual
// value they meet and must then be the same wherever they recur. "$_name"
// matches anything and binds nothing (an error's message).
type Vars map[string]any

// Fill replaces the variables in a golden request by their values; an
// unbound variable is an error (a request is never a wildcard).
func (v Vars) Fill(golden json.RawMessage) ([]byte, error) {
	g, err := decode(golden)
	if err != nil {
		return nil, err
	}
	var fill func(any) (any, error)
	fill = func(x any) (any, error) {
		switch t := x.(type) {
		case string:
			if name, ok := varName(t); ok {
				val, bound := v[name]
				if !bound {
					return nil, fmt.Errorf("variable $%s is not bound", name)
				}
				return val, nil
			}
		case map[string]any:
			for k, e := range t {
				f, err := fill(e)
				if err != nil {
					return nil, err
				}
				t[k] = f
			}
		case []any:
			for i, e := range t {
				f, err := fill(e)
				if err != nil {
					return nil, err
				}
				t[i] = f
			}
		}
		return x, nil
	}
	f, err := fill(g)
	if err != nil {
		return nil, err
	}
	return json.Marshal(f)
}

// Match compares an actual JSON value with a golden one: objects with
// exactly the same keys, lists of the same length in order, equal
// scalars; a variable matches its bound value or binds it. It returns
// every difference, by path.
func (v Vars) Match(golden json.RawMessage, actual []byte) []string {
	g, err := decode(golden)
	if err != nil {
		return []string{"golden: " + err.Error()}
	}
	a, err := decode(actual)
	if err != nil {
		return []string{fmt.Sprintf("not JSON (%v): %.300s", err, actual)}
	}
	var diffs []string
	v.match("$", g, a, &diffs)
	return diffs
}

func (v Vars) match(at string, g, a any, diffs *[]string) {
	if s, ok := g.(string); ok {
		if name, isVar := varName(s); isVar {
			if strings.HasPrefix(name, "_") {
				return
			}
			if bound, ok := v[name]; ok {
				if canonical(bound) != canonical(a) {
					*diffs = append(*diffs, fmt.Sprintf("%s: %s, but $%s is %s", at, canonical(a), name, canonical(bound)))
				}
				return
			}
			v[name] = a
			return
		}
	}
	switch gt := g.(type) {
	case map[string]any:
		at2, ok := a.(map[string]any)
		if !ok {
			*diffs = append(*diffs, fmt.Sprintf("%s: %s, want an object", at, canonical(a)))
			return
		}
		keys := map[string]bool{}
		for k := range gt {
			keys[k] = true
		}
		for k := range at2 {
			keys[k] = true
		}
		for _, k := range sortedKeys(keys) {
			ge, inG := gt[k]
			ae, inA := at2[k]
			switch {
			case !inA:
				*diffs = append(*diffs, fmt.Sprintf("%s.%s: missing", at, k))
			case !inG:
				*diffs = append(*diffs, fmt.Sprintf("%s.%s: not in the protocol (%s)", at, k, canonical(ae)))
			default:
				v.match(at+"."+k, ge, ae, diffs)
			}
		}
	case []any:
		al, ok := a.([]any)
		if !ok || len(al) != len(gt) {
			*diffs = append(*diffs, fmt.Sprintf("%s: %s, want %d elements like %s", at, canonical(a), len(gt), canonical(g)))
			return
		}
		for i := range gt {
			v.match(fmt.Sprintf("%s[%d]", at, i), gt[i], al[i], diffs)
		}
	default:
		if canonical(g) != canonical(a) {
			*diffs = append(*diffs, fmt.Sprintf("%s: %s, want %s", at, canonical(a), canonical(g)))
		}
	}
}

// Keys are every object key of the golden value, by path without list
// indexes ("user.meta" …): what a route's answers hold.
func Keys(golden json.RawMessage) map[string]bool {
	out := map[string]bool{}
	g, err := decode(golden)
	if err != nil {
		return out
	}
	var walk func(prefix string, x any)
	walk = func(prefix string, x any) {
		switch t := x.(type) {
		case map[string]any:
			for k, e := range t {
				out[prefix+k] = true
				walk(prefix+k+".", e)
			}
		case []any:
			for _, e := range t {
				walk(prefix, e)
			}
		}
	}
	walk("", g)
	return out
}

func varName(s string) (string, bool) {
	if len(s) > 1 && s[0] == '$' && !strings.ContainsAny(s[1:], " $") {
		return s[1:], true
	}
	return "", false
}

func decode(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var x any
	if err := d.Decode(&x); err != nil {
		return nil, err
	}
	return x, nil
}

// canonical is the JSON text of a value (numbers as written, keys
// sorted), for comparing bound values of any Go type.
func canonical(x any) string {
	b, err := json.Marshal(x)
	if err != nil {
		return fmt.Sprint(x)
	}
	if y, err := decode(b); err == nil {
		b, _ = json.Marshal(y)
	}
	return string(b)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
