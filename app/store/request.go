package store

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"
)

// Request types.
const (
	TypeAccess  = "access"
	TypeErasure = "erasure"
)

// Request statuses (access: received → processing → ready → answered;
// erasure: received → processing → awaiting_review → erasing → completed).
const (
	StatusReceived       = "received"
	StatusProcessing     = "processing"
	StatusReady          = "ready"
	StatusAnswered       = "answered"
	StatusAwaitingReview = "awaiting_review"
	StatusErasing        = "erasing"
	StatusCompleted      = "completed"
	StatusFailed         = "failed"

	// Ended by the merchant before an answer: refused as manifestly
	// unfounded or excessive (Art. 12(5) GDPR), withdrawn by the person,
	// closed with a reason. The pipeline does not continue them.
	StatusRefused   = "refused"
	StatusWithdrawn = "withdrawn"
	StatusClosed    = "closed"
	// StatusNeedsSetup: the shop's setup lacks what the answer must name
	// (Request.SetupMissing lists it); the request continues once it is
	// complete, its deadline running from receipt all the while.
	StatusNeedsSetup = "needs_setup"
	// StatusIdentityUnverified: the request's e-mail address, customer id,
	// phone or order numbers belong to different people on the platform
	// (Request.IdentityMismatch names which); nothing is built or drafted
	// until the merchant verifies the identity (Art. 12(6) GDPR) or ends
	// the request. Its deadline runs from receipt all the while.
	StatusIdentityUnverified = "identity_unverified"
)

// Subject identifies the data subject. It is personal data and is stored
// sealed; only its keyed hash is searchable.
type Subject struct {
	CustomerID string   `json:"customer_id,omitempty"`
	Email      string   `json:"email,omitempty"`
	Phone      string   `json:"phone,omitempty"`
	Name       string   `json:"name,omitempty"`
	OrderIDs   []string `json:"order_ids,omitempty"`
	// AskedBy is the address the request came from when the answer goes
	// to another one: the contact the shop holds for the person (issue 12:
	// an answer goes only to a contact the shop already holds).
	AskedBy string `json:"asked_by,omitempty"`
}

// Request is one data-subject request.
type Request struct {
	ID            int64
	ShopID        int64
	Type          string
	Source        string // shopify, woocommerce, manual, form
	Channel       string // e-mail, letter, phone … (manual intake)
	Status        string
	Partial       bool
	Subject       Subject `gorm:"-"`
	SubjectSealed []byte  `gorm:"column:subject" json:"-"`
	SubjectHash   string
	ExternalID    string
	Locale        string
	Failure       string
	SetupMissing  string // needs_setup: the missing setup fields, comma-separated
	// IdentityMismatch: identity_unverified: the request's fields that
	// belong to another person than its e-mail address, comma-separated
	// (customer_id, phone, order_ids; field names only)
	IdentityMismatch string
	// WaitReason: a step of the request waits (store.StepWaiting) for
	// this: "reconnect:<system>" (WaitReconnect); "" while none waits. The
	// status stays what it was; the deadline runs on.
	WaitReason    string
	ReceivedAt    time.Time
	DueAt         Day
	ExtendedDueAt Day
	PlatformDueAt *Day
	ExtendedAt    *time.Time // the merchant extended the deadline (Art. 12(3)): ExtendedDueAt applies
	AnsweredAt    *time.Time
	CompletedAt   *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time

	// IdentityVerifiedAt is when the merchant marked the person's identity
	// verified (Art. 12(6)); nil while it is not.
	IdentityVerifiedAt *time.Time
	// ClosingReason is the merchant's reason for refusing or closing the
	// request, or the person's for withdrawing it; free text, sealed.
	ClosingReason       string `gorm:"-"`
	ClosingReasonSealed []byte `gorm:"column:closing_reason" json:"-"`
	// Note is the merchant's note on a request they entered by hand (how
	// it arrived, what was enclosed); free text, sealed, forgotten with
	// the subject.
	Note       string `gorm:"-"`
	NoteSealed []byte `gorm:"column:note" json:"-"`

	// Initiator is the system whose own request this is (a platform's
	// compliance webhook: its connector's system name, "shopify"); empty
	// when the request reached Lethe otherwise (entered by the merchant,
	// the form). That system erases its own data itself.
	Initiator string
	// Automatic: the initiator requires the request carried out without
	// the merchant's review (Shopify's customers/redact, due in 30 days);
	// its erasure plan is approved by policy and the confirmation sent at
	// once.
	Automatic bool
	// Receipt says whether ReceivedAt is the day the person asked: "" it
	// is; ReceiptUnknown: it is when a platform's delayed webhook arrived
	// (Shopify holds customers/redact back), the person asked earlier, on a
	// day the merchant has not recorded yet, so DueAt holds the platform's
	// limit (for sorting), not the legal due date; ReceiptRecorded: the
	// merchant recorded the day, and the due dates count from it.
	Receipt string
	// CloseSystem is the system (its connector's system name) that keeps
	// its own record of the request under ExternalID (WordPress's privacy
	// request, forwarded by the companion plugin) and is told when Lethe is
	// done with it (the step source:close); empty for none.
	CloseSystem string
}

