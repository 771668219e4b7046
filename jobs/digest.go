package jobs

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// TypeSendDigest sends each shop's daily digest to its merchant.
const TypeSendDigest = "digest:send"

// DigestSchedule runs the digests daily at 06:00 UTC (07:00/08:00 in Berlin).
const DigestSchedule = "0 6 * * *"

// Digests are the dependencies of HandleDigest.
type Digests struct {
	Store *store.Store
	Now   func() time.Time
	Log   *slog.Logger
	// AppURL is Lethe's public base URL: the panel's links are
	// AppURL/app/… unless MerchantURL decides otherwise.
	AppURL string
	// MerchantURL makes the links to the panel's pages per shop (opened
	// inside the platform's admin where the shop has one); nil:
	// mail.MerchantLinks(AppURL).
	MerchantURL mail.MerchantURL
	// SetupMissing names a shop's missing setup (requests.NoSetupMissing
	// until readiness exists).
	SetupMissing requests.SetupMissing
	// Enqueue hands the committed email:send steps to the queue.
	Enqueue func(ctx context.Context, steps ...*store.Step) error
}

func (d Digests) links() mail.MerchantURL {
	if d.MerchantURL != nil {
		return d.MerchantURL
	}
	return mail.MerchantLinks(d.AppURL)
}

// errDigestTaken rolls back a digest another worker sent first.
var errDigestTaken = errors.New("digest taken")

// HandleDigest sends, for every active shop with something to say, one
// digest e-mail on the shop's local day: requests due within 7 days,
// overdue ones, extensions to announce now, setup still missing
// (requests.BuildDigest). A quiet day sends nothing. The day's row in
// digest_runs commits with the e-mail and its email:send step, so however
// many workers run the task, each shop gets one digest a day. A shop whose
// digest fails is logged and the others still get theirs; the task fails
// (and is retried) only when the shops cannot be listed.
func (d Digests) HandleDigest(ctx context.Context, _ *asynq.Task) error {
	shops, err := d.Store.ActiveShops(ctx)
	if err != nil {
		return err
	}
	var sent int
	for i := range shops {
		ok, err := d.SendDigest(ctx, &shops[i])
		if err != nil {
			d.Log.Error("digest failed", "shop_id", shops[i].ID, "err", err)
			continue
		}
		if ok {
			sent++
		}
	}
	d.Log.Info("digests sent", "shops", len(shops), "sent", sent)
	return nil
}

// SendDigest drafts and queues sh's digest of today; false when there was
// nothing to say, no one to tell, or the day's digest was sent already.
func (d Digests) SendDigest(ctx context.Context, sh *store.Shop) (bool, error) {
	dg, err := requests.BuildDigest(ctx, d.Store, sh, d.Now(), d.SetupMissing)
	if err != nil || dg.Empty() {
		return false, err
	}
	var st *store.Step
	err = d.Store.Tx(ctx, func(tx *store.Store) error {
		e, err := mail.DraftDigest(ctx, tx, sh, dg, d.links())
		if err != nil {
			return err
		}
		ok, err := tx.ClaimDigest(ctx, sh.ID, dg.Day, &e.ID)
		if err != nil {
			return err
		}
		if !ok {
			return errDigestTaken
		}
		st, err = mail.QueueSend(ctx, tx, e)
		return err
	})
	if errors.Is(err, errDigestTaken) || errors.Is(err, mail.ErrNoRecipient) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if d.Enqueue != nil {
		if err := d.Enqueue(ctx, st); err != nil {
			d.Log.Warn("digest step not enqueued; the reconciler will", "shop_id", sh.ID, "err", err)
		}
	}
	return true, nil
}
