package jobs

import (
	"context"
	"slices"
	"time"

	"github.com/hibiken/asynq"

	"github.com/lethe-gdpr/lethe/app/metrics"
	"github.com/lethe-gdpr/lethe/app/store"
)

// RegisterMetrics adds queue depth (from Redis, by queue and state) and the
// work table's step counts (from the database) to m.
func RegisterMetrics(m *metrics.Metrics, r *Redis, st *store.Store) {
	insp := asynq.NewInspector(r.Opt)
	m.Registry.MustRegister(metrics.NewGaugeFunc("lethe_queue_depth",
		"Tasks in Redis by queue:state.", "queue_state",
		func() (map[string]float64, error) {
			out := map[string]float64{}
			known, err := insp.Queues()
			if err != nil {
				return nil, err
			}
			for _, q := range []string{QueueDefault, QueueMail, QueueMaintenance} {
				info := &asynq.QueueInfo{} // a queue no task has used yet
				if slices.Contains(known, q) {
					if info, err = insp.GetQueueInfo(q); err != nil {
						return nil, err
					}
				}
				out[q+":pending"] = float64(info.Pending)
				out[q+":active"] = float64(info.Active)
				out[q+":scheduled"] = float64(info.Scheduled)
				out[q+":retry"] = float64(info.Retry)
				out[q+":archived"] = float64(info.Archived)
			}
			return out, nil
		}))
	m.Registry.MustRegister(metrics.NewGaugeFunc("lethe_steps",
		"Pipeline steps in the work table by status.", "status",
		func() (map[string]float64, error) {
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			counts, err := st.StepCounts(ctx)
			out := map[string]float64{}
			for k, v := range counts {
				out[k] = float64(v)
			}
			return out, err
		}))
}
