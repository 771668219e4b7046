package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/store"
)

// TypePurgeArchive deletes archived records whose retention ended.
const TypePurgeArchive = "archive:purge"

// PurgeSchedule runs the purge daily at 02:15 UTC (03:15/04:15 in Berlin).
const PurgeSchedule = "15 2 * * *"

// PurgeZone is the zone whose calendar day decides "after retain_until":
// a record kept until 31 Dec is purged from 1 Jan in Germany and Austria.
var PurgeZone, _ = time.LoadLocation("Europe/Berlin")

// HandlePurge deletes, in batches of short transactions, every archived
// record whose retain_until lies before today and that is not on legal hold
// (§147(3) AO), and the records of erasure requests completed before the
// year mail.RequestRecordYears back (what the erasure confirmation
// promises), and records the run with its counts. Exactly one purge runs
// per day, however many workers receive the task: the day's row is the claim.
func HandlePurge(st *store.Store, now func() time.Time, log *slog.Logger, batch int) func(ctx context.Context, _ *asynq.Task) error {
	return func(ctx context.Context, _ *asynq.Task) error {
		today := gdpr.FromTime(now(), PurgeZone)
		day := store.DayOf(today.Year(), today.Month(), today.Day())
		run, ok, err := st.ClaimPurge(ctx, day, time.Hour)
		if err != nil || !ok {
			return err
		}
		for {
			n, err := st.PurgeBatch(ctx, day, batch)
			if err != nil {
				return err
			}
			run.Purged += n
			run.Batches++
			if n < int64(batch) {
				break
			}
		}
		// What erased requests leave (the record that they were handled) goes
		// once the year of completion plus mail.RequestRecordYears is over.
		cutoff := gdpr.MustDate(today.Year()-mail.RequestRecordYears, time.January, 1).Time(PurgeZone)
		records := int64(0)
		for {
			n, err := st.PurgeRequestRecords(ctx, cutoff, batch)
			if err != nil {
				return err
			}
			records += n
			if n < int64(batch) {
				break
			}
		}
		if run.Held, err = st.HeldPastDate(ctx, day); err != nil {
			return err
		}
		if err := st.FinishPurge(ctx, run); err != nil {
			return err
		}
		log.Info("archive purged", "day", day.String(), "purged", run.Purged, "held", run.Held, "batches", run.Batches,
			"request_records", records)
		return nil
	}
}
