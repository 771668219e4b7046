package requests

import (
	"context"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// received is when the test requests arrived (a Monday in Berlin).
var received = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// each runs f against a migrated store of every dialect.
func each(t *testing.T, f func(t *testing.T, s *store.Store)) {
	for _, d := range testenv.Dialects {
		t.Run(d, func(t *testing.T) { f(t, testenv.Store(t, d)) })
	}
}

func testShop(t *testing.T, s *store.Store, domain string) *store.Shop {
	t.Helper()
	sh := &store.Shop{Platform: "shopify", Domain: domain, Name: "Shop", Country: "DE", Region: "BE", Timezone: "Europe/Berlin"}
	if err := s.UpsertShop(context.Background(), sh); err != nil {
		t.Fatal(err)
	}
	return sh
}

// create stores a request through Create in its own transaction.
func create(t *testing.T, s *store.Store, sh *store.Shop, n New) *store.Request {
	t.Helper()
	var r *store.Request
	err := s.Tx(context.Background(), func(tx *store.Store) error {
		var err error
		r, _, err = Create(context.Background(), tx, sh, n)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func erasure(email string) New {
	return New{Type: store.TypeErasure, Source: "manual", Channel: "e-mail", Subject: store.Subject{Email: email}, ReceivedAt: received}
}

// actions lists the actions of a request's audit trail.
func actions(t *testing.T, s *store.Store, r *store.Request) []string {
	t.Helper()
	es, err := s.Events(context.Background(), r.ShopID, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Action
	}
	return out
}

// reload reads r again.
func reload(t *testing.T, s *store.Store, r *store.Request) *store.Request {
	t.Helper()
	got, err := s.Request(context.Background(), r.ShopID, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// move is Transition by the system in a transaction of its own.
func move(s *store.Store, r *store.Request, to, detail string) error {
	return s.Tx(context.Background(), func(tx *store.Store) error {
		return Transition(context.Background(), tx, r, "system", to, detail)
	})
}
