package jobs_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/mail/mailtest"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/jobs"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func digestShop(t *testing.T, st *store.Store, domain, locale string) *store.Shop {
	t.Helper()
	sh := &store.Shop{Platform: "shopify", Domain: domain, Name: "Shop " + domain[:1], Email: "owner@" + domain, Locale: locale}
	if err := st.UpsertShop(context.Background(), sh); err != nil {
		t.Fatal(err)
	}
	return sh
}

// digestRequest adds an open request of sh due on due (its effective due
// date); extended marks its deadline extended, so due is the extended date
// and the first one lay two months before; status "" is received.
func digestRequest(t *testing.T, st *store.Store, sh *store.Shop, status string, due store.Day, extended bool) *store.Request {
	t.Helper()
	r := &store.Request{ShopID: sh.ID, Type: store.TypeAccess, Status: status, Source: "manual", Subject: store.Subject{Email: "p@example.com"},
		ReceivedAt: due.AddDays(-30).Time, DueAt: due, ExtendedDueAt: due.AddDays(61)}
	if extended {
		r.ReceivedAt, r.DueAt, r.ExtendedDueAt = due.AddDays(-91).Time, due.AddDays(-61), due
	}
	if err := st.CreateRequest(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if extended {
		if err := st.UpdateRequest(context.Background(), sh.ID, r.ID, map[string]any{"extended_at": due.AddDays(-10).Time}); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func digestEmails(t *testing.T, st *store.Store, shopID int64) int64 {
	t.Helper()
	var n int64
	if err := st.GormForTests().Table("emails").Where("shop_id = ? AND kind = ?", shopID, mail.KindDigest).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// Two workers receiving the digest task several times a day send one
// digest per shop and local day, and none to a shop with nothing to say.
func TestDigestOncePerShopAndDayWithTwoWorkers(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			g := newRig(t, dialect, testenv.RealRedis)
			busy := digestShop(t, g.st, "busy.myshopify.com", "de")
			calm := digestShop(t, g.st, "calm.myshopify.com", "de")
			digestRequest(t, g.st, busy, store.StatusReceived, store.DayOf(2026, 11, 12), false)
			digestRequest(t, g.st, calm, store.StatusReceived, store.DayOf(2026, 12, 30), false) // weeks away

			var mu sync.Mutex
			clock := time.Date(2026, 11, 10, 6, 0, 0, 0, time.UTC)
			now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
			fire := g.taskWorkers(t, 2, jobs.TypeSendDigest, jobs.Digests{Store: g.st, Now: now, Log: quiet, AppURL: "https://lethe.example"}.HandleDigest)

			fire(4)
			fire(2)
			if n := digestEmails(t, g.st, busy.ID); n != 1 {
				t.Errorf("busy shop: %d digests on one day, want 1", n)
			}
			if n := digestEmails(t, g.st, calm.ID); n != 0 {
				t.Errorf("calm shop: %d digests on a quiet day, want 0", n)
			}
			runs1, _ := g.st.DigestRuns(ctx, busy.ID)
			if len(runs1) != 1 || runs1[0].Day.String() != "2026-11-10" || runs1[0].EmailID == nil {
				t.Fatalf("digest runs %+v", runs1)
			}
			e, err := g.st.Email(ctx, busy.ID, *runs1[0].EmailID)
			if err != nil || e.Status != store.EmailQueued || e.RequestID != nil {
				t.Fatalf("digest e-mail %+v %v", e, err)
			}

			// The next day (23:30 UTC is already 11 Nov in Berlin): one more.
			mu.Lock()
			clock = time.Date(2026, 11, 10, 23, 30, 0, 0, time.UTC)
			mu.Unlock()
			fire(3)
			if n := digestEmails(t, g.st, busy.ID); n != 2 {
				t.Errorf("busy shop after two days: %d digests, want 2", n)
			}
		})
	}
}

// Two handlers racing outside any queue still send one digest.
func TestDigestConcurrentRuns(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			st := testenv.Store(t, dialect)
			sh := digestShop(t, st, "race.myshopify.com", "en")
			digestRequest(t, st, sh, store.StatusFailed, store.DayOf(2026, 11, 1), false)
			d := jobs.Digests{Store: st, Now: func() time.Time { return time.Date(2026, 11, 10, 6, 0, 0, 0, time.UTC) }, Log: quiet}
			var wg sync.WaitGroup
			var sent atomic.Int64
			for range 4 {
				wg.Go(func() {
					ok, err := d.SendDigest(context.Background(), sh)
					if err != nil {
						t.Error(err)
					}
					if ok {
						sent.Add(1)
					}
				})
			}
			wg.Wait()
			if sent.Load() != 1 || digestEmails(t, st, sh.ID) != 1 {
				t.Errorf("%d sent, %d e-mails; want 1", sent.Load(), digestEmails(t, st, sh.ID))
			}
		})
	}
}

