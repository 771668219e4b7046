package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm/clause"
)

// Step statuses.
const (
	StepPending = "pending"
	StepRunning = "running"
	StepDone    = "done"
	StepFailed  = "failed"
	// StepWaiting: the step waits for something outside Lethe (WaitReason
	// says what: a system to be reconnected); the reconciler leaves it
	// alone, and ResumeWaitingSteps makes it pending again (step_wait.go).
	StepWaiting = "waiting"
)

// Step is one unit of pipeline work. It is committed as a row before it is
// enqueued; Redis only carries it. A worker claims it with a lease, so two
// tasks for the same step never run it at once.
type Step struct {
	ID          int64
	ShopID      *int64
	RequestID   *int64
	Kind        string // the asynq task type, e.g. "request:discover"
	Payload     string // JSON without personal data
	Status      string
	Attempts    int
	Claims      int64 // the fencing token: counted up by every claim, never back
	MaxAttempts int
	LastError   string
	WaitReason  string // StepWaiting: what it waits for ("reconnect:woocommerce")
	DedupeKey   *string
	RunAfter    time.Time
	LeaseUntil  *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
	DoneAt      *time.Time
}

// CreateStep records a step. With a DedupeKey that exists already, the
// existing step is loaded into st and created is false.
func (s *Store) CreateStep(ctx context.Context, st *Step) (created bool, err error) {
	st.prepare(s.Now())
	if st.DedupeKey == nil {
		return true, translate(s.q(ctx).Create(st).Error)
	}
	res := s.q(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "dedupe_key"}}, DoNothing: true}).Create(st)
	if res.Error != nil {
		return false, translate(res.Error)
	}
	if res.RowsAffected == 1 {
		return true, nil
	}
	err = s.q(ctx).Where("dedupe_key = ?", *st.DedupeKey).Take(st).Error
	return false, translate(err)
}

// prepare fills the defaults of a new step.
func (st *Step) prepare(now time.Time) {
	if st.Status == "" {
		st.Status = StepPending
	}
	if st.Payload == "" {
		st.Payload = "{}"
	}
	if st.MaxAttempts == 0 {
		st.MaxAttempts = 10
	}
	if st.RunAfter.IsZero() {
		st.RunAfter = now
	}
	st.RunAfter = st.RunAfter.UTC()
}

// GetStep loads a step.
func (s *Store) GetStep(ctx context.Context, id int64) (*Step, error) {
	var st Step
	err := s.q(ctx).Where("id = ?", id).Take(&st).Error
	return &st, translate(err)
}

// ClaimStep atomically takes a pending step, or a running one whose lease has
// expired, and leases it until now+lease. ok is false when the step is done,
// failed, or leased by another worker. The claim's fencing token is the
// returned step's Claims (each claim counts one up; unlike Attempts it never
// goes back, not on a refund and not on the merchant's retry): pass that step to
// ExtendLease, CompleteStep, ReleaseStep and FailStep, which write only
// while the claim is still the step's latest.
func (s *Store) ClaimStep(ctx context.Context, id int64, lease time.Duration) (st *Step, ok bool, err error) {
	now := s.Now()
	until := now.Add(lease)
	res := s.q(ctx).Model(&Step{}).
		Where("id = ? AND (status = ? OR (status = ? AND lease_until < ?))", id, StepPending, StepRunning, now).
		Updates(map[string]any{
			"status": StepRunning, "lease_until": until, "attempts": clause.Expr{SQL: "attempts + 1"}, "claims": clause.Expr{SQL: "claims + 1"}, "updated_at": now,
		})
	if res.Error != nil {
		return nil, false, translate(res.Error)
	}
	if res.RowsAffected == 0 {
		return nil, false, nil
	}
	st, err = s.GetStep(ctx, id)
	return st, err == nil, err
}

// CompleteStep marks the claimed step done. Inside a handler's transaction
// it commits the step's effects with its completion; ErrLeaseLost (another
// worker claimed the step since) rolls them back. Calling it again under
// the same claim is harmless.
func (s *Store) CompleteStep(ctx context.Context, claimed *Step) error {
	now := s.Now()
	res := s.q(ctx).Model(&Step{}).Where(owned(claimed)).
		Updates(map[string]any{"status": StepDone, "lease_until": nil, "done_at": now, "updated_at": now, "last_error": ""})
	if err := fenced(res); !errors.Is(err, ErrLeaseLost) {
		return err
	}
	var n int64 // completed before under this claim?
	err := s.q(ctx).Model(&Step{}).Where("id = ? AND status = ? AND claims = ?", claimed.ID, StepDone, claimed.Claims).Count(&n).Error
	if err != nil {
		return translate(err)
	}
	if n == 1 {
		return nil
	}
	return ErrLeaseLost
}

// ReleaseStep puts the claimed step back to pending, to run after retryAt;
// errMsg (no personal data) is kept for the merchant. refund gives back the
// attempt (the run was interrupted by a shutdown, not failed).
// ErrLeaseLost: another worker claimed the step since.
func (s *Store) ReleaseStep(ctx context.Context, claimed *Step, retryAt time.Time, errMsg string, refund bool) error {
	cols := map[string]any{"status": StepPending, "lease_until": nil, "run_after": retryAt.UTC(), "updated_at": s.Now()}
	if errMsg != "" {
		cols["last_error"] = errMsg
	}
	if refund {
		cols["attempts"] = clause.Expr{SQL: "CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END"}
	}
	return fenced(s.q(ctx).Model(&Step{}).Where(owned(claimed)).Updates(cols))
}

// FailStep marks the claimed step failed for good. ErrLeaseLost: another
// worker claimed the step since.
func (s *Store) FailStep(ctx context.Context, claimed *Step, errMsg string) error {
	return fenced(s.q(ctx).Model(&Step{}).Where(owned(claimed)).
		Updates(map[string]any{"status": StepFailed, "lease_until": nil, "last_error": errMsg, "updated_at": s.Now()}))
}

// RetryStep puts a failed step back to pending with fresh attempts (the
// merchant pressed "retry").
func (s *Store) RetryStep(ctx context.Context, id int64) error {
	res := s.q(ctx).Model(&Step{}).Where("id = ? AND status = ?", id, StepFailed).
		Updates(map[string]any{"status": StepPending, "attempts": 0, "run_after": s.Now(), "updated_at": s.Now()})
	if res.Error == nil && res.RowsAffected == 0 {
		return ErrConflict
	}
	return translate(res.Error)
}

// OpenSteps lists steps that need a live task: pending ones, and running ones
// whose lease ran out (their worker died). Ordered by id, after afterID.
func (s *Store) OpenSteps(ctx context.Context, afterID int64, limit int) ([]Step, error) {
	var sts []Step
	err := s.q(ctx).
		Where("id > ? AND (status = ? OR (status = ? AND lease_until < ?))", afterID, StepPending, StepRunning, s.Now()).
		Order("id").Limit(limit).Find(&sts).Error
	return sts, translate(err)
}

// StepsOf lists the steps of a request, oldest first.
func (s *Store) StepsOf(ctx context.Context, requestID int64) ([]Step, error) {
	var sts []Step
	err := s.q(ctx).Where("request_id = ?", requestID).Order("id").Find(&sts).Error
	return sts, translate(err)
}

// StepCounts counts steps by status (for metrics).
func (s *Store) StepCounts(ctx context.Context) (map[string]int64, error) {
	var rows []struct {
		Status string
		N      int64
	}
	err := s.q(ctx).Model(&Step{}).Select("status, count(*) AS n").Group("status").Scan(&rows).Error
	out := map[string]int64{StepPending: 0, StepRunning: 0, StepDone: 0, StepFailed: 0, StepWaiting: 0}
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out, translate(err)
}
