package requests

import (
	"slices"
	"testing"

	"github.com/lethe-gdpr/lethe/app/store"
)

// Every status of the state table is either open or closed, never both:
// the store's queries for open requests name store.OpenStatuses.
func TestEveryStatusIsOpenOrClosed(t *testing.T) {
	for s := range moves {
		open, closed := slices.Contains(store.OpenStatuses, s), slices.Contains(store.ClosedStatuses, s)
		if open == closed {
			t.Errorf("status %s: open %t, closed %t", s, open, closed)
		}
	}
	if n := len(store.OpenStatuses) + len(store.ClosedStatuses); n != len(moves) {
		t.Errorf("%d open and closed statuses, %d in the state table", n, len(moves))
	}
}
