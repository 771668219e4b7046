package logging

import (
	"sync"
	"time"
)

// Sampler lets the first event of each key per window through and counts
// the rest; the count is reported with the next event let through. It keeps
// floods of rejected or refused requests from writing a line each.
type Sampler struct {
	Window time.Duration // default one minute

	mu    sync.Mutex
	byKey map[string]*sampleWindow
}

type sampleWindow struct {
	start time.Time
	count int // events in the window, the logged one included
}

// Observe records an event of key at now: log reports whether to log it,
// suppressed how many events of key since the last one logged were not.
func (s *Sampler) Observe(key string, now time.Time) (log bool, suppressed int) {
	window := s.Window
	if window <= 0 {
		window = time.Minute
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byKey == nil {
		s.byKey = map[string]*sampleWindow{}
	}
	w := s.byKey[key]
	if w == nil {
		if len(s.byKey) > 10000 { // keys are fixed words and routes; never grow without bound
			s.byKey = map[string]*sampleWindow{}
		}
		s.byKey[key] = &sampleWindow{start: now, count: 1}
		return true, 0
	}
	if now.Sub(w.start) >= window {
		suppressed = w.count - 1
		w.start, w.count = now, 1
		return true, suppressed
	}
	w.count++
	return false, 0
}
