package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// archiveSession authenticates as the shop named by the X-Test-Shop header,
// with the merchant user "u<shop>".
func archiveSession(shops map[string]*store.Shop) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if sh := shops[c.Request().Header.Get("X-Test-Shop")]; sh != nil {
				ctx := tenant.With(c.Request().Context(), tenant.Session{Shop: sh, User: "u" + c.Request().Header.Get("X-Test-Shop")})
				c.SetRequest(c.Request().WithContext(ctx))
			}
			return next(c)
		}
	}
}

type archiveRig struct {
	st   *store.Store
	ts   *httptest.Server
	a, b *store.Shop
}

func newArchiveRig(t *testing.T, dialect string) *archiveRig {
	t.Helper()
	g := &archiveRig{st: testenv.Store(t, dialect)}
	g.a, g.b = emailsShopFor(t, g.st, "a.myshopify.com"), emailsShopFor(t, g.st, "b.myshopify.com")
	srv := server.New(server.Deps{Log: logging.New(io.Discard, "json", "info")})
	now := func() time.Time { return time.Date(2027, 5, 4, 10, 30, 0, 0, time.UTC) }
	server.NewAPI(g.st, nil, nil, now).Mount(srv.Echo().Group("/api", archiveSession(map[string]*store.Shop{"a": g.a, "b": g.b})))
	g.ts = httptest.NewServer(srv.Handler())
	t.Cleanup(g.ts.Close)
	return g
}

func emailsShopFor(t *testing.T, st *store.Store, domain string) *store.Shop {
	t.Helper()
	sh := &store.Shop{Platform: "shopify", Domain: domain, Name: "Shop " + domain}
	if err := st.UpsertShop(context.Background(), sh); err != nil {
		t.Fatal(err)
	}
	return sh
}

