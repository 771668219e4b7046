package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// listFixture is six requests of shop A on the API's clock of Tuesday
// 2026-11-10, 11:00 in Berlin (the shop's zone); one of shop B.
type listFixture struct {
	e                      *requestsAPIEnv
	r1, r2, r3, r4, r5, r6 *store.Request
}

func newListFixture(t *testing.T, dialect string) *listFixture {
	t.Helper()
	e := newRequestsAPIEnv(t, dialect)
	e.now = time.Date(2026, 11, 10, 10, 0, 0, 0, time.UTC)
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, time.UTC) }
	add := func(typ, status, source string, received time.Time, due store.Day, closed string, closedAt time.Time) *store.Request {
		r := &store.Request{ShopID: e.a.ID, Type: typ, Status: status, Source: source, ReceivedAt: received,
			DueAt: due, ExtendedDueAt: due.AddDays(60), Subject: store.Subject{CustomerID: "1"}}
		if err := e.st.CreateRequest(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		if closed != "" {
			if err := e.st.UpdateRequest(context.Background(), e.a.ID, r.ID, map[string]any{closed: closedAt}); err != nil {
				t.Fatal(err)
			}
		}
		return r
	}
	f := &listFixture{e: e}
	f.r1 = add("access", "received", "shopify", at(10, 1, 9, 0), store.DayOf(2026, 11, 1), "", time.Time{})                   // 9 days overdue
	f.r3 = add("access", "answered", "shopify", at(10, 5, 8, 0), store.DayOf(2026, 11, 5), "answered_at", at(10, 9, 15, 0))   // 4 days to answer
	f.r4 = add("erasure", "completed", "form", at(10, 10, 8, 0), store.DayOf(2026, 11, 10), "completed_at", at(10, 20, 8, 0)) // 10 days
	f.r2 = add("erasure", "processing", "manual", at(10, 20, 8, 0), store.DayOf(2026, 11, 12), "", time.Time{})               // 2 days left
	f.r5 = add("access", "failed", "manual", at(11, 9, 23, 30), store.DayOf(2026, 12, 10), "", time.Time{})                   // 10 Nov in Berlin
	f.r6 = add("access", "received", "shopify", at(11, 10, 9, 0), store.DayOf(2026, 11, 10), "", time.Time{})                 // due today
	other := &store.Request{ShopID: e.b.ID, Type: "access", Status: "received", Source: "manual", ReceivedAt: at(11, 1, 9, 0),
		DueAt: store.DayOf(2026, 11, 1), ExtendedDueAt: store.DayOf(2027, 1, 1)}
	if err := e.st.CreateRequest(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	return f
}

func idsOf(rs ...*store.Request) []int64 {
	out := make([]int64, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func TestRequestsAPIListFilters(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newListFixture(t, dialect)
			r1, r2, r3, r4, r5, r6 := f.r1, f.r2, f.r3, f.r4, f.r5, f.r6
			for _, c := range []struct {
				query string
				want  []*store.Request
			}{
				{"", []*store.Request{r6, r5, r2, r4, r3, r1}},
				{"?status=received", []*store.Request{r6, r1}},
				{"?status=received,failed", []*store.Request{r6, r5, r1}},
				{"?status=received&status=answered", []*store.Request{r6, r3, r1}},
				{"?type=erasure", []*store.Request{r2, r4}},
				{"?source=manual", []*store.Request{r5, r2}},
				{"?source=woocommerce", nil},
				{"?overdue=true", []*store.Request{r1}},
				{"?overdue=false", []*store.Request{r6, r5, r2, r4, r3}},
				{"?due_within=2", []*store.Request{r6, r2}},
				{"?due_within=0", []*store.Request{r6}},
				{"?due_within=1", []*store.Request{r6}},
				{"?received_from=2026-11-10", []*store.Request{r6, r5}},
				{"?received_to=2026-11-09", []*store.Request{r2, r4, r3, r1}},
				{"?received_from=2026-10-05&received_to=2026-10-20", []*store.Request{r2, r4, r3}},
				{"?sort=received", []*store.Request{r1, r3, r4, r2, r5, r6}},
				{"?sort=-received", []*store.Request{r6, r5, r2, r4, r3, r1}},
				{"?sort=due", []*store.Request{r1, r3, r4, r6, r2, r5}},
				{"?sort=-due", []*store.Request{r5, r2, r6, r4, r3, r1}},
				{"?sort=due&type=access&overdue=false", []*store.Request{r3, r6, r5}},
			} {
				if got, want := ids(f.e.list(t, f.e.a, c.query)), idsOf(c.want...); !slices.Equal(got, want) {
					t.Errorf("%s: %v, want %v", c.query, got, want)
				}
			}
		})
	}
}

