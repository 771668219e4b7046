package requests

import (
	"context"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
)

// DueWeek is one week of the inbox's chart: the open requests falling due
// from From to To (both inclusive, days of the shop's calendar).
type DueWeek struct {
	From, To store.Day
	N        int64
}

// DueWeeks counts a shop's open requests per calendar week (Monday to
// Sunday) for n weeks from the week of now on the shop's calendar; the
// first week starts today (what is already overdue is Counts.Overdue), so
// it counts what Counts.DueThisWeek counts.
func DueWeeks(ctx context.Context, st *store.Store, sh *store.Shop, now time.Time, n int) ([]DueWeek, error) {
	weeks := Weeks(store.ShopToday(now, sh.Location()), n)
	if len(weeks) == 0 {
		return weeks, nil
	}
	days, err := st.OpenDueDays(ctx, sh.ID, weeks[0].From, weeks[len(weeks)-1].To.AddDays(1))
	if err != nil {
		return nil, err
	}
	FillWeeks(weeks, days)
	return weeks, nil
}

// Weeks are n empty chart weeks from today: the first from today to
// Sunday, then whole weeks Monday to Sunday.
func Weeks(today store.Day, n int) []DueWeek {
	out := make([]DueWeek, 0, max(n, 0))
	from := today
	for range n {
		sunday := from.AddDays((7 - int(from.Weekday())) % 7)
		out = append(out, DueWeek{From: from, To: sunday})
		from = sunday.AddDays(1)
	}
	return out
}

// FillWeeks adds each day's count to the week it falls in; days outside
// every week are left out.
func FillWeeks(weeks []DueWeek, days []store.DueCount) {
	for _, d := range days {
		for i := range weeks {
			if !d.Due.Before(weeks[i].From.Time) && !d.Due.After(weeks[i].To.Time) {
				weeks[i].N += d.N
				break
			}
		}
	}
}