// Each section of the digest, alone and in both languages, as the
// merchant receives it over SMTP.
func TestDigestSections(t *testing.T) {
	today := store.DayOf(2026, 11, 10)
	headers := map[string][4]string{ // overdue, due soon, extend, setup
		"en": {"Overdue (", "Due within 7 days (", "Announce an extension now (", "Setup still missing"},
		"de": {"Überfällig (", "In den nächsten 7 Tagen fällig (", "Verlängerung jetzt mitteilen (", "Noch fehlende Einstellungen"},
	}
	cases := []struct {
		name    string
		setup   func(t *testing.T, st *store.Store, sh *store.Shop) *store.Request
		missing []string
		has     []int // sections present
		want    map[string][]string
	}{
		{"overdue", func(t *testing.T, st *store.Store, sh *store.Shop) *store.Request {
			return digestRequest(t, st, sh, store.StatusProcessing, today.AddDays(-3), true) // extended: no extension section
		}, nil, []int{0}, map[string][]string{"en": {"3 days overdue"}, "de": {"seit 3 Tagen überfällig"}}},
		{"due soon, extended already", func(t *testing.T, st *store.Store, sh *store.Shop) *store.Request {
			return digestRequest(t, st, sh, store.StatusReady, today.AddDays(5), true)
		}, nil, []int{1}, map[string][]string{"en": {"due in 5 days", "15 November 2026"}, "de": {"in 5 Tagen fällig", "15. November 2026"}}},
		{"due soon, not extended", func(t *testing.T, st *store.Store, sh *store.Shop) *store.Request {
			return digestRequest(t, st, sh, store.StatusReceived, today, false)
		}, nil, []int{1, 2}, map[string][]string{"en": {"due today", "first deadline 10 November 2026", "Art. 12(3) GDPR"},
			"de": {"heute fällig", "erste Frist 10. November 2026", "Art. 12 Abs. 3 DSGVO"}}},
		{"setup missing", func(*testing.T, *store.Store, *store.Shop) *store.Request { return nil },
			[]string{"supervisory authority"}, []int{3}, map[string][]string{"en": {"- supervisory authority", "https://lethe.example/app/onboarding"},
				"de": {"- supervisory authority", "https://lethe.example/app/onboarding"}}},
	}
	for _, lang := range []string{"en", "de"} {
		for i, c := range cases {
			t.Run(lang+"/"+c.name, func(t *testing.T) {
				ctx := context.Background()
				st := testenv.Store(t, store.SQLite)
				srv := mailtest.Start(t)
				snd, err := mail.NewSender(srv.URL(), "Lethe <no-reply@lethe.example>", mail.WithMessageIDHost("lethe.example"))
				if err != nil {
					t.Fatal(err)
				}
				sh := digestShop(t, st, fmt.Sprintf("s%d.myshopify.com", i), lang)
				r := c.setup(t, st, sh)
				// Neither answered requests nor ones weeks away are mentioned.
				digestRequest(t, st, sh, store.StatusReceived, today.AddDays(30), false)
				closed := digestRequest(t, st, sh, store.StatusAnswered, today.AddDays(-20), false)
				var stepped *store.Step
				d := jobs.Digests{Store: st, Now: func() time.Time { return today.Time.Add(6 * time.Hour) }, Log: quiet,
					AppURL: "https://lethe.example", SetupMissing: func(*store.Shop) []string { return c.missing },
					Enqueue: func(_ context.Context, steps ...*store.Step) error { stepped = steps[0]; return nil }}
				if ok, err := d.SendDigest(ctx, sh); err != nil || !ok || stepped == nil {
					t.Fatalf("SendDigest: %v %v", ok, err)
				}
				claimed, ok, err := st.ClaimStep(ctx, stepped.ID, time.Minute)
				if err != nil || !ok {
					t.Fatalf("claim %v %v", ok, err)
				}
				if err := mail.HandleSend(st, snd, quiet)(ctx, claimed); err != nil {
					t.Fatal(err)
				}
				msgs := srv.WaitMessages(1, 10*time.Second)
				if len(msgs) != 1 {
					t.Fatalf("%d messages", len(msgs))
				}
				m := msgs[0]
				if len(m.To) != 1 || m.To[0] != sh.Email || !strings.Contains(m.Subject, sh.Name) || !strings.Contains(m.Subject, map[string]string{"en": "10 November 2026", "de": "10. November 2026"}[lang]) {
					t.Errorf("to %v, subject %q", m.To, m.Subject)
				}
				for s, h := range headers[lang] {
					present := false
					for _, want := range c.has {
						present = present || want == s
					}
					for _, body := range []string{m.Text, m.HTML} {
						if strings.Contains(body, h) != present {
							t.Errorf("section %q present=%v expected %v in:\n%s", h, !present, present, body)
						}
					}
				}
				for _, want := range c.want[lang] {
					if !strings.Contains(m.Text, want) {
						t.Errorf("text lacks %q:\n%s", want, m.Text)
					}
				}
				if r != nil {
					link := fmt.Sprintf("https://lethe.example/app/requests/%d", r.ID)
					if !strings.Contains(m.Text, link) || !strings.Contains(m.HTML, link) {
						t.Errorf("no link %s:\n%s", link, m.Text)
					}
				}
				if strings.Contains(m.Text, fmt.Sprintf("/app/requests/%d", closed.ID)) || strings.Contains(m.Text, "p@example.com") {
					t.Errorf("closed request or personal data in the digest:\n%s", m.Text)
				}
			})
		}
	}
}

