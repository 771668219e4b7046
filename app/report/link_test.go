package report_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/config"
	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/report/reporttest"
	"github.com/lethe-gdpr/lethe/app/store"
)

var t0 = time.Date(2026, 2, 10, 9, 30, 0, 0, time.UTC)

func token(t *testing.T, l report.Link) string {
	t.Helper()
	_, tok, ok := strings.Cut(l.URL, "/r/")
	if !ok || len(tok) != 43 {
		t.Fatalf("link URL %q", l.URL)
	}
	return tok
}

func TestLinkLifecycle(t *testing.T) {
	each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		sh := reporttest.Shop(t, st, "a.myshopify.com")
		other := reporttest.Shop(t, st, "b.myshopify.com")
		rq := reporttest.Request(t, st, sh, "de")
		if _, err := report.NewLink(ctx, st, sh.ID, rq.ID, "https://lethe.example", 0, t0); !errors.Is(err, report.ErrNoReport) {
			t.Fatalf("link before the report: %v", err)
		}
		reporttest.Saved(t, st, sh, rq)
		if _, err := report.NewLink(ctx, st, other.ID, rq.ID, "https://lethe.example", 0, t0); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("link to another shop's request: %v", err)
		}
		var l report.Link
		err := st.Tx(ctx, func(tx *store.Store) (err error) {
			l, err = report.NewLink(ctx, tx, sh.ID, rq.ID, "https://lethe.example/", 0, t0)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		tok := token(t, l)
		if !strings.HasPrefix(l.URL, "https://lethe.example/r/") || l.Lifetime != 7*24*time.Hour {
			t.Fatalf("link %+v", l)
		}
		// Inactive until the answer is sent: it answers like an unknown
		// token, however long the draft waits.
		for _, at := range []time.Time{t0, t0.Add(30 * 24 * time.Hour)} {
			if got, err := report.Resolve(ctx, st, tok, at); !errors.Is(err, store.ErrNotFound) || got != nil {
				t.Fatalf("inactive link at %s: %+v %v, want not found", at, got, err)
			}
		}
		// The answer is sent three days later: the seven days count from then.
		sent := t0.Add(72 * time.Hour)
		if n, err := report.Activate(ctx, st, sh.ID, rq.ID, sent); err != nil || n != 1 {
			t.Fatalf("activate: %d %v", n, err)
		}
		if n, _ := report.Activate(ctx, st, sh.ID, rq.ID, sent.Add(time.Hour)); n != 0 {
			t.Fatalf("activated again: %d", n)
		}
		expires := sent.Add(7 * 24 * time.Hour)

		// Only the keyed hash is stored.
		var hash string
		if err := st.SQL().QueryRow("SELECT token_hash FROM report_links WHERE id = $1", l.ID).Scan(&hash); err != nil {
			t.Fatal(err)
		}
		if hash == tok || strings.Contains(hash, tok) || hash != st.Keys().Hash("report.link", tok) {
			t.Fatalf("token_hash %q for token %q", hash, tok)
		}
		assertNoRowHolds(t, st, tok)

		for _, tt := range []struct {
			name  string
			token string
			at    time.Time
			want  error
		}{
			{"valid", tok, sent, nil},
			{"a moment before expiry", tok, expires.Add(-time.Microsecond), nil},
			{"at expiry", tok, expires, report.ErrExpired},
			{"after expiry", tok, expires.Add(time.Hour), report.ErrExpired},
			{"unknown", strings.Repeat("A", 43), t0, store.ErrNotFound},
			{"malformed", "not-a-token", t0, store.ErrNotFound},
			{"truncated", tok[:42], t0, store.ErrNotFound},
			{"empty", "", t0, store.ErrNotFound},
		} {
			got, err := report.Resolve(ctx, st, tt.token, tt.at)
			if !errors.Is(err, tt.want) {
				t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
				continue
			}
			if tt.want != store.ErrNotFound && (got == nil || got.ShopID != sh.ID || got.RequestID != rq.ID || got.LinkID != l.ID || !got.ExpiresAt.Equal(expires)) {
				t.Errorf("%s: target %+v", tt.name, got)
			}
		}

		// Downloads are counted and audited once each, with the subject's hash only.
		target, _ := report.Resolve(ctx, st, tok, t0)
		for i, f := range []string{report.FormatHTML, report.FormatZip} {
			if err := report.RecordDownload(ctx, st, target, f, t0.Add(time.Duration(i+1)*time.Minute)); err != nil {
				t.Fatal(err)
			}
		}
		var downloads int
		st.SQL().QueryRow("SELECT downloads FROM report_links WHERE id = $1", l.ID).Scan(&downloads)
		events, _ := st.Events(ctx, sh.ID, rq.ID)
		if downloads != 2 || len(events) != 2 {
			t.Fatalf("downloads %d, events %d", downloads, len(events))
		}
		e := events[1]
		if e.Actor != "customer" || e.Action != "report.downloaded" || e.Detail != "format=zip link="+strconv.FormatInt(l.ID, 10) ||
			e.SubjectHash == "" || e.SubjectHash != rq.SubjectHash || !e.At.Equal(t0.Add(2*time.Minute)) {
			t.Errorf("event %+v", e)
		}
		if err := report.RecordDownload(ctx, st, target, report.FormatJSON, expires); !errors.Is(err, report.ErrExpired) {
			t.Errorf("download after expiry: %v", err)
		}
		if events, _ := st.Events(ctx, sh.ID, rq.ID); len(events) != 2 {
			t.Errorf("an expired download was audited")
		}

		// Revoking ends the link at once.
		n, err := report.RevokeLinks(ctx, st, sh.ID, rq.ID, t0)
		if err != nil || n != 1 {
			t.Fatalf("revoke: %d, %v", n, err)
		}
		if _, err := report.Resolve(ctx, st, tok, t0); !errors.Is(err, report.ErrExpired) {
			t.Errorf("revoked link: %v", err)
		}
		if err := report.RecordDownload(ctx, st, target, report.FormatHTML, t0); !errors.Is(err, report.ErrExpired) {
			t.Errorf("download through a revoked link: %v", err)
		}
	})
}

