package connect_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

func each(t *testing.T, f func(t *testing.T, s *store.Store)) {
	for _, d := range testenv.Dialects {
		t.Run(d, func(t *testing.T) { f(t, testenv.Store(t, d)) })
	}
}

func newShop(t *testing.T, s *store.Store, domain string) *store.Shop {
	t.Helper()
	sh := &store.Shop{Platform: "shopify", Domain: domain, Name: "Shop", Timezone: "Europe/Berlin"}
	if err := s.UpsertShop(context.Background(), sh); err != nil {
		t.Fatal(err)
	}
	return sh
}

func newRequest(t *testing.T, s *store.Store, shopID int64, typ string, sub store.Subject, received time.Time, mods ...func(*store.Request)) *store.Request {
	t.Helper()
	r := &store.Request{ShopID: shopID, Type: typ, Source: "shopify", Subject: sub, ReceivedAt: received,
		DueAt: store.DayOf(received.Year(), received.Month()+1, 1), ExtendedDueAt: store.DayOf(received.Year(), received.Month()+3, 1)}
	for _, m := range mods {
		m(r)
	}
	if err := s.CreateRequest(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return r
}

func addEmail(t *testing.T, s *store.Store, shopID, requestID int64, kind, status string, sent *time.Time) {
	t.Helper()
	now := time.Date(2025, 3, 2, 10, 0, 0, 0, time.UTC)
	err := s.GormForTests().Exec(`INSERT INTO emails (shop_id, request_id, kind, locale, recipient, subject, body_text, status, message_id, sent_at, created_at, updated_at)
		VALUES (?, ?, ?, 'de', ?, 'Ihre Anfrage bei Shop', ?, ?, '', ?, ?, ?)`,
		shopID, requestID, kind, []byte("sealed"), []byte("sealed"), status, sent, now, now).Error
	if err != nil {
		t.Fatal(err)
	}
}

func TestLetheConnectorFindsEarlierRequests(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := newShop(t, s, "lethe-a.myshopify.com")
		other := newShop(t, s, "lethe-b.myshopify.com")
		jane := store.Subject{Email: "Jane@Example.com", Name: "Jane Roe", Phone: "+49301234", CustomerID: "gid://shopify/Customer/7", OrderIDs: []string{"gid://shopify/Order/9"}}
		answered := time.Date(2025, 3, 2, 9, 0, 0, 0, time.UTC)
		first := newRequest(t, s, sh.ID, store.TypeAccess, jane, time.Date(2025, 2, 1, 8, 0, 0, 0, time.UTC), func(r *store.Request) {
			r.Status, r.AnsweredAt = store.StatusAnswered, &answered
		})
		addEmail(t, s, sh.ID, first.ID, "access_answer", "sent", &answered)
		// By customer id only, as the number a compliance webhook carries.
		byID := newRequest(t, s, sh.ID, store.TypeAccess, store.Subject{CustomerID: "7"}, time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC))
		current := newRequest(t, s, sh.ID, store.TypeAccess, store.Subject{Email: "jane@example.com", CustomerID: "gid://shopify/Customer/7"}, time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC))
		newRequest(t, s, sh.ID, store.TypeAccess, store.Subject{Email: "max@example.com"}, time.Date(2025, 5, 1, 8, 0, 0, 0, time.UTC))
		newRequest(t, s, other.ID, store.TypeErasure, jane, time.Date(2025, 5, 1, 8, 0, 0, 0, time.UTC))

		c := connect.NewLetheConnector(s, sh.ID, current.ID)
		if c.System() != "lethe" {
			t.Fatalf("system %q", c.System())
		}
		res, err := c.Discover(ctx, current.Subject)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Found || len(res.Items) != 2 {
			t.Fatalf("found %v, %d items; want the two earlier requests of this shop (not the current one, not Max's, not the other shop's): %+v", res.Found, len(res.Items), res.Items)
		}
		a, b := res.Items[0], res.Items[1]
		if a.RecordID != itoa(first.ID) || b.RecordID != itoa(byID.ID) {
			t.Fatalf("items %s, %s; want %d, %d in order of receipt", a.RecordID, b.RecordID, first.ID, byID.ID)
		}
		for _, it := range res.Items {
			if it.System != "lethe" || it.RecordType != retention.RequestRecord || it.Fields[retention.FieldSubjectHash] == "" || it.Fields[retention.FieldRequestType] != "access" {
				t.Errorf("item %+v", it)
			}
		}
		if a.Date != gdpr.MustParseDate("2025-03-02") || a.Fields["email"] != "Jane@Example.com" || a.Fields["name"] != "Jane Roe" || a.Fields[retention.FieldAnsweredAt] == nil {
			t.Errorf("answered request: date is the day it was answered, clear data listed: %+v", a)
		}
		mails, _ := a.Fields["emails"].([]map[string]any)
		if len(mails) != 1 || mails[0]["kind"] != "access_answer" || mails[0]["status"] != "sent" || mails[0]["sent_at"] == nil {
			t.Errorf("e-mails of the request: %+v", a.Fields["emails"])
		}
		if b.Date != gdpr.MustParseDate("2026-01-01") {
			t.Errorf("received 23:30 UTC on 31 Dec is 1 Jan in Berlin: %s", b.Date)
		}
		rule, _ := retention.DE().Rule(retention.RequestRecord)
		for k := range a.Fields {
			if slices.Contains(rule.KeepFields, k) && (k == "email" || strings.Contains(k, "name")) {
				t.Errorf("clear data %s in the keep list", k)
			}
		}

		none, err := connect.NewLetheConnector(s, sh.ID, current.ID).Discover(ctx, store.Subject{Email: "nobody@example.com"})
		if err != nil || none.Found || len(none.Items) != 0 {
			t.Fatalf("a person who never asked: %+v, %v", none, err)
		}
		empty, err := connect.NewLetheConnector(s, sh.ID, current.ID).Discover(ctx, store.Subject{Phone: "+49301234"})
		if err != nil || empty.Found {
			t.Fatalf("no e-mail and no customer id: nothing to match by (a phone is not hashed): %+v, %v", empty, err)
		}
	})
}

func TestLetheConnectorErrorNamesTheSystem(t *testing.T) {
	s := testenv.Store(t, store.SQLite)
	sh := newShop(t, s, "lethe-c.myshopify.com")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := connect.NewLetheConnector(s, sh.ID, 0).Discover(ctx, store.Subject{Email: "jane@example.com"})
	if sys, ok := connect.FailedSystem(err); !ok || sys != "lethe" || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v (system %q)", err, sys)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
