package requests

import (
	"context"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
)

// DigestHorizon is how many days ahead the daily digest looks.
const DigestHorizon = 7

// digestLimit caps each section of a digest (the admin lists the rest).
const digestLimit = 100

// SetupMissing names what a shop still has to set up before its requests
// can be answered (the readiness check of the shop's settings); nil when
// nothing is missing. The digest lists it. NoSetupMissing stands in until
// readiness exists; wire the real check in its place.
type SetupMissing func(sh *store.Shop) []string

// NoSetupMissing reports nothing missing.
func NoSetupMissing(*store.Shop) []string { return nil }

// Digest is what the merchant's daily reminder says, on the shop's
// calendar day Day.
type Digest struct {
	Day store.Day
	// DueSoon: open requests due from today to DigestHorizon days ahead,
	// most urgent first.
	DueSoon []store.Request
	// Overdue: open requests whose effective due date has passed.
	Overdue []store.Request
	// Extend: open requests whose first deadline falls within the horizon
	// and that were not extended — an extension (Art. 12(3) GDPR) must be
	// announced before the first deadline, so now.
	Extend []store.Request
	// Missing: setup still missing (SetupMissing).
	Missing []string
}

// Empty reports a day with nothing to say.
func (d *Digest) Empty() bool {
	return len(d.DueSoon) == 0 && len(d.Overdue) == 0 && len(d.Extend) == 0 && len(d.Missing) == 0
}

// BuildDigest gathers a shop's digest at now.
func BuildDigest(ctx context.Context, st *store.Store, sh *store.Shop, now time.Time, missing SetupMissing) (*Digest, error) {
	today := store.ShopToday(now, sh.Location())
	end := today.AddDays(DigestHorizon + 1)
	open := true
	d := &Digest{Day: today}
	var err error
	list := func(f store.RequestFilter) ([]store.Request, error) {
		f.Open, f.Sort, f.Limit = &open, store.SortDueAsc, digestLimit
		return st.ListRequests(ctx, sh.ID, f)
	}
	if d.DueSoon, err = list(store.RequestFilter{DueFrom: &today, DueBefore: &end}); err != nil {
		return nil, err
	}
	if d.Overdue, err = list(store.RequestFilter{DueBefore: &today}); err != nil {
		return nil, err
	}
	if d.Extend, err = list(store.RequestFilter{DueFrom: &today, DueBefore: &end, NotExtended: true}); err != nil {
		return nil, err
	}
	if missing != nil {
		d.Missing = missing(sh)
	}
	return d, nil
}
