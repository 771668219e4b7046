package pipeline_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/mail/mailtest"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
)

// breakSetup moves the rig's shop to a postcode on the line between Saxony
// and Thuringia, as a refresh from the platform would: the state is gone
// until the merchant chooses it.
func (g *rig) breakSetup(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	sh, err := g.st.Shop(ctx, g.shop.ID)
	if err != nil {
		t.Fatal(err)
	}
	sh.Address = `{"company":"Grenz GmbH","street":"Hauptstr. 1","postcode":"07919","city":"Mühltroff","country":"DE"}`
	sh.Region, sh.RegionSource = "", ""
	if err := g.st.UpdateShopProfile(ctx, sh, nil); err != nil {
		t.Fatal(err)
	}
	g.shop = sh
}

// completeSetup is what PATCH /api/shop does with {"state": state}: the
// patch applied, saved, and the waiting requests continued in one
// transaction. It returns the steps to enqueue.
func (g *rig) completeSetup(t *testing.T, state string) []*store.Step {
	t.Helper()
	ctx := context.Background()
	var steps []*store.Step
	err := g.st.Tx(ctx, func(tx *store.Store) error {
		cur, err := tx.Shop(ctx, g.shop.ID)
		if err != nil {
			return err
		}
		next, _, bad := requests.ShopPatch{"state": json.RawMessage(`"` + state + `"`)}.Apply(cur, "merchant:1", time.Now())
		if len(bad) > 0 {
			t.Fatalf("patch: %v", bad)
		}
		if err := tx.UpdateShopProfile(ctx, next, nil); err != nil {
			return err
		}
		if err := tx.SaveSettings(ctx, next.ID, store.ShopSettings(next)); err != nil {
			return err
		}
		steps, err = requests.ContinueSetup(ctx, tx, next, "merchant:1")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return steps
}

// withMailer lets the rig's pipeline deliver e-mails to an in-process SMTP
// server.
func (g *rig) withMailer(t *testing.T) *mailtest.Server {
	t.Helper()
	srv := mailtest.Start(t)
	snd, err := mail.NewSender(srv.URL(), "Lethe <no-reply@lethe.example>", mail.WithMessageIDHost("lethe.example"))
	if err != nil {
		t.Fatal(err)
	}
	g.p.Mailer = snd
	return srv
}

// sends splits what was enqueued into email:send steps and the rest.
func (g *rig) sends() (sends, rest []*store.Step) {
	for _, s := range g.enqueued {
		if s.Kind == step.Send {
			sends = append(sends, s)
		} else {
			rest = append(rest, s)
		}
	}
	g.enqueued = nil
	return sends, rest
}

// waits runs r's discover step st and checks r waits in needs_setup with
// its due dates unchanged, nothing discovered and no next step.
func (g *rig) waits(t *testing.T, r *store.Request, st *store.Step) {
	t.Helper()
	ctx := context.Background()
	g.run(t, st)
	got := g.reload(t, r)
	if got.Status != store.StatusNeedsSetup || got.SetupMissing != "state,authority" || got.Failure != "" {
		t.Fatalf("request %d: status %s, missing %q, failure %q", r.ID, got.Status, got.SetupMissing, got.Failure)
	}
	if !got.DueAt.Time.Equal(r.DueAt.Time) || !got.ExtendedDueAt.Time.Equal(r.ExtendedDueAt.Time) || !got.ReceivedAt.Equal(r.ReceivedAt) {
		t.Errorf("request %d: due %s/%s → %s/%s", r.ID, r.DueAt, r.ExtendedDueAt, got.DueAt, got.ExtendedDueAt)
	}
	if items, err := g.st.Items(ctx, r.ShopID, r.ID); err != nil || len(items) != 0 {
		t.Errorf("request %d: %d items (%v) while waiting", r.ID, len(items), err)
	}
	steps, err := g.st.StepsOf(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range steps {
		if s.Kind != step.Discover && s.Kind != step.Send {
			t.Errorf("request %d has a %s step while waiting", r.ID, s.Kind)
		}
	}
}

func (g *rig) setupEmails(t *testing.T) int64 {
	t.Helper()
	var n int64
	if err := g.st.GormForTests().Table("emails").Where("shop_id = ? AND kind = ?", g.shop.ID, mail.KindSetupNotice).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// Requests of a shop whose setup is incomplete wait in needs_setup (never
// failed) with their deadlines running; the merchant gets one e-mail for
// all of them; completing the setup lets them continue; a later gap in the
// setup is a new episode, told once again.
func TestSetupWaitsAndContinues(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		smtp := g.withMailer(t)
		g.breakSetup(t)
		var waiting []*store.Request
		var firsts []*store.Step
		for range 3 {
			r, first := g.request(t, store.TypeAccess)
			waiting, firsts = append(waiting, g.reload(t, r)), append(firsts, first)
		}
		for i, r := range waiting {
			g.waits(t, r, firsts[i])
			if n := g.audited(t, r, "status."+store.StatusNeedsSetup); n != 1 {
				t.Errorf("request %d: %d needs_setup audit entries", r.ID, n)
			}
		}
		sends, rest := g.sends()
		if len(sends) != 1 || len(rest) != 0 || g.setupEmails(t) != 1 {
			t.Fatalf("three waiting requests: %d e-mails queued, %d other steps, %d setup e-mails; want one e-mail", len(sends), len(rest), g.setupEmails(t))
		}
		g.run(t, sends[0])
		msgs := smtp.WaitMessages(1, 10*time.Second)
		if len(msgs) != 1 || len(msgs[0].To) != 1 || msgs[0].To[0] != g.shop.Email {
			t.Fatalf("setup notice: %+v", msgs)
		}
		if !strings.Contains(msgs[0].Text, "Bundesland") || !strings.Contains(msgs[0].Text, "https://lethe.example/app/onboarding") ||
			strings.Contains(msgs[0].Text, "jane") {
			t.Errorf("setup notice text:\n%s", msgs[0].Text)
		}

		// The merchant chooses the state: all three continue, each with a
		// new discover step, their due dates as before.
		cont := g.completeSetup(t, "SN")
		if len(cont) != 3 {
			t.Fatalf("%d steps after completing the setup, want 3", len(cont))
		}
		for i, r := range waiting {
			got := g.reload(t, r)
			if got.Status != store.StatusProcessing || got.SetupMissing != "" || !got.DueAt.Time.Equal(r.DueAt.Time) {
				t.Errorf("request %d after setup: %s missing %q due %s", r.ID, got.Status, got.SetupMissing, got.DueAt)
			}
			if cont[i].Kind != step.Discover || cont[i].RequestID == nil || *cont[i].RequestID != r.ID {
				t.Errorf("continued step %d: %s of %v", i, cont[i].Kind, cont[i].RequestID)
			}
			if n := g.audited(t, r, "status."+store.StatusProcessing); n != 1 {
				t.Errorf("request %d: %d processing audit entries", r.ID, n)
			}
		}

		// Before they run, the setup breaks again (the shop moved): a new
		// episode, one new e-mail, however many requests wait again.
		g.breakSetup(t)
		for i, r := range waiting {
			g.waits(t, r, cont[i])
		}
		late, first := g.request(t, store.TypeErasure)
		g.waits(t, g.reload(t, late), first)
		sends, rest = g.sends()
		if len(sends) != 1 || len(rest) != 0 {
			t.Fatalf("second episode: %d e-mails queued, %d other steps; want one e-mail", len(sends), len(rest))
		}
		g.run(t, sends[0])
		if msgs := smtp.WaitMessages(2, 10*time.Second); len(msgs) != 2 {
			t.Fatalf("%d setup notices after two episodes, want 2", len(msgs))
		}

		// Ready again: all four continue, and a request after that is not
		// held up.
		if cont := g.completeSetup(t, "TH"); len(cont) != 4 {
			t.Fatalf("%d steps after the second setup, want 4", len(cont))
		}
		r, first := g.request(t, store.TypeAccess)
		g.run(t, first)
		_, rest = g.sends()
		if got := g.reload(t, r); got.Status != store.StatusProcessing || len(rest) != 1 || rest[0].Kind != step.Answer {
			t.Errorf("a request of a ready shop: %s, next %v", got.Status, kinds(rest))
		}
		if n := g.setupEmails(t); n != 2 {
			t.Errorf("%d setup e-mails in all, want 2", n)
		}
	})
}