// do sends a request as shop and returns the status, the headers and the body.
func (g *archiveRig) do(t *testing.T, method, shop, path, body string) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, g.ts.URL+path, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if shop != "" {
		req.Header.Set("X-Test-Shop", shop)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

// hold archives an invoice of sh whose sealed data also carries a value
// outside its keep fields (which no answer may show).
func (g *archiveRig) hold(t *testing.T, sh *store.Shop, recordType, recordID string, until store.Day) *store.ArchiveEntry {
	t.Helper()
	h := &store.ArchiveEntry{
		ShopID: sh.ID, System: "shopify", RecordType: recordType, RecordID: recordID,
		LegalReference: "§14b(1) UStG; §147(1) Nr. 4, (3) AO", RetainUntil: until,
		Fields: map[string]any{
			"invoice_number": "RE-" + recordID, "buyer_name": "Jane Doe " + recordID, "net_total": "29.29",
			"email": "jane" + recordID + "@kunde.example", // not a keep field
		},
	}
	if err := g.st.CreateArchiveEntry(context.Background(), h, []string{"invoice_number", "buyer_name", "net_total"}); err != nil {
		t.Fatal(err)
	}
	return h
}

type archiveEvent struct {
	Actor, Action, Detail string
	RequestID             *int64
}

// events lists the shop's archive.* audit events, oldest first.
func (g *archiveRig) events(t *testing.T, sh *store.Shop) []archiveEvent {
	t.Helper()
	var es []archiveEvent
	err := g.st.GormForTests().Table("request_events").Select("actor, action, detail, request_id").
		Where("shop_id = ? AND action LIKE ?", sh.ID, "archive.%").Order("id").Scan(&es).Error
	if err != nil {
		t.Fatal(err)
	}
	return es
}

type listed struct {
	Records []map[string]any `json:"records"`
	Next    int64            `json:"next_before"`
}

func (g *archiveRig) list(t *testing.T, shop, query string) listed {
	t.Helper()
	code, _, body := g.do(t, "GET", shop, "/api/archive"+query, "")
	if code != 200 {
		t.Fatalf("GET /api/archive%s: %d %s", query, code, body)
	}
	var l listed
	if err := json.Unmarshal(body, &l); err != nil {
		t.Fatal(err)
	}
	return l
}

func TestArchiveListHidesData(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			g := newArchiveRig(t, dialect)
			h1 := g.hold(t, g.a, "invoice", "1001", store.DayOf(2034, 12, 31))
			h2 := g.hold(t, g.a, "invoice", "1002", store.DayOf(2033, 12, 31))
			h3 := g.hold(t, g.a, "credit_note", "1003", store.DayOf(2034, 12, 31))
			g.hold(t, g.b, "invoice", "2001", store.DayOf(2034, 12, 31))

			code, hdr, body := g.do(t, "GET", "a", "/api/archive", "")
			if code != 200 || hdr.Get("Cache-Control") != "no-store" {
				t.Fatalf("list: %d %v %s", code, hdr, body)
			}
			for _, secret := range []string{"RE-1001", "Jane Doe", "kunde.example", "29.29", `"fields"`, `"data"`} {
				if bytes.Contains(body, []byte(secret)) {
					t.Errorf("the list shows archived data (%q): %s", secret, body)
				}
			}
			var l listed
			json.Unmarshal(body, &l)
			if len(l.Records) != 3 || l.Next != 0 {
				t.Fatalf("list: %s", body)
			}
			newest := l.Records[0]
			want := map[string]any{
				"id": float64(h3.ID), "system": "shopify", "record_type": "credit_note", "record_id": "1003",
				"legal_reference": "§14b(1) UStG; §147(1) Nr. 4, (3) AO", "retain_until": "2034-12-31",
				"legal_hold": false, "hold_reason": "", "request_id": nil,
			}
			for k, v := range want {
				if newest[k] != v {
					t.Errorf("%s = %v, want %v", k, newest[k], v)
				}
			}
			if kf, _ := newest["keep_fields"].([]any); len(kf) != 3 || kf[0] != "invoice_number" {
				t.Errorf("keep_fields = %v", newest["keep_fields"])
			}
			if _, err := time.Parse(time.RFC3339, fmt.Sprint(newest["created_at"])); err != nil {
				t.Errorf("created_at = %v", newest["created_at"])
			}

			// Filters and paging.
			if l := g.list(t, "a", "?record_type=credit_note"); len(l.Records) != 1 || l.Records[0]["id"] != float64(h3.ID) {
				t.Errorf("record_type filter: %+v", l)
			}
			if l := g.list(t, "a", "?on_hold=true"); len(l.Records) != 0 {
				t.Errorf("on_hold=true before any hold: %+v", l)
			}
			if l := g.list(t, "a", "?on_hold=false"); len(l.Records) != 3 {
				t.Errorf("on_hold=false: %+v", l)
			}
			p1 := g.list(t, "a", "?limit=2")
			if len(p1.Records) != 2 || p1.Next != h2.ID {
				t.Fatalf("page 1: %+v", p1)
			}
			p2 := g.list(t, "a", fmt.Sprintf("?limit=2&before=%d", p1.Next))
			if len(p2.Records) != 1 || p2.Records[0]["id"] != float64(h1.ID) || p2.Next != 0 {
				t.Errorf("page 2: %+v", p2)
			}
			if l := g.list(t, "b", ""); len(l.Records) != 1 || l.Records[0]["record_id"] != "2001" {
				t.Errorf("shop b sees %+v", l)
			}
			for _, q := range []string{"?on_hold=maybe", "?limit=0", "?limit=501", "?before=x"} {
				if code, _, body := g.do(t, "GET", "a", "/api/archive"+q, ""); code != 400 {
					t.Errorf("%s: %d %s", q, code, body)
				}
			}
			if code, _, _ := g.do(t, "GET", "", "/api/archive", ""); code != 401 {
				t.Errorf("no session: %d", code)
			}
		})
	}
}

func TestArchiveExportNeedsReasonAndIsAudited(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			g := newArchiveRig(t, dialect)
			h1 := g.hold(t, g.a, "invoice", "1001", store.DayOf(2034, 12, 31))
			g.hold(t, g.a, "invoice", "1002", store.DayOf(2033, 12, 31))
			g.hold(t, g.a, "credit_note", "1003", store.DayOf(2034, 12, 31))
			hb := g.hold(t, g.b, "invoice", "2001", store.DayOf(2034, 12, 31))

			// Refused: no reason, a short one, an unknown or foreign id.
			for _, tc := range []struct {
				body string
				code int
			}{
				{"", 400},
				{`{}`, 400},
				{`{"reason": "audit"}`, 400},
				{`{"reason": "   tax     "}`, 400},
				{`{"reason": "tax audit 2027", "ids": []}`, 400},
				{`{"reason": "tax audit 2027", "ids": [0]}`, 400},
				{`{"reason": "tax audit 2027"`, 400},
				{fmt.Sprintf(`{"reason": "tax audit 2027", "ids": [%d]}`, hb.ID), 404},
				{fmt.Sprintf(`{"reason": "tax audit 2027", "ids": [%d, 999999]}`, h1.ID), 404},
			} {
				code, hdr, body := g.do(t, "POST", "a", "/api/archive/export", tc.body)
				if code != tc.code || hdr.Get("Content-Disposition") != "" || bytes.Contains(body, []byte("RE-")) {
					t.Errorf("export %s: %d %s", tc.body, code, body)
				}
			}
			if es := g.events(t, g.a); len(es) != 0 {
				t.Fatalf("refused exports were audited: %+v", es)
			}

			// The whole archive, for a reason carrying personal data.
			reason := "Betriebsprüfung 2027 durch das Finanzamt München, Rückfragen an jane.doe@kunde.example oder +49 171 1234567"
			body, _ := json.Marshal(map[string]any{"reason": reason})
			code, hdr, out := g.do(t, "POST", "a", "/api/archive/export", string(body))
			if code != 200 {
				t.Fatalf("export: %d %s", code, out)
			}
			if cd := hdr.Get("Content-Disposition"); cd != `attachment; filename="lethe-archive-a.myshopify.com-20270504-103000.json"` {
				t.Errorf("Content-Disposition = %q", cd)
			}
			if hdr.Get("Cache-Control") != "no-store" || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
				t.Errorf("headers: %v", hdr)
			}
			var exp struct {
				Shop       string           `json:"shop"`
				ExportedAt string           `json:"exported_at"`
				Reason     string           `json:"reason"`
				Count      int              `json:"count"`
				Records    []map[string]any `json:"records"`
			}
			if err := json.Unmarshal(out, &exp); err != nil {
				t.Fatalf("export is not JSON: %v %s", err, out)
			}
			if exp.Count != 3 || len(exp.Records) != 3 || exp.Shop != "a.myshopify.com" || exp.Reason != reason || exp.ExportedAt != "2027-05-04T10:30:00Z" {
				t.Fatalf("export: %s", out)
			}
			for i, r := range exp.Records {
				f, _ := r["fields"].(map[string]any)
				keys := make([]string, 0, len(f))
				for k := range f {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				if !slices.Equal(keys, []string{"buyer_name", "invoice_number", "net_total"}) {
					t.Errorf("record %d exports %v, want exactly the kept fields", i, keys)
				}
				if want := "RE-" + fmt.Sprint(r["record_id"]); f["invoice_number"] != want {
					t.Errorf("record %d: invoice_number %v, want %s", i, f["invoice_number"], want)
				}
			}
			if bytes.Contains(out, []byte(`"email"`)) || bytes.Contains(out, []byte("jane100")) || bytes.Contains(out, []byte("2001")) {
				t.Errorf("the export holds a field outside the kept ones or another shop's record: %s", out)
			}

			// Named records.
			code, _, out = g.do(t, "POST", "a", "/api/archive/export",
				fmt.Sprintf(`{"reason": "Umsatzsteuer-Sonderprüfung", "ids": [%d, %d]}`, h1.ID, h1.ID))
			if code != 200 || !bytes.Contains(out, []byte(`"count":1`)) || !bytes.Contains(out, []byte("RE-1001")) || bytes.Contains(out, []byte("RE-1002")) {
				t.Fatalf("export by id: %d %s", code, out)
			}

			es := g.events(t, g.a)
			if len(es) != 2 {
				t.Fatalf("want one audit event per export, got %+v", es)
			}
			wantDetail := "count=3 reason=Betriebsprüfung 2027 durch das Finanzamt München, Rückfragen an [email] oder [phone]"
			if e := es[0]; e.Action != "archive.exported" || e.Actor != "merchant:ua" || e.Detail != wantDetail || e.RequestID != nil {
				t.Errorf("audit event: %+v\nwant detail %q", e, wantDetail)
			}
			if e := es[1]; e.Detail != "count=1 reason=Umsatzsteuer-Sonderprüfung" {
				t.Errorf("second audit event: %+v", e)
			}
			for _, e := range es {
				if strings.Contains(e.Detail, "jane") || strings.Contains(e.Detail, "1234567") || strings.Contains(e.Detail, "RE-") {
					t.Errorf("audit detail holds personal data: %q", e.Detail)
				}
			}
			if es := g.events(t, g.b); len(es) != 0 {
				t.Errorf("shop b got audit events: %+v", es)
			}

			// A long reason is kept to 200 characters in the audit trail.
			long := strings.Repeat("Außenprüfung ", 30)
			body, _ = json.Marshal(map[string]any{"reason": long, "ids": []int64{h1.ID}})
			if code, _, out := g.do(t, "POST", "a", "/api/archive/export", string(body)); code != 200 {
				t.Fatalf("long reason: %d %s", code, out)
			}
			es = g.events(t, g.a)
			if d := strings.TrimPrefix(es[2].Detail, "count=1 reason="); len([]rune(d)) != 200 || !strings.HasPrefix(long, d) {
				t.Errorf("long reason audited as %q", es[2].Detail)
			}
		})
	}
}

