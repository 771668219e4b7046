package jobs

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"
)

// Scheduler enqueues periodic tasks. Several may run (one per worker
// process); each periodic task is enqueued with a uniqueness window, so it
// runs once per period however many schedulers there are.
type Scheduler struct {
	s *asynq.Scheduler
}

// NewScheduler registers the built-in periodic tasks.
func NewScheduler(r *Redis, log *slog.Logger, reconcileEvery time.Duration) (*Scheduler, error) {
	s := &Scheduler{s: asynq.NewScheduler(r.Opt, &asynq.SchedulerOpts{
		Location: time.UTC, Logger: asynqLogger{log}, LogLevel: asynq.WarnLevel,
	})}
	if err := s.Every(reconcileEvery, TypeReconcileSteps); err != nil {
		return nil, err
	}
	return s, nil
}

// Every enqueues taskType once per period.
func (s *Scheduler) Every(period time.Duration, taskType string, opts ...asynq.Option) error {
	// asynq refuses uniqueness windows under a second.
	window := max(period/2, time.Second)
	opts = append([]asynq.Option{asynq.Queue(QueueMaintenance), asynq.MaxRetry(0), asynq.Unique(window)}, opts...)
	_, err := s.s.Register(fmt.Sprintf("@every %s", period), asynq.NewTask(taskType, nil), opts...)
	return err
}

// Cron enqueues taskType on a cron spec (UTC), e.g. "15 2 * * *".
func (s *Scheduler) Cron(spec, taskType string, opts ...asynq.Option) error {
	opts = append([]asynq.Option{asynq.Queue(QueueMaintenance), asynq.MaxRetry(3)}, opts...)
	_, err := s.s.Register(spec, asynq.NewTask(taskType, nil), opts...)
	return err
}

// Start runs the scheduler in the background.
func (s *Scheduler) Start() error { return s.s.Start() }

// Shutdown stops it.
func (s *Scheduler) Shutdown() { s.s.Shutdown() }
