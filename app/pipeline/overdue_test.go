package pipeline_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
)

// oldOrders is a connected system holding an order of 2019: its order
// confirmation's six years and its IP address's 120 days have ended.
type oldOrders struct{}

func (oldOrders) System() string { return "crm" }
func (oldOrders) Discover(context.Context, connect.Subject) (connect.Result, error) {
	on := gdpr.MustDate(2019, 3, 1)
	return connect.Result{Found: true, Items: []gdpr.Item{
		{System: "crm", RecordType: retention.OrderConfirmation, RecordID: "o-1", Date: on, Fields: map[string]any{"order_number": "#1"}},
		{System: "crm", RecordType: retention.TechnicalData, RecordID: "o-1", Date: on, Fields: map[string]any{"client_ip": "203.0.113.9", "order_number": "#1"}},
	}}, nil
}

// Issue 12, point 4: records past their retention period are overdue for
// deletion; the merchant's notice says so before the answer goes out, and
// a shop that sends without review has this answer wait for the merchant.
func TestAccessWithOverdueRecordsWaitsForTheMerchant(t *testing.T) {
	g := newRig(t, store.SQLite)
	ctx := context.Background()
	g.p.Connectors.Register("crm", func(context.Context, *store.Shop) (connect.Connector, bool, error) { return oldOrders{}, true, nil })
	if err := g.st.SaveSettings(ctx, g.shop.ID, store.Settings{AutoSend: true}); err != nil {
		t.Fatal(err)
	}
	sh, _ := g.st.Shop(ctx, g.shop.ID)
	g.shop = sh
	r, first := g.request(t, store.TypeAccess)
	g.run(t, first)
	next := g.handed(t, step.Discover)
	if len(next) != 1 || next[0].Kind != step.Answer {
		t.Fatalf("after discover: %v", kinds(next))
	}
	es, err := g.st.EmailsOf(ctx, sh.ID, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var notice *store.Email
	for i := range es {
		if es[i].Kind == mail.KindMerchantNotice {
			notice = &es[i]
		}
	}
	if notice == nil {
		t.Fatal("no merchant notice")
	}
	for _, w := range []string{"ACHTUNG: AUFBEWAHRUNGSFRIST ABGELAUFEN (Art. 5 Abs. 1 lit. e DSGVO)", "- Bestellungen: 1 (fällig seit 1. Januar 2026)",
		"- Technische Daten der Bestellungen: 1 (fällig seit 30. Juni 2019)", "Die Antwort wird deshalb nicht automatisch versendet", "Löschantrag"} {
		if !strings.Contains(notice.BodyText, w) {
			t.Errorf("notice lacks %q:\n%s", w, notice.BodyText)
		}
	}
	if strings.Contains(notice.BodyText, "automatisch versendet, sobald") || strings.Contains(notice.BodyText, "203.0.113.9") {
		t.Errorf("notice promises an automatic answer or names the person's data:\n%s", notice.BodyText)
	}
	if !strings.Contains(notice.BodyHTML, "Achtung: Aufbewahrungsfrist abgelaufen") {
		t.Errorf("notice html lacks the warning")
	}
	g.run(t, next[0])
	if next = g.handed(t, step.Answer); len(next) != 0 {
		t.Fatalf("the answer was queued for sending although records are overdue: %v", kinds(next))
	}
	if got := g.reload(t, r); got.Status != store.StatusReady {
		t.Fatalf("after answer: %s", got.Status)
	}
}
