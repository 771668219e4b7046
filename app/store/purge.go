package store

import (
	"context"
	"time"

	"gorm.io/gorm/clause"
)

// PurgeRun records one day's purge of the archive.
type PurgeRun struct {
	ID         int64
	Day        Day
	StartedAt  time.Time
	FinishedAt *time.Time
	Purged     int64
	Held       int64
	Batches    int
}

// ClaimPurge takes the purge of day. It is false when another worker has it
// (finished, or started less than staleAfter ago).
func (s *Store) ClaimPurge(ctx context.Context, day Day, staleAfter time.Duration) (*PurgeRun, bool, error) {
	now := s.Now()
	run := &PurgeRun{Day: day, StartedAt: now}
	res := s.q(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "day"}}, DoNothing: true}).Create(run)
	if res.Error != nil {
		return nil, false, translate(res.Error)
	}
	if res.RowsAffected == 1 {
		return run, true, nil
	}
	// A run that started long ago and never finished (its worker died).
	res = s.q(ctx).Model(&PurgeRun{}).Where("day = ? AND finished_at IS NULL AND started_at < ?", day, now.Add(-staleAfter)).
		Update("started_at", now)
	if res.Error != nil || res.RowsAffected == 0 {
		return nil, false, translate(res.Error)
	}
	err := s.q(ctx).Where("day = ?", day).Take(run).Error
	return run, err == nil, translate(err)
}

// PurgeBatch deletes up to n archived records whose retain_until lies
// before day and that are not on legal hold, in one short transaction.
func (s *Store) PurgeBatch(ctx context.Context, day Day, n int) (int64, error) {
	return s.deleteBatch(ctx, "archive_entries", "retain_until < ? AND legal_hold = ?", []any{day, false}, n)
}

// HeldPastDate counts records past their date kept only by a legal hold.
func (s *Store) HeldPastDate(ctx context.Context, day Day) (int64, error) {
	var n int64
	err := s.q(ctx).Model(&ArchiveEntry{}).Where("retain_until < ? AND legal_hold = ?", day, true).Count(&n).Error
	return n, translate(err)
}

// FinishPurge records the counts of a run.
func (s *Store) FinishPurge(ctx context.Context, run *PurgeRun) error {
	now := s.Now()
	run.FinishedAt = &now
	return translate(s.q(ctx).Model(&PurgeRun{}).Where("id = ?", run.ID).
		Updates(map[string]any{"finished_at": now, "purged": run.Purged, "held": run.Held, "batches": run.Batches}).Error)
}

// PurgeRuns lists the runs, newest first.
func (s *Store) PurgeRuns(ctx context.Context, limit int) ([]PurgeRun, error) {
	var rs []PurgeRun
	err := s.q(ctx).Order("day DESC").Limit(limit).Find(&rs).Error
	return rs, translate(err)
}