// Receipt states (Request.Receipt).
const (
	ReceiptUnknown  = "unknown"
	ReceiptRecorded = "recorded"
)

// ReceiptKnown reports whether the day the person asked is known, and the
// due dates count from it.
func (r *Request) ReceiptKnown() bool { return r.Receipt != ReceiptUnknown }

// SubjectHash is the keyed hash of a normalised e-mail address (or, without
// one, of the platform customer id) that links requests of one person.
func (s *Store) SubjectHash(sub Subject) string {
	if e := strings.ToLower(strings.TrimSpace(sub.Email)); e != "" {
		return s.keys.Hash("subject.email", e)
	}
	if sub.CustomerID != "" {
		return s.keys.Hash("subject.customer", sub.CustomerID)
	}
	return ""
}

// CreateRequest stores a new request with its subject sealed.
func (s *Store) CreateRequest(ctx context.Context, r *Request) error {
	if err := s.prepareRequest(r); err != nil {
		return err
	}
	return translate(s.q(ctx).Create(r).Error)
}

// prepareRequest seals the subject and fills the defaults of a new request.
func (s *Store) prepareRequest(r *Request) error {
	sealed, err := s.sealJSON(purposeSubject, r.Subject)
	if err != nil {
		return err
	}
	r.SubjectSealed = sealed
	r.SubjectHash = s.SubjectHash(r.Subject)
	r.NoteSealed = nil
	if r.Note != "" {
		if r.NoteSealed, err = s.sealJSON(purposeNote, r.Note); err != nil {
			return err
		}
	}
	if r.Status == "" {
		r.Status = StatusReceived
	}
	r.ReceivedAt = r.ReceivedAt.UTC()
	return nil
}

// idPool holds request ids reserved from the Postgres sequence, so that an
// intake knows its request's id without a round trip of its own (one
// reservation serves requestIDBlock intakes). Ids stay increasing within a
// process; processes take interleaving blocks, and ids lost at exit are gaps,
// as with any sequence.
type idPool struct {
	mu  sync.Mutex
	ids []int64
}

const requestIDBlock = 32

// nextRequestID takes a request id from the pool, reserving a block when it
// is empty (Postgres only).
func (s *Store) nextRequestID(ctx context.Context) (int64, error) {
	p := s.reqIDs
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.ids) == 0 {
		rows, err := s.sqlConn(ctx).QueryContext(ctx,
			`SELECT nextval(pg_get_serial_sequence('requests', 'id')) FROM generate_series(1, $1) ORDER BY 1`, requestIDBlock)
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return 0, err
			}
			p.ids = append(p.ids, id)
		}
		if err := rows.Err(); err != nil {
			return 0, err
		}
		if len(p.ids) == 0 {
			return 0, errors.New("store: no request id reserved")
		}
	}
	id := p.ids[0]
	p.ids = p.ids[1:]
	return id, nil
}

// Request loads one request of a shop; another shop's id is ErrNotFound.
func (s *Store) Request(ctx context.Context, shopID, id int64) (*Request, error) {
	var r Request
	if err := s.q(ctx).Where("shop_id = ? AND id = ?", shopID, id).Take(&r).Error; err != nil {
		return nil, translate(err)
	}
	return &r, s.openRequest(&r)
}

// MoveRequestStatus is the state machine's write, for requests.Transition
// only (which checks the move against the state table and writes its audit
// entry): it moves a request from status from to status to, setting the
// columns of set as well, and is ErrConflict when the request is no longer
// in from (someone else moved it first).
func (s *Store) MoveRequestStatus(ctx context.Context, shopID, id int64, from, to string, set map[string]any) error {
	cols := map[string]any{}
	for k, v := range set {
		cols[k] = v
	}
	cols["status"], cols["updated_at"] = to, s.Now()
	res := s.q(ctx).Model(&Request{}).Where("shop_id = ? AND id = ? AND status = ?", shopID, id, from).Updates(cols)
	return s.conditionallyUpdated(ctx, res, shopID, id)
}

// conditionallyUpdated translates the result of an update of request id
// under a condition: no row changed is ErrNotFound when the shop has no
// such request, else ErrConflict (the condition no longer held).
func (s *Store) conditionallyUpdated(ctx context.Context, res *gorm.DB, shopID, id int64) error {
	if res.Error != nil {
		return translate(res.Error)
	}
	if res.RowsAffected == 0 {
		if _, err := s.Request(ctx, shopID, id); err != nil {
			return err
		}
		return ErrConflict
	}
	return nil
}

// errStatusColumn refuses a status written past the state machine.
var errStatusColumn = errors.New("store: a request's status changes only through requests.Transition")

// UpdateRequest saves the given columns of a request of a shop, except its
// status (requests.Transition moves it).
func (s *Store) UpdateRequest(ctx context.Context, shopID, id int64, cols map[string]any) error {
	if _, ok := cols["status"]; ok {
		return errStatusColumn
	}
	cols["updated_at"] = s.Now()
	res := s.q(ctx).Model(&Request{}).Where("shop_id = ? AND id = ?", shopID, id).Updates(cols)
	if res.Error == nil && res.RowsAffected == 0 {
		return ErrNotFound
	}
	return translate(res.Error)
}
