package main

import (
	"fmt"
	"io"

	"github.com/lethe-gdpr/lethe/app/store"
)

// printDemoIntro tells the visitor where to go, how to get in and what is
// about to happen.
func printDemoIntro(w io.Writer, d *demoRun) {
	fmt.Fprintf(w, `
Lethe demo: everything runs in this process, nothing leaves this machine.

  Panel:   %s/app
`, d.base)
	if d.login.Link != "" {
		fmt.Fprintf(w, "  Login:   %s\n           (a one-time link for %s: open it, choose a password, you are in)\n", d.login.Link, d.login.Email)
	} else {
		fmt.Fprintf(w, `  Login:   not available in this build (%s).
           Use the admin API with this token instead:
             curl -H 'Authorization: Bearer %s' %s/api/requests
`, d.login.Problem, d.login.APIToken, d.base)
	}
	fmt.Fprintf(w, `  Shop:    %s (%s), installed from the Shopify emulator
  Mail:    caught in-process; read it in the panel under "Mailbox (demo)" (%s/app/mail)

What happens now: Shopify sends two requests as signed webhooks, as for a real shop.
  1. customers/data_request: %s asks which data the shop holds (Art. 15 GDPR).
     Lethe collects the customer record and every order, guest orders included,
     and drafts the answer for you to review and send.
  2. customers/redact: %s's data is to be erased (Art. 17 GDPR).
     Lethe keeps in its archive what tax and commercial law require the shop
     to keep, and confirms the erasure to the customer by e-mail.
You (%s) get a notice of each new request.

Press Ctrl-C to stop; the demo's data, in a temporary folder, is deleted.
`, demoShop.Company, demoDomain, d.base, d.people.accessName, d.people.erasureName, d.shop.Email)
}

// printDemoOutcome says where each request stands.
func printDemoOutcome(w io.Writer, d *demoRun) {
	for i := range d.reqs {
		r := &d.reqs[i]
		fmt.Fprintf(w, "  request %d (%s): %s\n", r.ID, r.Type, demoStatusText(r))
	}
	fmt.Fprintf(w, "  e-mails caught so far: %d\n", len(d.smtp.Messages()))
}

// demoStatusText says what a request's status means for the visitor.
func demoStatusText(r *store.Request) string {
	switch r.Status {
	case store.StatusReady:
		return "answer ready: review it and send it in the panel"
	case store.StatusAnswered:
		return "answered"
	case store.StatusCompleted:
		return "erased and confirmed"
	case store.StatusAwaitingReview:
		return "erasure plan waiting for your approval"
	case store.StatusNeedsSetup:
		return "waiting for the shop's setup"
	case store.StatusIdentityUnverified:
		return "held: its details belong to different people; resolve it in the panel"
	case store.StatusFailed:
		return "failed: see the panel"
	}
	return r.Status
}
