// Package jobs carries Lethe's work: asynq task types, the worker that runs
// pipeline steps under a database lease, the reconciler that re-enqueues
// every pending step Redis has forgotten, and the periodic scheduler.
//
// The database is the source of truth: a step is committed as a row, then
// enqueued as a task whose TaskID is derived from the row id, so enqueuing
// the same step twice is harmless and losing Redis's contents loses nothing.
package jobs

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Task types ("noun:verb").
const (
	// TypeReconcileSteps re-enqueues pending steps that have no live task.
	TypeReconcileSteps = "steps:reconcile"
)

// Queue names.
const (
	QueueDefault     = "default"
	QueueMail        = "mail"
	QueueMaintenance = "maintenance"
)

// stepPayload is the body of every step task: only the row id.
type stepPayload struct {
	StepID int64 `json:"step_id"`
}

func taskID(stepID int64) string { return fmt.Sprintf("step-%d", stepID) }

func encodeStep(id int64) []byte {
	b, _ := json.Marshal(stepPayload{StepID: id})
	return b
}

func decodeStep(b []byte) (int64, error) {
	var p stepPayload
	if err := json.Unmarshal(b, &p); err != nil || p.StepID <= 0 {
		return 0, errors.New("task payload has no step id")
	}
	return p.StepID, nil
}

// Backoff is the delay before retry n (1-based): 10 s doubling, at most 1 h.
func Backoff(n int) time.Duration { return BackoffFrom(10 * time.Second)(n) }

// BackoffFrom is a backoff starting at base, doubling, at most one hour.
func BackoffFrom(base time.Duration) func(n int) time.Duration {
	return func(n int) time.Duration {
		if n < 1 {
			n = 1
		}
		if n > 20 {
			return time.Hour
		}
		d := base << (n - 1)
		if d > time.Hour || d <= 0 {
			d = time.Hour
		}
		return d
	}
}
