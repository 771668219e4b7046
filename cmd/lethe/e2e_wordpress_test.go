package main

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/mail/mailtest"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

// wpStack is the running binary with a connected German sample store
// (wooStack: connected from a fresh install, the emulator's companion
// plugin holding the shop's secret) whose plugin also holds Lethe's
// webhook URL.
type wpStack struct {
	*wooStack
	anna wctest.Sample
	shop *store.Shop
	st   *store.Store
}

func startWPStack(t *testing.T) *wpStack {
	t.Helper()
	w := &wpStack{wooStack: startWooStack(t, wctest.Options{}, nil), st: openStore(t)}
	w.anna = w.emu.SeedGerman()
	var err error
	if w.shop, err = w.st.Shop(context.Background(), w.shopID); err != nil {
		t.Fatal(err)
	}
	w.emu.SetPluginWebhook(w.public + "/webhooks/woocommerce/" + strconv.FormatInt(w.shopID, 10))
	return w
}

// request is the shop's request with WordPress's request id wp, once it is
// there.
func (w *wpStack) request(t *testing.T, wp int64) *store.Request {
	t.Helper()
	rs, err := w.st.ListRequests(context.Background(), w.shop.ID, store.RequestFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for i := range rs {
		if rs[i].ExternalID == strconv.FormatInt(wp, 10) {
			return w.full(t, rs[i].ID)
		}
	}
	return nil
}

func (w *wpStack) full(t *testing.T, id int64) *store.Request {
	t.Helper()
	r, err := w.st.Request(context.Background(), w.shop.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// wait polls until ok holds (a hang guard, not a performance limit).
func wait(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not reached", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestE2EWordPressPrivacyRequest: a person confirms an access request in
// WordPress; the plugin (the emulator's) delivers it to the running
// binary, which counts it from the day she asked and drafts the answer to
// the address she confirmed; once the merchant sent it, Lethe marks the
// WordPress request completed through the plugin.
func TestE2EWordPressPrivacyRequest(t *testing.T) {
	w := startWPStack(t)
	ctx := context.Background()
	asked := time.Now().Add(-50 * time.Hour).UTC().Truncate(time.Second)
	wp := w.emu.CreatePrivacyRequest(woocommerce.ActionExport, w.anna.AnnaEmail)
	w.emu.SetPrivacyRequestDate(wp, asked)
	d, ok := w.emu.ConfirmPrivacyRequest(wp)
	if !ok || d.Status != http.StatusOK || !strings.Contains(d.Body, `"accepted"`) {
		t.Fatalf("delivery: %+v", d)
	}
	var r *store.Request
	wait(t, "the request is ready", func() bool {
		r = w.request(t, wp)
		return r != nil && (r.Status == store.StatusReady || r.Status == store.StatusFailed)
	})
	if r.Type != store.TypeAccess || r.Status != store.StatusReady || !r.ReceivedAt.Equal(asked) || r.Channel != woocommerce.ChannelWordPress {
		t.Fatalf("request %+v", r)
	}
	if pr, _ := w.emu.PrivacyRequest(wp); pr.Status != wctest.RequestConfirmed {
		t.Fatalf("WordPress request completed before the answer was sent: %+v", pr)
	}
	var emails struct {
		Emails []struct {
			ID     int64  `json:"id"`
			Kind   string `json:"kind"`
			To     string `json:"to"`
			Status string `json:"status"`
		} `json:"emails"`
	}
	if code, _ := w.api("GET", "/api/requests/"+strconv.FormatInt(r.ID, 10)+"/emails", "", &emails); code != 200 {
		t.Fatalf("emails: %d", code)
	}
	var answer int64
	for _, e := range emails.Emails {
		if e.Kind == "access_answer" && e.To == w.anna.AnnaEmail {
			answer = e.ID
		}
	}
	if answer == 0 {
		t.Fatalf("no answer draft to the confirmed address: %+v", emails.Emails)
	}
	if code, _ := w.api("POST", "/api/requests/"+strconv.FormatInt(r.ID, 10)+"/emails/"+strconv.FormatInt(answer, 10)+"/send", "", nil); code >= 300 {
		t.Fatalf("send: %d", code)
	}
	wait(t, "the WordPress request is completed", func() bool {
		pr, _ := w.emu.PrivacyRequest(wp)
		return pr.Status == wctest.RequestCompleted
	})
	if r = w.request(t, wp); r.Status != store.StatusAnswered {
		t.Fatalf("request %s", r.Status)
	}
	if !slices.ContainsFunc(w.smtp.Messages(), func(m mailtest.Message) bool { return slices.Contains(m.To, w.anna.AnnaEmail) }) {
		t.Fatal("no answer to the confirmed address")
	}
	evs, err := w.st.Events(ctx, w.shop.ID, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(evs, func(e store.Event) bool { return e.Action == "source.closed" }) {
		t.Fatalf("no source.closed entry: %+v", evs)
	}
	// Discovery asked the plugin (find); Lethe being done told it once
	// (complete).
	var routes []string
	for _, c := range w.emu.PluginCalls() {
		routes = append(routes, c.Route)
	}
	if !slices.Equal(routes, []string{"find", "complete"}) {
		t.Fatalf("plugin calls %v, want find, complete", routes)
	}
}