func TestArchiveLegalHold(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			g := newArchiveRig(t, dialect)
			past := g.hold(t, g.a, "invoice", "1001", store.DayOf(2026, 12, 31)) // due for purging on 2027-01-01
			keep := g.hold(t, g.a, "invoice", "1002", store.DayOf(2026, 12, 31))
			hb := g.hold(t, g.b, "invoice", "2001", store.DayOf(2034, 12, 31))
			path := func(h *store.ArchiveEntry) string { return fmt.Sprintf("/api/archive/%d/hold", h.ID) }

			for _, tc := range []struct{ method, shop, path, body string }{
				{"POST", "a", path(keep), ""},
				{"POST", "a", path(keep), `{"reason": "Prüfung"}`},
				{"POST", "a", "/api/archive/x/hold", `{"reason": "Betriebsprüfung 2027 offen"}`},
			} {
				if code, _, body := g.do(t, tc.method, tc.shop, tc.path, tc.body); code != 400 {
					t.Errorf("%s %s %s: %d %s", tc.method, tc.path, tc.body, code, body)
				}
			}
			// Another shop's record is not found, either way round.
			for _, tc := range []struct{ method, shop, path string }{
				{"POST", "b", path(keep)}, {"DELETE", "b", path(keep)}, {"POST", "a", path(hb)}, {"POST", "a", "/api/archive/999999/hold"},
			} {
				if code, _, body := g.do(t, tc.method, tc.shop, tc.path, `{"reason": "Betriebsprüfung 2027 offen"}`); code != 404 {
					t.Errorf("%s %s as %s: %d %s", tc.method, tc.path, tc.shop, code, body)
				}
			}
			if es := append(g.events(t, g.a), g.events(t, g.b)...); len(es) != 0 {
				t.Fatalf("refused holds were audited: %+v", es)
			}

			code, _, body := g.do(t, "POST", "a", path(keep), `{"reason": "Betriebsprüfung 2027 offen, Ansprechpartnerin 0171 9876543"}`)
			var rec map[string]any
			json.Unmarshal(body, &rec)
			if code != 200 || rec["legal_hold"] != true || rec["hold_reason"] != "Betriebsprüfung 2027 offen, Ansprechpartnerin [phone]" || rec["fields"] != nil {
				t.Fatalf("set hold: %d %s", code, body)
			}
			if l := g.list(t, "a", "?on_hold=true"); len(l.Records) != 1 || l.Records[0]["id"] != float64(keep.ID) {
				t.Errorf("on_hold=true: %+v", l)
			}

			// The purge on 2027-01-01 deletes the other record, not the held one.
			if n, err := g.st.PurgeBatch(ctx, store.DayOf(2027, 1, 1), 100); err != nil || n != 1 {
				t.Fatalf("purge: %d %v", n, err)
			}
			if hs, _ := g.st.ArchiveEntries(ctx, g.a.ID); len(hs) != 1 || hs[0].ID != keep.ID {
				t.Fatalf("after the purge: %+v (purged %d?)", hs, past.ID)
			}

			code, _, body = g.do(t, "DELETE", "a", path(keep), "")
			json.Unmarshal(body, &rec)
			if code != 200 || rec["legal_hold"] != false || rec["hold_reason"] != "" {
				t.Fatalf("lift hold: %d %s", code, body)
			}
			if n, err := g.st.PurgeBatch(ctx, store.DayOf(2027, 1, 2), 100); err != nil || n != 1 {
				t.Fatalf("purge after lifting: %d %v", n, err)
			}

			es := g.events(t, g.a)
			want := []archiveEvent{
				{Actor: "merchant:ua", Action: "archive.hold_set", Detail: fmt.Sprintf("entry=%d reason=Betriebsprüfung 2027 offen, Ansprechpartnerin [phone]", keep.ID)},
				{Actor: "merchant:ua", Action: "archive.hold_lifted", Detail: fmt.Sprintf("entry=%d", keep.ID)},
			}
			if !slices.Equal(es, want) {
				t.Errorf("audit:\n got %+v\nwant %+v", es, want)
			}
		})
	}
}

