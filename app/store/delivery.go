package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Delivery statuses.
const (
	DeliveryAccepted  = "accepted"
	DeliveryIgnored   = "ignored"
	DeliveryMalformed = "malformed"
)

// Delivery is one webhook delivery, recorded before it is answered. The
// platform's delivery id is unique, and so per shop are the event it
// carries (EventID) and the platform's id of the data-subject request in it
// (ExternalID) when given: a repeat of any of them is recognised, so one
// event makes one request.
type Delivery struct {
	ID          int64
	Platform    string
	DeliveryID  string
	EventID     string // "": not given
	ExternalID  string // "": none
	ShopDomain  string
	Topic       string
	Status      string
	Error       string
	Body        []byte `json:"-"` // sealed; kept only for malformed deliveries
	RequestID   *int64
	ReceivedAt  time.Time
	ProcessedAt *time.Time
}

// TableName is webhook_deliveries.
func (Delivery) TableName() string { return "webhook_deliveries" }

// RecordDelivery inserts a delivery; a repeat of the same delivery id, or
// of its event or external id in the same shop, is ErrConflict. body, when given, is sealed.
func (s *Store) RecordDelivery(ctx context.Context, d *Delivery, body []byte) error {
	if body != nil {
		sealed, err := s.keys.Seal(purposeDelivery, body)
		if err != nil {
			return err
		}
		d.Body = sealed
	}
	if d.ReceivedAt.IsZero() {
		d.ReceivedAt = s.Now()
	}
	return translate(s.q(ctx).Create(d).Error)
}

// MarkDeliveryProcessed records when a delivery's work finished.
func (s *Store) MarkDeliveryProcessed(ctx context.Context, id int64) error {
	now := s.Now()
	return translate(s.q(ctx).Model(&Delivery{}).Where("id = ?", id).Update("processed_at", &now).Error)
}

// SetDeliveryRequest links a delivery to the request it created.
func (s *Store) SetDeliveryRequest(ctx context.Context, id, requestID int64) error {
	return translate(s.q(ctx).Model(&Delivery{}).Where("id = ?", id).Update("request_id", requestID).Error)
}

// Intake is what an accepted webhook stores before it is answered: its
// delivery, the request it creates, the request's audit event and its first
// step.
type Intake struct {
	Delivery *Delivery
	Request  *Request
	Event    *Event
	Step     *Step
	// Link fills in what depends on the request's id (the event's and the
	// step's request, the step's payload and dedupe key); RecordIntake calls
	// it once the id and the subject hash are known, before storing them.
	Link func(r *Request)
}

// RecordIntake stores an intake atomically and sets the ids of its rows. A
// delivery seen before (its delivery id, or its event or external id in the
// same shop) is ErrConflict and stores nothing. On Postgres
// it is one statement, so it needs no transaction of its own (and no BEGIN
// and COMMIT round trips); elsewhere it runs in a transaction.
func (s *Store) RecordIntake(ctx context.Context, in Intake) error {
	d, r, e, st := in.Delivery, in.Request, in.Event, in.Step
	if s.dialect != Postgres {
		return s.Tx(ctx, func(tx *Store) error {
			if err := tx.CreateRequest(ctx, r); err != nil {
				return err
			}
			in.Link(r)
			if err := tx.AddEvent(ctx, e); err != nil {
				return err
			}
			if _, err := tx.CreateStep(ctx, st); err != nil {
				return err
			}
			d.RequestID = &r.ID
			return tx.RecordDelivery(ctx, d, nil)
		})
	}
	if err := s.prepareRequest(r); err != nil {
		return err
	}
	id, err := s.nextRequestID(ctx)
	if err != nil {
		return err
	}
	now := s.Now()
	r.ID, r.CreatedAt, r.UpdatedAt = id, now, now
	in.Link(r)
	if e.At.IsZero() {
		e.At = now
	}
	st.prepare(now)
	st.CreatedAt, st.UpdatedAt = now, now
	if d.ReceivedAt.IsZero() {
		d.ReceivedAt = now
	}
	d.RequestID = &r.ID
	var platformDue any
	if r.PlatformDueAt != nil {
		platformDue = r.PlatformDueAt.String()
	}
	var dID, stID int64
	err = s.sqlConn(ctx).QueryRowContext(ctx, intakeSQL,
		d.Platform, d.DeliveryID, d.ShopDomain, d.Topic, d.Status, d.Error, r.ID, d.ReceivedAt, d.EventID, d.ExternalID,
		r.ShopID, r.Type, r.Source, r.Channel, r.Status, r.Partial, r.SubjectSealed, r.SubjectHash,
		r.ExternalID, r.Locale, r.Failure, r.ReceivedAt, r.DueAt.String(), r.ExtendedDueAt.String(), platformDue, now,
		e.ShopID, e.Actor, e.Action, e.Detail, e.SubjectHash, e.At,
		st.ShopID, st.Kind, st.Payload, st.Status, st.Attempts, st.MaxAttempts, st.LastError, st.DedupeKey, st.RunAfter,
		r.Initiator, r.Automatic, r.Receipt, r.CloseSystem,
	).Scan(&dID, &stID)
	if errors.Is(err, sql.ErrNoRows) { // the delivery or its event exists: nothing was stored
		return ErrConflict
	}
	if err != nil {
		// Not translated: ErrConflict must mean only "delivery seen before",
		// or a failed intake would be answered as a duplicate.
		return fmt.Errorf("store: intake: %w", err)
	}
	d.ID, st.ID = dID, stID
	return nil
}

// intakeSQL inserts the delivery (or nothing, when its delivery id, event
// id or external id exists: any unique index of webhook_deliveries) and, only
// when it was inserted, the request, its event and its first step. Foreign
// keys are checked at the end of the statement, so the delivery may name
// the request inserted beside it.
const intakeSQL = `
WITH d AS (
	INSERT INTO webhook_deliveries (platform, delivery_id, shop_domain, topic, status, error, request_id, received_at,
		event_id, external_id)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
	ON CONFLICT DO NOTHING
	RETURNING id
), r AS (
	INSERT INTO requests (id, shop_id, type, source, channel, status, partial, subject, subject_hash,
		external_id, locale, failure, received_at, due_at, extended_due_at, platform_due_at, created_at, updated_at,
		initiator, automatic, receipt, close_system)
	SELECT $7::bigint, $11::bigint, $12::text, $13::text, $14::text, $15::text, $16::boolean, $17::bytea, $18::text,
		$19::text, $20::text, $21::text, $22::timestamptz, $23::date, $24::date, $25::date, $26::timestamptz, $26::timestamptz,
		$42::text, $43::boolean, $44::text, $45::text
	FROM d
	RETURNING id
), e AS (
	INSERT INTO request_events (shop_id, request_id, actor, action, detail, subject_hash, at)
	SELECT $27::bigint, r.id, $28::text, $29::text, $30::text, $31::text, $32::timestamptz FROM r
), s AS (
	INSERT INTO steps (shop_id, request_id, kind, payload, status, attempts, max_attempts, last_error, dedupe_key,
		run_after, created_at, updated_at)
	SELECT $33::bigint, r.id, $34::text, $35::text, $36::text, $37::integer, $38::integer, $39::text, $40::text,
		$41::timestamptz, $26::timestamptz, $26::timestamptz FROM r
	RETURNING id
)
SELECT d.id, s.id FROM d, s`
