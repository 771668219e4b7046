// Package step names Lethe's step kinds and holds the one payload every
// step carries. It is a leaf, so that intake (app/requests), the mailer
// (app/mail), the worker (jobs) and the pipeline can all create and read
// steps; which kind follows which, and who runs it, is the table in
// app/pipeline/way.go.
package step

import (
	"encoding/json"
	"fmt"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Step kinds: asynq task types ("noun:verb") and the steps table's kind
// column. Never rename one: stored steps keep their kind.
const (
	Discover = "request:discover" // every connected system: what does it hold about the subject
	Answer   = "request:answer"   // access: classify, report, link, reply draft → ready
	Plan     = "request:plan"     // erasure: the rules core's plan → awaiting review or approved
	Archive  = "request:archive"  // erasure: keep what the law requires, restricted
	Erase    = "request:erase"    // erasure: one per system
	Confirm  = "request:confirm"  // erasure: confirmation, Art. 19 notice, Lethe forgets → completed
	// CloseSource tells the system a request came from that Lethe is done
	// (the answer or the erasure confirmation was sent), so that its own
	// record of the request closes (WordPress's privacy request).
	CloseSource = "source:close"
	Send        = "email:send"  // one e-mail
	RedactShop  = "shop:redact" // everything held for an uninstalled shop
)

// Payload is the body of every step: ids and facts, never personal data.
// Each kind uses the fields it needs.
type Payload struct {
	RequestID  int64              `json:"request_id,omitempty"`
	ShopID     int64              `json:"shop_id"`
	EmailID    int64              `json:"email_id,omitempty"`   // email:send
	System     string             `json:"system,omitempty"`     // request:erase: which system
	Found      bool               `json:"found,omitempty"`      // discovery found the person
	Recipients []answer.Recipient `json:"recipients,omitempty"` // learned by discovery
}

// New is the row of a new step of kind with payload p. Its dedupe key
// makes it once per request (and system), per e-mail, or per shop.
func New(kind string, p Payload) *store.Step {
	b, _ := json.Marshal(p)
	key := Key(kind, p)
	st := &store.Step{Kind: kind, Payload: string(b), DedupeKey: &key}
	if p.ShopID != 0 {
		st.ShopID = &p.ShopID
	}
	if p.RequestID != 0 {
		st.RequestID = &p.RequestID
	}
	return st
}

// Key is the dedupe key of a step of kind with payload p: kind and the id
// it is about (the e-mail, the request and system, the request, the shop).
func Key(kind string, p Payload) string {
	switch {
	case p.EmailID != 0:
		return fmt.Sprintf("%s:%d", kind, p.EmailID)
	case p.RequestID != 0 && p.System != "":
		return fmt.Sprintf("%s:%d:%s", kind, p.RequestID, p.System)
	case p.RequestID != 0:
		return fmt.Sprintf("%s:%d", kind, p.RequestID)
	}
	return fmt.Sprintf("%s:%d", kind, p.ShopID)
}

// Read decodes st's payload. A payload without a shop is a permanent
// failure: no retry can make one up.
func Read(st *store.Step) (Payload, error) {
	var p Payload
	if err := json.Unmarshal([]byte(st.Payload), &p); err != nil || p.ShopID == 0 {
		return p, fault.Permanent(fmt.Errorf("%s step %d has no valid payload", st.Kind, st.ID))
	}
	return p, nil
}
