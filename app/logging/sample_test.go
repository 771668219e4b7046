package logging

import (
	"testing"
	"time"
)

func TestSamplerOncePerWindowPerKey(t *testing.T) {
	t0 := time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		at             time.Duration
		reason         string
		log            bool
		notLoggedCount int
	}{
		{0, "bad_signature", true, 0},
		{time.Second, "bad_signature", false, 0},
		{time.Second, "too_large", true, 0}, // another reason has its own window
		{59 * time.Second, "bad_signature", false, 0},
		{60 * time.Second, "bad_signature", true, 2}, // a new window: the two not logged are counted
		{61 * time.Second, "too_large", true, 0},
		{90 * time.Second, "bad_signature", false, 0},
		{10 * time.Minute, "bad_signature", true, 1},
	}
	var s Sampler
	for i, tt := range tests {
		log, n := s.Observe(tt.reason, t0.Add(tt.at))
		if log != tt.log || n != tt.notLoggedCount {
			t.Errorf("%d (%s at %v): log %v, not logged %d; want %v, %d", i, tt.reason, tt.at, log, n, tt.log, tt.notLoggedCount)
		}
	}
}
