package pipeline

import (
	"errors"
	"regexp"
	"slices"
	"testing"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/jobs"
)

// The way is the truth about step kinds: stored steps keep their kind, the
// worker runs what it lists, and no step creates what it does not list.
func TestWay(t *testing.T) {
	var kinds []string
	for _, s := range Way {
		kinds = append(kinds, s.Kind)
	}
	// Stored rows and asynq tasks carry these names: never rename one.
	want := []string{
		"request:discover", "request:answer", "request:plan", "request:archive",
		"request:erase", "request:confirm", "email:send", "source:close", "shop:redact",
	}
	if !slices.Equal(kinds, want) {
		t.Fatalf("kinds %v, want %v", kinds, want)
	}

	noun := regexp.MustCompile(`^[a-z]+:[a-z]+$`)
	queues := []string{jobs.QueueDefault, jobs.QueueMail, jobs.QueueMaintenance}
	entries := []string{step.Discover, step.Send, step.RedactShop} // started by intake, the merchant, a webhook
	k := jobs.NewKinds()
	(&Pipeline{}).Register(k)
	seen := map[string]bool{}
	reached := map[string]bool{}
	for _, s := range Way {
		switch {
		case !noun.MatchString(s.Kind):
			t.Errorf("%s: not noun:verb", s.Kind)
		case seen[s.Kind]:
			t.Errorf("%s: listed twice", s.Kind)
		case s.Run == nil:
			t.Errorf("%s: no handler", s.Kind)
		case !slices.Contains(queues, s.Queue):
			t.Errorf("%s: queue %q is none of the worker's %v", s.Kind, s.Queue, queues)
		case s.Timeout <= 0:
			t.Errorf("%s: no timeout", s.Kind)
		case !k.Registered(s.Kind):
			t.Errorf("%s: not registered with the worker", s.Kind)
		}
		seen[s.Kind] = true
		for _, n := range s.Next {
			reached[n] = true
			if !slices.Contains(want, n) {
				t.Errorf("%s: next kind %s is not on the way", s.Kind, n)
			}
		}
	}
	for _, kind := range want {
		if !reached[kind] && !slices.Contains(entries, kind) {
			t.Errorf("%s: no step leads to it, and it is no entry", kind)
		}
	}
}

func TestFollows(t *testing.T) {
	tests := []struct {
		from, to string
		ok       bool
	}{
		{step.Discover, step.Answer, true},
		{step.Discover, step.Plan, true},
		{step.Discover, step.Send, true}, // the merchant's notice
		{step.Answer, step.Send, true},
		{step.Plan, step.Archive, true},
		{step.Archive, step.Erase, true},
		{step.Archive, step.Confirm, true}, // nothing outside Lethe to erase
		{step.Erase, step.Confirm, true},
		{step.Confirm, step.Send, true},
		{step.Discover, step.Erase, false}, // erasing needs a plan and an archive first
		{step.Answer, step.Plan, false},
		{step.Plan, step.Erase, false},
		{step.Erase, step.Erase, false},
		{step.Send, step.Send, false},
		{step.RedactShop, step.Discover, false},
		{"request:unknown", step.Answer, false},
	}
	for _, tt := range tests {
		err := follows(tt.from, tt.to)
		if (err == nil) != tt.ok {
			t.Errorf("%s → %s: err %v, want ok=%v", tt.from, tt.to, err, tt.ok)
		}
		if err != nil && !errors.Is(err, fault.ErrPermanent) {
			t.Errorf("%s → %s: %v is not permanent", tt.from, tt.to, err)
		}
	}
}
