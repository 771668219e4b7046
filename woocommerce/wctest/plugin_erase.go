package wctest

import "encoding/json"

// pluginErase answers the plugin's erase route (PROTOCOL.md). Not built yet.
func (e *Emulator) pluginErase(map[string]json.RawMessage) (int, any, *wpError) {
	return 501, nil, &wpError{Status: 501, Code: "lethe_not_built", Message: "The emulator does not answer erase yet."}
}
