package mail_test

import (
	"context"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/jobs"
)

// Through the real worker and queue: a greylisting 451 is retried with
// backoff and the answer delivered once; a 550 fails the step and the
// e-mail at once, without retries.
func TestWorkerRetriesTemporaryAndStopsOnPermanent(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		rd, err := jobs.OpenRedis(ctx, testenv.Redis(t, testenv.MemoryRedis))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { rd.Close() })
		kinds := jobs.NewKinds()
		kinds.Register(step.Send, mail.HandleSend(g.st, g.snd, g.log), jobs.KindOptions{Queue: jobs.QueueMail, Timeout: time.Minute})
		q := jobs.NewQueue(rd, kinds)
		t.Cleanup(func() { q.Close() })
		w := jobs.NewWorker(rd, g.st, q, kinds, nil, g.log, jobs.WorkerOptions{
			Concurrency: 2, ShutdownTimeout: 5 * time.Second, RetryDelay: func(int) time.Duration { return 100 * time.Millisecond },
		})
		if err := w.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(w.Shutdown)

		sh := g.shop(t, "muster.myshopify.com")
		greylisted := g.request(t, sh, "de")
		e := g.draftAnswer(t, sh, greylisted, mail.AnswerLink{URL: link, Lifetime: lifetime})
		g.smtp.RejectNext(1, 451)
		step := g.queue(t, e)
		if err := q.Enqueue(ctx, step); err != nil {
			t.Fatal(err)
		}
		waitStep(t, g.st, step.ID, store.StepDone)
		if n := len(g.smtp.Messages()); n != 1 || g.smtp.RcptAttempts() != 2 {
			t.Fatalf("%d delivered after %d RCPT attempts, want 1 after 2", n, g.smtp.RcptAttempts())
		}
		if got, _ := g.st.GetStep(ctx, step.ID); got.Attempts != 2 {
			t.Fatalf("attempts %d", got.Attempts)
		}
		if got, _ := g.st.Request(ctx, sh.ID, greylisted.ID); got.Status != store.StatusAnswered {
			t.Fatalf("request %s", got.Status)
		}

		refused := g.request(t, sh, "en")
		e2 := g.draftAnswer(t, sh, refused, mail.AnswerLink{Negative: true})
		g.smtp.RejectNext(1, 550)
		step2 := g.queue(t, e2)
		if err := q.Enqueue(ctx, step2); err != nil {
			t.Fatal(err)
		}
		got := waitStep(t, g.st, step2.ID, store.StepFailed)
		if got.Attempts != 1 || got.LastError == "" {
			t.Fatalf("permanent failure: %+v", got)
		}
		assertNoPersonalData(t, "step error", got.LastError)
		if e := g.email(t, sh.ID, e2.ID); e.Status != store.EmailFailed {
			t.Fatalf("e-mail %s", e.Status)
		}
		if n := len(g.smtp.Messages()); n != 1 {
			t.Fatalf("%d messages", n)
		}
		assertNoPersonalData(t, "log", g.logs.String())
	})
}

func waitStep(t *testing.T, st *store.Store, id int64, status string) *store.Step {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second) // a hang guard
	for {
		s, err := st.GetStep(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if s.Status == status {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("step %d is %s (%q), want %s", id, s.Status, s.LastError, status)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
