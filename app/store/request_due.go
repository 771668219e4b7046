package store

import (
	"slices"
	"time"
)

// ClosedStatuses are the statuses in which a request is done: its deadline
// no longer runs, it is never overdue. Every other status is open (failed
// too: the answer is still owed). A new final status is added here.
var ClosedStatuses = []string{StatusAnswered, StatusCompleted, StatusRefused, StatusWithdrawn, StatusClosed}

// OpenStatuses are all the other statuses (a test in app/requests checks
// that the two lists hold every status of the state table once). Queries
// name them rather than "NOT IN ClosedStatuses", so that the index on
// (shop_id, status, effective due date) finds the open requests without
// reading the closed ones.
var OpenStatuses = []string{StatusReceived, StatusProcessing, StatusNeedsSetup, StatusIdentityUnverified, StatusReady, StatusAwaitingReview,
	StatusErasing, StatusFailed}

// IsOpen reports whether the request's deadline still runs.
func (r *Request) IsOpen() bool { return !slices.Contains(ClosedStatuses, r.Status) }

// effectiveDueColumn is the SQL of EffectiveDue; the two change together.
const effectiveDueColumn = "(CASE WHEN extended_at IS NOT NULL THEN extended_due_at ELSE due_at END)"

// EffectiveDue is the date a request must be answered by: its due date, or
// the extended one once the merchant extended it (Request.EffectiveDueAt).
func EffectiveDue(r *Request) Day { return r.EffectiveDueAt() }

// DaysLeft is how many calendar days remain until the request's effective
// due date as seen on the shop's calendar at now: 0 on the due date itself,
// negative when it has passed (-3: three days overdue).
func DaysLeft(r *Request, now time.Time, loc *time.Location) int {
	y, m, d := now.In(loc).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return int(EffectiveDue(r).Sub(today).Hours() / 24)
}

// ShopToday is the shop's calendar day at now.
func ShopToday(now time.Time, loc *time.Location) Day {
	y, m, d := now.In(loc).Date()
	return DayOf(y, m, d)
}

// AddDays is the day n days after d.
func (d Day) AddDays(n int) Day { return Day{d.Time.AddDate(0, 0, n)} }