func TestRequestsAPIDaysLeft(t *testing.T) {
	f := newListFixture(t, store.SQLite)
	byID := map[int64]map[string]any{}
	for _, r := range f.e.list(t, f.e.a, "").Requests {
		byID[int64(r["id"].(float64))] = r
	}
	for _, c := range []struct {
		r        *store.Request
		overdue  bool
		daysLeft any
	}{
		{f.r1, true, float64(-9)},
		{f.r2, false, float64(2)},
		{f.r3, false, nil}, // answered: closed
		{f.r4, false, nil},
		{f.r5, false, float64(30)},
		{f.r6, false, float64(0)}, // due today
	} {
		got := byID[c.r.ID]
		if dl, ok := got["days_left"]; got["overdue"] != c.overdue || !ok || dl != c.daysLeft {
			t.Errorf("request %d: overdue %v days_left %v, want %v %v", c.r.ID, got["overdue"], got["days_left"], c.overdue, c.daysLeft)
		}
	}
	// The single request says the same; at 23:30 UTC it is already the
	// next day in Berlin.
	f.e.now = time.Date(2026, 11, 10, 23, 30, 0, 0, time.UTC)
	status, _, body := f.e.get(t, f.e.a, fmt.Sprintf("/api/requests/%d", f.r6.ID))
	var one map[string]any
	if err := json.Unmarshal(body, &one); status != 200 || err != nil || one["overdue"] != true || one["days_left"] != float64(-1) {
		t.Errorf("GET request %d: %d %s", f.r6.ID, status, body)
	}
}

func TestRequestsAPICounts(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newListFixture(t, dialect)
			status, _, body := f.e.get(t, f.e.a, "/api/requests/counts")
			if status != http.StatusOK {
				t.Fatalf("%d %s", status, body)
			}
			// Open: r1 r2 r5 r6; overdue: r1; due by Sunday 15 Nov: r2 r6;
			// median of 4 and 10 days.
			if want := `{"open":4,"due_this_week":2,"overdue":1,"median_days_to_answer":7}`; strings.TrimSpace(string(body)) != want {
				t.Errorf("counts %s, want %s", body, want)
			}
			_, _, body = f.e.get(t, f.e.b, "/api/requests/counts")
			if want := `{"open":1,"due_this_week":0,"overdue":1,"median_days_to_answer":null}`; strings.TrimSpace(string(body)) != want {
				t.Errorf("shop B counts %s, want %s", body, want)
			}
		})
	}
}

// TestRequestsAPICursorPages: in every order, pages of 3 cover every
// request exactly once, in order, even with ties on the sort key and with
// requests inserted between pages.
func TestRequestsAPICursorPages(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newRequestsAPIEnv(t, dialect)
			t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
			add := func(i int, received time.Time) {
				r := &store.Request{ShopID: e.a.ID, Type: "access", Status: "received", Source: "manual", ReceivedAt: received,
					DueAt: store.DayOf(2026, 12, 1+i%3), ExtendedDueAt: store.DayOf(2027, 2, 1)}
				if err := e.st.CreateRequest(context.Background(), r); err != nil {
					t.Fatal(err)
				}
			}
			for i := range 11 {
				add(i, t0.Add(time.Duration(i/2)*time.Hour)) // pairs share their time
			}
			for _, sort := range store.RequestSorts {
				want := ids(e.list(t, e.a, "?sort="+sort))
				var got []int64
				query := "?limit=3&sort=" + sort
				for page := 0; page < 10; page++ {
					p := e.list(t, e.a, query)
					got = append(got, ids(p)...)
					if p.NextCursor == "" {
						break
					}
					if page == 0 { // inserted before the cursor in -received, after it in received
						add(page, t0.Add(-time.Hour))
						add(page, t0.Add(24*time.Hour))
					}
					query = "?limit=3&sort=" + sort + "&cursor=" + p.NextCursor
				}
				var kept []int64 // the first listing's requests, in the order paged
				seen := map[int64]bool{}
				for _, id := range got {
					if seen[id] {
						t.Errorf("%s: %d listed twice", sort, id)
					}
					seen[id] = true
					if slices.Contains(want, id) {
						kept = append(kept, id)
					}
				}
				if !slices.Equal(kept, want) {
					t.Errorf("%s: paged %v, want %v in that order", sort, got, want)
				}
			}
		})
	}
}

func TestRequestsAPIListBadFilters(t *testing.T) {
	e := newRequestsAPIEnv(t, store.SQLite)
	for _, c := range []struct{ query, param string }{
		{"?status=deleted", "status"},
		{"?status=received,deleted", "status"},
		{"?type=rectification", "type"},
		{"?overdue=yes", "overdue"},
		{"?due_within=-1", "due_within"},
		{"?due_within=seven", "due_within"},
		{"?due_within=367", "due_within"},
		{"?received_from=2026-13-01", "received_from"},
		{"?received_to=11/02/2026", "received_to"},
		{"?received_from=2026-11-03&received_to=2026-11-02", "received_to"},
		{"?sort=name", "sort"},
		{"?limit=0", "limit"},
		{"?cursor=bm9wZQ", "cursor"},
		{"?sort=due&cursor=" + (&store.RequestCursor{Sort: store.SortReceivedDesc, ID: 3}).Encode(), "cursor"},
	} {
		status, _, body := e.get(t, e.a, "/api/requests"+c.query)
		var eb struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		if status != http.StatusBadRequest || json.Unmarshal(body, &eb) != nil || !strings.HasPrefix(eb.Error.Message, c.param+": ") {
			t.Errorf("%s: %d %s, want 400 naming %s", c.query, status, body, c.param)
		}
	}
}
