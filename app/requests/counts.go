package requests

import (
	"context"
	"slices"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
)

// Counts are a shop's request figures for the admin panel's header.
type Counts struct {
	// Open: the deadline still runs (not answered, not completed).
	Open int64 `json:"open"`
	// DueThisWeek: open, due from today to Sunday of the shop's calendar
	// week (Monday to Sunday), not overdue.
	DueThisWeek int64 `json:"due_this_week"`
	// Overdue: open and the effective due date has passed.
	Overdue int64 `json:"overdue"`
	// MedianDaysToAnswer: over the latest MedianOf answered and completed
	// requests (by receipt), the median of the calendar days (shop's time
	// zone) from receipt to answered_at, else completed_at; null when none
	// is closed.
	MedianDaysToAnswer *float64 `json:"median_days_to_answer"`
}

// MedianOf is how many of the latest closed requests the median days to
// answer is taken over: the shop's recent practice, read in bounded time
// however long its history (the inbox of a shop with 10,000 requests
// renders within 50 ms).
const MedianOf = 1000

// CountRequests computes a shop's Counts at now.
func CountRequests(ctx context.Context, st *store.Store, sh *store.Shop, now time.Time) (Counts, error) {
	loc := sh.Location()
	today := store.ShopToday(now, loc)
	open := true
	sunday := today.AddDays((7 - int(today.Weekday())) % 7)
	afterSunday := sunday.AddDays(1)
	var c Counts
	var err error
	if c.Open, err = st.CountRequests(ctx, sh.ID, store.RequestFilter{Open: &open}); err != nil {
		return c, err
	}
	if c.Overdue, err = st.CountRequests(ctx, sh.ID, store.RequestFilter{Open: &open, DueBefore: &today}); err != nil {
		return c, err
	}
	if c.DueThisWeek, err = st.CountRequests(ctx, sh.ID, store.RequestFilter{Open: &open, DueFrom: &today, DueBefore: &afterSunday}); err != nil {
		return c, err
	}
	times, err := st.ClosedRequestTimes(ctx, sh.ID, MedianOf)
	if err != nil {
		return c, err
	}
	c.MedianDaysToAnswer = medianDays(times, loc)
	return c, nil
}

// medianDays is the median of the calendar days from receipt to answer.
func medianDays(times []store.RequestTimes, loc *time.Location) *float64 {
	days := make([]int, 0, len(times))
	for _, t := range times {
		end := t.AnsweredAt
		if end == nil {
			end = t.CompletedAt
		}
		if end == nil {
			continue
		}
		from, to := store.ShopToday(t.ReceivedAt, loc), store.ShopToday(*end, loc)
		days = append(days, int(to.Sub(from.Time).Hours()/24))
	}
	if len(days) == 0 {
		return nil
	}
	slices.Sort(days)
	m := float64(days[len(days)/2])
	if len(days)%2 == 0 {
		m = float64(days[len(days)/2-1]+days[len(days)/2]) / 2
	}
	return &m
}
