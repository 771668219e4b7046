package wctest

import "encoding/json"

// pluginComplete answers the plugin's complete route (PROTOCOL.md). Not built yet.
func (e *Emulator) pluginComplete(map[string]json.RawMessage) (int, any, *wpError) {
	return 501, nil, &wpError{Status: 501, Code: "lethe_not_built", Message: "The emulator does not answer complete yet."}
}