func TestLinkTTL(t *testing.T) {
	each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		sh := reporttest.Shop(t, st, "a.myshopify.com")
		rq := reporttest.Request(t, st, sh, "en")
		reporttest.Saved(t, st, sh, rq)
		l, err := report.NewLink(ctx, st, sh.ID, rq.ID, "http://localhost:8080", 90*time.Minute, t0)
		if err != nil || l.Lifetime != 90*time.Minute {
			t.Fatalf("%+v %v", l, err)
		}
		// A new draft's link ends the earlier draft's: only the newest can
		// start working when the answer is sent.
		l2, _ := report.NewLink(ctx, st, sh.ID, rq.ID, "http://localhost:8080", 90*time.Minute, t0.Add(time.Minute))
		if token(t, l) == token(t, l2) {
			t.Fatal("two links share a token")
		}
		sent := t0.Add(time.Hour)
		if n, err := report.Activate(ctx, st, sh.ID, rq.ID, sent); err != nil || n != 1 {
			t.Fatalf("activate: %d %v", n, err)
		}
		if _, err := report.Resolve(ctx, st, token(t, l), sent); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the replaced draft's link: %v, want not found", err)
		}
		got, err := report.Resolve(ctx, st, token(t, l2), sent.Add(89*time.Minute))
		if err != nil || !got.ExpiresAt.Equal(sent.Add(90*time.Minute)) {
			t.Errorf("the sent link: %+v %v", got, err)
		}
	})
}

// LETHE_REPORT_LINK_TTL defaults to DefaultLinkTTL.
func TestConfigDefaultTTL(t *testing.T) {
	c, err := config.Load(func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	if c.ReportLinkTTL != report.DefaultLinkTTL {
		t.Fatalf("LETHE_REPORT_LINK_TTL default %v, want %v", c.ReportLinkTTL, report.DefaultLinkTTL)
	}
	c, err = config.Load(func(k string) (string, bool) { return map[string]string{"LETHE_REPORT_LINK_TTL": "72h"}[k], true })
	if err != nil || c.ReportLinkTTL != 72*time.Hour {
		t.Fatalf("72h: %v %v", c, err)
	}
	var ce *config.Error
	if _, err := config.Load(func(k string) (string, bool) { return map[string]string{"LETHE_REPORT_LINK_TTL": "a week"}[k], true }); !errors.As(err, &ce) || ce.Option != "LETHE_REPORT_LINK_TTL" {
		t.Fatalf("bad TTL: %v", err)
	}
}

// assertNoRowHolds checks that no column of report_links holds s.
func assertNoRowHolds(t *testing.T, st *store.Store, s string) {
	t.Helper()
	rows, err := st.SQL().Query("SELECT * FROM report_links")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		rows.Scan(ptrs...)
		for i, v := range vals {
			var text string
			switch x := v.(type) {
			case []byte:
				text = string(x)
			case string:
				text = x
			}
			if strings.Contains(text, s) {
				t.Errorf("report_links.%s holds the raw token", cols[i])
			}
		}
	}
}
