package wctest

import "fmt"

// effect counts one change the store made (Stats.Effects); e.mu is held.
// Handlers call it only when something changed, so a repeated call with
// the same effect is not counted again.
func (e *Emulator) effect(format string, args ...any) {
	e.stats.Effects[fmt.Sprintf(format, args...)]++
}
