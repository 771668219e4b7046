package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/store"
)

func (e *requestsAPIEnv) patchShop(t *testing.T, sh *store.Shop, body string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPatch, e.url+"/api/shop", strings.NewReader(body))
	req.Header.Set("X-Test-Shop", strconv.FormatInt(sh.ID, 10))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// Every settings field with a wrong value is a 422 naming it, and nothing
// of the patch is saved, not even its good fields.
func TestUpdateShopRefusesEachBadField(t *testing.T) {
	e := newRequestsAPIEnv(t, store.SQLite)
	ctx := context.Background()
	before, err := e.st.Shop(ctx, e.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ field, value string }{
		{"legal_name", `""`}, {"legal_name", `42`},
		{"street", `""`}, {"postcode", `"8033"`}, {"postcode", `"D-80331"`}, {"city", `"   "`},
		{"country", `"US"`}, {"email", `"kein-at"`}, {"website", `"moebel.example"`}, {"language", `"fr"`},
		{"merchant_email", `"x@"`}, {"state", `"XX"`}, {"state", `"Bayern"`},
		{"dpo", `{"name":""}`}, {"dpo", `{"name":"Dr. A","email":"nope"}`}, {"dpo", `{"name":"Dr. A"}`}, {"dpo", `"x"`},
		{"authority", `{"name":""}`}, {"authority", `{"name":"A","website":"ftp://x"}`}, {"authority", `{"nam":"A"}`},
		{"authority", `{"name":"Another authority"}`}, {"authority", `{"name":"Another authority","address":"Weg 1, 80331 München"}`}, // no address or website: the answer would lack them
		{"recipients", `[{"name":"","category":"tax"}]`}, {"recipients", `[{"name":"N","category":"C","country":"Deutschland"}]`},
		{"recipients", `[{"name":"N","category":"C","country":"US"}]`},
		{"auto_send", `"yes"`}, {"auto_erase", `null`},
		{"retention_overrides", `[{"record_type":"invoice","years":2,"reason":"adviser"}]`}, // shorter than § 147 AO
		{"retention_overrides", `[{"record_type":"invoice","years":12,"reason":""}]`},
		{"retention_overrides", `[{"record_type":"nonsense","years":12,"reason":"r"}]`},
		{"retention_overrides", `[{"record_type":"invoice","years":99,"reason":"r"}]`},
		{"colour", `"red"`},
	} {
		t.Run(c.field+"="+c.value, func(t *testing.T) {
			body := `{"city":"Augsburg","auto_send":true,"` + c.field + `":` + c.value + `}`
			code, b := e.patchShop(t, e.a, body)
			var got struct {
				Error struct {
					Code   string
					Fields map[string]string
				}
			}
			_ = json.Unmarshal(b, &got)
			if code != http.StatusUnprocessableEntity || got.Error.Code != "invalid" || got.Error.Fields[c.field] == "" {
				t.Fatalf("%d %s, want 422 naming %s", code, b, c.field)
			}
			if len(got.Error.Fields) != 1 {
				t.Errorf("fields %v: only %s is bad", got.Error.Fields, c.field)
			}
			after, err := e.st.Shop(ctx, e.a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if after.Address != before.Address || after.Settings != before.Settings || after.Region != before.Region || after.Email != before.Email {
				t.Errorf("half-saved: %+v", after)
			}
		})
	}
}

// A good patch saves every field, the state with source merchant, and is
// audited by field name without the values.
func TestUpdateShopSavesAndAudits(t *testing.T) {
	e := newRequestsAPIEnv(t, store.SQLite)
	body := `{"legal_name":"Möbel Müller GmbH","street":"Hauptstr. 1","postcode":"07919","city":"Mühltroff","country":"DE",
		"email":"info@moebel.example","website":"https://moebel.example","state":"SN",
		"dpo":{"name":"Dr. Datenschutz","email":"dsb@moebel.example"},
		"authority":{"name":"Sächsischer Datenschutz- und Transparenzbeauftragter","website":"https://www.datenschutz.sachsen.de"},
		"recipients":[{"name":"Steuerbüro","category":"tax adviser","country":"DE"},{"name":"Mailer Inc","category":"newsletter","country":"US","safeguards":"EU-US Data Privacy Framework"}],
		"auto_send":true,"auto_erase":false,
		"retention_overrides":[{"record_type":"invoice","years":12,"reason":"the tax adviser's instruction"}]}`
	code, b := e.patchShop(t, e.a, body)
	if code != 200 {
		t.Fatalf("%d %s", code, b)
	}
	var got struct {
		Profile   map[string]any
		Readiness struct {
			Ready   bool
			Missing []string
		}
	}
	_ = json.Unmarshal(b, &got)
	if got.Profile["state"] != "SN" || got.Profile["state_source"] != "merchant" || !got.Readiness.Ready {
		t.Fatalf("%s", b)
	}
	evs, err := e.st.ShopEvents(context.Background(), e.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var audited string
	for _, ev := range evs {
		if ev.Action == "shop.updated" {
			audited = ev.Detail + " by " + ev.Actor
		}
	}
	if !strings.Contains(audited, "state") || !strings.Contains(audited, "dpo") || strings.Contains(audited, "Datenschutz") || strings.Contains(audited, "@") {
		t.Errorf("audit %q", audited)
	}
}
