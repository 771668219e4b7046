package wctest

import "encoding/json"

// pluginFind answers the plugin's find route (PROTOCOL.md). Not built yet.
func (e *Emulator) pluginFind(map[string]json.RawMessage) (int, any, *wpError) {
	return 501, nil, &wpError{Status: 501, Code: "lethe_not_built", Message: "The emulator does not answer find yet."}
}
