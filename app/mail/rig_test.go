package mail_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/mail/mailtest"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// The customer's personal data: none of it may reach a subject, the
// merchant's notice or a log line.
var customer = store.Subject{Email: "jane.doe@kunde.example", Name: "Jane Doe", Phone: "+49 170 1234567", CustomerID: "gid://shopify/Customer/777"}

var (
	berlin, _ = time.LoadLocation("Europe/Berlin")
	received  = time.Date(2026, 3, 2, 10, 0, 0, 0, berlin)
	lifetime  = 7 * 24 * time.Hour // the customer's link works this long from the sending
)

const link = "https://lethe.example/r/abc123?sig=x&exp=1773061500"

type rig struct {
	st   *store.Store
	smtp *mailtest.Server
	snd  *mail.Sender
	logs *syncBuf
	log  *slog.Logger
}

func each(t *testing.T, f func(t *testing.T, g *rig)) {
	for _, d := range testenv.Dialects {
		t.Run(d, func(t *testing.T) { f(t, newRig(t, d)) })
	}
}

func newRig(t *testing.T, dialect string) *rig {
	t.Helper()
	g := &rig{st: testenv.Store(t, dialect), smtp: mailtest.Start(t), logs: &syncBuf{}}
	// A plain handler, without the redacting one production adds: the code
	// itself must keep personal data out.
	g.log = slog.New(slog.NewJSONHandler(g.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var err error
	if g.snd, err = mail.NewSender(g.smtp.URL(), "Lethe <no-reply@lethe.example>", mail.WithMessageIDHost("lethe.example")); err != nil {
		t.Fatal(err)
	}
	return g
}

type shopOpt func(*store.Shop, *store.Settings)

func (g *rig) shop(t *testing.T, domain string, opts ...shopOpt) *store.Shop {
	t.Helper()
	ctx := context.Background()
	sh := &store.Shop{
		Platform: "shopify", Domain: domain, Name: "Musterladen GmbH", Country: "DE", Region: "BY", Locale: "de",
		Email:   "datenschutz@musterladen.example",
		Address: `{"address1":"Hauptstraße 5","zip":"91522","city":"Ansbach","country":"Deutschland"}`,
	}
	set := store.Settings{}
	for _, o := range opts {
		o(sh, &set)
	}
	if err := g.st.UpsertShop(ctx, sh); err != nil {
		t.Fatal(err)
	}
	if err := g.st.SaveSettings(ctx, sh.ID, set); err != nil {
		t.Fatal(err)
	}
	got, err := g.st.Shop(ctx, sh.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// request creates a request through the intake domain and moves it to ready.
func (g *rig) request(t *testing.T, sh *store.Shop, locale string) *store.Request {
	t.Helper()
	ctx := context.Background()
	var r *store.Request
	err := g.st.Tx(ctx, func(tx *store.Store) error {
		var err error
		r, _, err = requests.Create(ctx, tx, sh, requests.New{
			Type: store.TypeAccess, Source: "shopify", Subject: customer, ReceivedAt: received, Locale: locale,
			PlatformLimit: 30 * 24 * time.Hour,
		})
		for _, to := range []string{store.StatusProcessing, store.StatusReady} {
			if err == nil {
				err = requests.Transition(ctx, tx, r, "system", to, "")
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func (g *rig) draftAnswer(t *testing.T, sh *store.Shop, r *store.Request, l mail.AnswerLink) *store.Email {
	t.Helper()
	var e *store.Email
	err := g.st.Tx(context.Background(), func(tx *store.Store) error {
		var err error
		e, err = mail.DraftAnswer(context.Background(), tx, sh, r, l)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func (g *rig) queue(t *testing.T, e *store.Email) *store.Step {
	t.Helper()
	var st *store.Step
	err := g.st.Tx(context.Background(), func(tx *store.Store) error {
		var err error
		st, err = mail.QueueSend(context.Background(), tx, e)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// run claims the step as the worker does and runs the handler once.
func (g *rig) run(t *testing.T, step *store.Step) error {
	t.Helper()
	ctx := context.Background()
	claimed, ok, err := g.st.ClaimStep(ctx, step.ID, time.Minute)
	if err != nil || !ok {
		t.Fatalf("claim step %d: ok=%v %v", step.ID, ok, err)
	}
	herr := mail.HandleSend(g.st, g.snd, g.log)(ctx, claimed)
	if herr == nil {
		if err := g.st.CompleteStep(ctx, claimed); err != nil {
			t.Fatal(err)
		}
	} else if err := g.st.ReleaseStep(ctx, claimed, time.Now(), herr.Error(), false); err != nil {
		t.Fatal(err)
	}
	return herr
}

func (g *rig) email(t *testing.T, shopID, id int64) *store.Email {
	t.Helper()
	e, err := g.st.Email(context.Background(), shopID, id)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func (g *rig) events(t *testing.T, r *store.Request) []string {
	t.Helper()
	es, err := g.st.Events(context.Background(), r.ShopID, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Actor+" "+e.Action)
	}
	return out
}

// assertNoPersonalData fails when s holds any of the customer's data.
func assertNoPersonalData(t *testing.T, where, s string) {
	t.Helper()
	for _, p := range []string{customer.Email, "jane.doe", customer.Name, "Jane", customer.Phone, "1234567", customer.CustomerID, "Customer/777"} {
		if strings.Contains(s, p) {
			t.Errorf("%s contains %q:\n%s", where, p, s)
		}
	}
}

// contains checks for phrases, whatever the line breaks between their words.
func contains(t *testing.T, where, s string, wants ...string) {
	t.Helper()
	flat := strings.Join(strings.Fields(s), " ")
	for _, w := range wants {
		if !strings.Contains(flat, strings.Join(strings.Fields(w), " ")) {
			t.Errorf("%s lacks %q:\n%s", where, w, s)
		}
	}
}

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }
func (s *syncBuf) String() string              { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }
