package store

import (
	"context"
	"strings"
)

// waitReconnect prefixes the wait reason of a step that waits for a
// system to be connected again.
const waitReconnect = "reconnect:"

// WaitReconnect is the wait reason of a step (and of its request) that
// waits for system to be connected again: the system refused the shop's
// credentials ("reconnect:woocommerce").
func WaitReconnect(system string) string { return waitReconnect + system }

// ReconnectSystem is the system whose reconnection reason waits for; ok is
// false for any other reason (or none).
func ReconnectSystem(reason string) (system string, ok bool) {
	system, ok = strings.CutPrefix(reason, waitReconnect)
	return system, ok && system != ""
}

// ParkStep puts the claimed step in waiting for reason, its lease given
// up; errMsg (no personal data) is kept as its last error. The reconciler
// does not offer a waiting step, and a stale task of it finds nothing to
// claim. Like CompleteStep it belongs in the transaction that records why
// the step waits. ErrLeaseLost: another worker claimed the step since.
func (s *Store) ParkStep(ctx context.Context, claimed *Step, reason, errMsg string) error {
	return fenced(s.q(ctx).Model(&Step{}).Where(owned(claimed)).Updates(map[string]any{
		"status": StepWaiting, "wait_reason": reason, "lease_until": nil, "last_error": errMsg, "updated_at": s.Now(),
	}))
}

// ResumeWaitingSteps makes every step of the shop that waits for reason
// pending again, to run now with fresh attempts (the failures before were
// the refused credentials'), and returns them, oldest first: enqueue them
// after the commit (the reconciler offers them anyway, they are pending).
// Each continues where its request stopped: the step that waited runs
// again, nothing before it does.
func (s *Store) ResumeWaitingSteps(ctx context.Context, shopID int64, reason string) ([]*Step, error) {
	var sts []*Step
	if err := s.q(ctx).Where("shop_id = ? AND status = ? AND wait_reason = ?", shopID, StepWaiting, reason).Order("id").Find(&sts).Error; err != nil {
		return nil, translate(err)
	}
	if len(sts) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(sts))
	for i, st := range sts {
		ids[i] = st.ID
	}
	now := s.Now()
	cols := map[string]any{"status": StepPending, "wait_reason": "", "attempts": 0, "run_after": now.UTC(), "updated_at": now}
	if err := s.q(ctx).Model(&Step{}).Where("id IN ? AND status = ?", ids, StepWaiting).Updates(cols).Error; err != nil {
		return nil, translate(err)
	}
	for _, st := range sts {
		st.Status, st.WaitReason, st.Attempts, st.RunAfter, st.UpdatedAt = StepPending, "", 0, now.UTC(), now
	}
	return sts, nil
}

// ClaimReconnectNotice marks the shop's reconnect notice as sent now and
// reports whether this call did it: false when the merchant was told
// already while its requests wait (one e-mail for every waiting request).
func (s *Store) ClaimReconnectNotice(ctx context.Context, shopID int64) (bool, error) {
	res := s.q(ctx).Model(&Shop{}).Where("id = ? AND reconnect_notice_at IS NULL", shopID).
		Updates(map[string]any{"reconnect_notice_at": s.Now(), "updated_at": s.Now()})
	return res.RowsAffected == 1, translate(res.Error)
}

// ClearReconnectNotice ends the episode once the shop is connected again:
// the next refusal is told again.
func (s *Store) ClearReconnectNotice(ctx context.Context, shopID int64) error {
	return translate(s.q(ctx).Model(&Shop{}).Where("id = ? AND reconnect_notice_at IS NOT NULL", shopID).
		Updates(map[string]any{"reconnect_notice_at": nil}).Error)
}

// WaitReasonOf is the wait reason of a step of the request that still
// waits (the oldest), "" when none does.
func (s *Store) WaitReasonOf(ctx context.Context, requestID int64) (string, error) {
	var reasons []string
	err := s.q(ctx).Model(&Step{}).Where("request_id = ? AND status = ?", requestID, StepWaiting).Order("id").Limit(1).Pluck("wait_reason", &reasons).Error
	if err != nil || len(reasons) == 0 {
		return "", translate(err)
	}
	return reasons[0], nil
}