func TestArchivePurgeRuns(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			g := newArchiveRig(t, dialect)
			for i, d := range []store.Day{store.DayOf(2027, 5, 2), store.DayOf(2027, 5, 3)} {
				run, ok, err := g.st.ClaimPurge(ctx, d, time.Hour)
				if err != nil || !ok {
					t.Fatal(ok, err)
				}
				run.Purged, run.Held, run.Batches = int64(10*(i+1)), int64(i), 1
				if err := g.st.FinishPurge(ctx, run); err != nil {
					t.Fatal(err)
				}
			}
			if _, _, err := g.st.ClaimPurge(ctx, store.DayOf(2027, 5, 4), time.Hour); err != nil { // running
				t.Fatal(err)
			}
			code, _, body := g.do(t, "GET", "b", "/api/archive/purges", "")
			var out struct {
				Runs []map[string]any `json:"runs"`
			}
			json.Unmarshal(body, &out)
			if code != 200 || len(out.Runs) != 3 {
				t.Fatalf("purges: %d %s", code, body)
			}
			if r := out.Runs[0]; r["day"] != "2027-05-04" || r["finished_at"] != nil || r["purged"] != float64(0) {
				t.Errorf("running: %v", r)
			}
			if r := out.Runs[1]; r["day"] != "2027-05-03" || r["purged"] != float64(20) || r["held"] != float64(1) || r["finished_at"] == nil {
				t.Errorf("finished: %v", r)
			}
			if len(out.Runs[1]) != 4 {
				t.Errorf("a run shows more than day, purged, held, finished_at: %v", out.Runs[1])
			}
			if code, _, body := g.do(t, "GET", "b", "/api/archive/purges?limit=1", ""); code != 200 || bytes.Count(body, []byte(`"day"`)) != 1 {
				t.Errorf("limit=1: %d %s", code, body)
			}
			if code, _, _ := g.do(t, "GET", "b", "/api/archive/purges?limit=0", ""); code != 400 {
				t.Errorf("limit=0: %d", code)
			}
			if code, _, _ := g.do(t, "GET", "", "/api/archive/purges", ""); code != 401 {
				t.Errorf("no session: %d", code)
			}
		})
	}
}
