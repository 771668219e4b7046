package report_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/report/reporttest"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

func each(t *testing.T, f func(t *testing.T, st *store.Store)) {
	for _, d := range testenv.Dialects {
		t.Run(d, func(t *testing.T) { f(t, testenv.Store(t, d)) })
	}
}

func TestSaveLoad(t *testing.T) {
	each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		sh := reporttest.Shop(t, st, "a.myshopify.com")
		rq := reporttest.Request(t, st, sh, "de")
		if _, err := report.Load(ctx, st, sh.ID, rq.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("Load before Save: %v", err)
		}
		saved := reporttest.Saved(t, st, sh, rq)
		got, err := report.Load(ctx, st, sh.ID, rq.ID)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := report.RenderJSON(saved)
		b, _ := report.RenderJSON(got)
		if !bytes.Equal(a, b) || got.ShopID != sh.ID {
			t.Fatalf("loaded report differs:\n%s\n---\n%s", a, b)
		}
		for _, lang := range report.Languages {
			ans, _ := got.Answer(lang)
			if m := answer.Validate(ans); len(m) > 0 {
				t.Errorf("stored %s answer: missing %v", lang, m)
			}
		}

		// Sealed at rest: no personal data in the row.
		var raw []byte
		var schema string
		var neg bool
		if err := st.SQL().QueryRow("SELECT data, schema, negative FROM reports WHERE request_id = $1", rq.ID).Scan(&raw, &schema, &neg); err != nil {
			t.Fatal(err)
		}
		for _, pii := range []string{"jane.doe@example.com", "Musterweg", "Espresso", "Kaffeerösterei"} {
			if bytes.Contains(raw, []byte(pii)) {
				t.Errorf("report data not sealed: contains %q", pii)
			}
		}
		if schema != report.Schema || neg {
			t.Errorf("row: schema %q negative %t", schema, neg)
		}

		// Regenerating replaces: one report per request.
		negRep, err := report.Build(reporttest.NegativeInput(sh, rq))
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Tx(ctx, func(tx *store.Store) error { return report.Save(ctx, tx, negRep) }); err != nil {
			t.Fatal(err)
		}
		var n int
		st.SQL().QueryRow("SELECT COUNT(*) FROM reports WHERE request_id = $1", rq.ID).Scan(&n)
		got, err = report.Load(ctx, st, sh.ID, rq.ID)
		if err != nil || n != 1 || got.Processed {
			t.Fatalf("after regenerating: %d rows, processed=%v, %v", n, got != nil && got.Processed, err)
		}
		st.SQL().QueryRow("SELECT negative FROM reports WHERE request_id = $1", rq.ID).Scan(&neg)
		if !neg {
			t.Error("negative column not updated")
		}
	})
}

func TestReportsAreScopedToTheirShop(t *testing.T) {
	each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := reporttest.Shop(t, st, "a.myshopify.com")
		b := reporttest.Shop(t, st, "b.myshopify.com")
		rq := reporttest.Request(t, st, a, "de")
		reporttest.Saved(t, st, a, rq)
		if _, err := report.Load(ctx, st, b.ID, rq.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("shop b loaded shop a's report: %v", err)
		}
		// A report claiming another shop's request is refused.
		forged, err := report.Build(reporttest.Input(a, rq))
		if err != nil {
			t.Fatal(err)
		}
		forged.ShopID = b.ID
		if err := report.Save(ctx, st, forged); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("saved a report under another shop: %v", err)
		}
		if got, err := report.Load(ctx, st, a.ID, rq.ID); err != nil || !got.Processed {
			t.Fatalf("shop a's report changed: %v", err)
		}
	})
}