// readiness is what cmd/lethe wires as the digest's SetupMissing.
func readiness(sh *store.Shop) []string { return requests.Readiness(sh).Missing }

// The digest's "setup still missing" section names what readiness lacks,
// in words the merchant reads (DE/EN), never the settings API's keys; a
// ready shop with nothing due gets no digest.
func TestDigestNamesMissingSetup(t *testing.T) {
	now := time.Date(2026, 11, 10, 6, 0, 0, 0, time.UTC)
	cases := map[string]struct {
		want []string
	}{
		"de": {[]string{"Noch fehlende Einstellungen", "- das Bundesland des Shops (die Postleitzahl entscheidet es nicht)",
			"- die zuständige Datenschutz-Aufsichtsbehörde", "- die Kontakt-E-Mail des Shops"}},
		"en": {[]string{"Setup still missing", "- the shop's federal state (its postcode does not decide it)",
			"- the competent supervisory authority", "- the shop's contact e-mail"}},
	}
	for _, dialect := range testenv.Dialects {
		for lang, c := range cases {
			t.Run(dialect+"/"+lang, func(t *testing.T) {
				ctx := context.Background()
				st := testenv.Store(t, dialect)
				srv := mailtest.Start(t)
				snd, err := mail.NewSender(srv.URL(), "Lethe <no-reply@lethe.example>", mail.WithMessageIDHost("lethe.example"))
				if err != nil {
					t.Fatal(err)
				}
				var queued []*store.Step
				d := jobs.Digests{Store: st, Now: func() time.Time { return now }, Log: quiet, AppURL: "https://lethe.example",
					SetupMissing: readiness, Enqueue: func(_ context.Context, steps ...*store.Step) error { queued = append(queued, steps...); return nil }}

				// A ready shop with nothing due: no digest.
				ready := &store.Shop{Platform: "shopify", Domain: "fertig.myshopify.com", Name: "Fertig", Email: "info@fertig.example",
					Country: "DE", Region: "BY", Locale: lang,
					Address: `{"company":"Fertig GmbH","street":"Marienplatz 1","postcode":"80331","city":"München","country":"DE"}`}
				if err := st.UpsertShop(ctx, ready); err != nil {
					t.Fatal(err)
				}
				if ok, err := d.SendDigest(ctx, ready); err != nil || ok || digestEmails(t, st, ready.ID) != 0 {
					t.Fatalf("ready, quiet shop: sent=%v err=%v, %d digests", ok, err, digestEmails(t, st, ready.ID))
				}

				// A shop on the Saxon–Thuringian line without its state, whose
				// contact e-mail is unknown (the merchant's address is set).
				border := &store.Shop{Platform: "shopify", Domain: "grenz.myshopify.com", Name: "Grenz", Country: "DE", Locale: lang,
					Settings: `{"merchant_email":"chef@grenz.example"}`,
					Address:  `{"company":"Grenz GmbH","street":"Hauptstr. 1","postcode":"07919","city":"Mühltroff","country":"DE"}`}
				if err := st.UpsertShop(ctx, border); err != nil {
					t.Fatal(err)
				}
				if ok, err := d.SendDigest(ctx, border); err != nil || !ok || len(queued) != 1 {
					t.Fatalf("not-ready shop: sent=%v err=%v, %d steps", ok, err, len(queued))
				}
				claimed, ok, err := st.ClaimStep(ctx, queued[0].ID, time.Minute)
				if err != nil || !ok {
					t.Fatalf("claim %v %v", ok, err)
				}
				if err := mail.HandleSend(st, snd, quiet)(ctx, claimed); err != nil {
					t.Fatal(err)
				}
				msgs := srv.WaitMessages(1, 10*time.Second)
				if len(msgs) != 1 || len(msgs[0].To) != 1 || msgs[0].To[0] != "chef@grenz.example" {
					t.Fatalf("messages %+v", msgs)
				}
				for _, w := range append(c.want, "https://lethe.example/app/onboarding") {
					if !strings.Contains(msgs[0].Text, w) {
						t.Errorf("text lacks %q:\n%s", w, msgs[0].Text)
					}
				}
				for _, key := range []string{"- state", "- authority", "- email", "legal_name"} {
					if strings.Contains(msgs[0].Text, key) || strings.Contains(msgs[0].HTML, ">"+strings.TrimPrefix(key, "- ")+"<") {
						t.Errorf("the digest shows the raw field key %q:\n%s", key, msgs[0].Text)
					}
				}
				html := strings.ReplaceAll(msgs[0].HTML, "&#39;", "'")
				if !strings.Contains(html, strings.TrimPrefix(c.want[1], "- ")) {
					t.Errorf("HTML lacks %q:\n%s", c.want[1], msgs[0].HTML)
				}
			})
		}
	}
}
