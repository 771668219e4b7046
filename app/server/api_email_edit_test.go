package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// PATCH /api/requests/:id/emails/:email_id edits a draft (the HTML made
// from the text, audited without the words); another shop's is 404, an
// empty one 422, a queued one 409.
func TestEmailEditAPI(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			g := &emailsRig{st: testenv.Store(t, dialect)}
			a, b := emailsShop(t, g.st, "a.myshopify.com"), emailsShop(t, g.st, "b.myshopify.com")
			srv := server.New(server.Deps{Log: logging.New(io.Discard, "json", "info")})
			server.NewAPI(g.st, func(context.Context, ...*store.Step) error { return nil }, nil, nil).
				Mount(srv.Echo().Group("/api", emailsSession(map[string]*store.Shop{"a": a, "b": b})))
			g.ts = httptest.NewServer(srv.Handler())
			defer g.ts.Close()
			r, e := emailsRequestWithDraft(t, g.st, a)
			path := fmt.Sprintf("/api/requests/%d/emails/%d", r.ID, e.ID)

			if code, m := g.send(t, "PATCH", "b", path, map[string]string{"subject": "x", "body_text": "y"}); code != 404 {
				t.Errorf("shop b: %d %v", code, m)
			}
			if code, m := g.send(t, "PATCH", "a", path, map[string]string{"subject": " ", "body_text": "y"}); code != 422 || !strings.HasPrefix(errCode(m), "invalid_edit") {
				t.Errorf("empty subject: %d %v", code, m)
			}
			code, m := g.send(t, "PATCH", "a", path, map[string]string{"subject": "Ihre Auskunft", "body_text": "Hallo,\n\nsiehe https://lethe.example/r/t"})
			if code != 200 || m["subject"] != "Ihre Auskunft" || !strings.Contains(m["body_html"].(string), `<a href="https://lethe.example/r/t">`) || m["status"] != "draft" {
				t.Fatalf("edit: %d %v", code, m)
			}
			evs, _ := g.st.Events(context.Background(), a.ID, r.ID)
			if last := evs[len(evs)-1]; last.Action != "email.edited" || last.Detail != fmt.Sprintf("email=%d kind=access_answer", e.ID) {
				t.Errorf("audit: %+v", last)
			}
			if code, _ := g.post(t, "a", path+"/send", nil); code != 202 {
				t.Fatalf("send: %d", code)
			}
			if code, m := g.send(t, "PATCH", "a", path, map[string]string{"subject": "x", "body_text": "y"}); code != 409 || !strings.HasPrefix(errCode(m), "not_draft") {
				t.Errorf("edit of a queued e-mail: %d %v", code, m)
			}
		})
	}
}
