package wctest

import "encoding/json"

// pluginComplete answers the plugin's complete route (PROTOCOL.md): the
// WordPress request is marked completed (_wp_privacy_completed_request),
// once — a completed request stays as it was; an id that is no privacy
// request is 404 lethe_unknown_request. Lethe has the request, so it
// leaves the delivery queue too. e.mu is held.
func (e *Emulator) pluginComplete(body map[string]json.RawMessage) (int, any, *wpError) {
	var id int64
	if err := json.Unmarshal(body["request_id"], &id); err != nil || id <= 0 {
		return 0, nil, &wpError{Status: 400, Code: "lethe_invalid", Message: "request_id must be a positive integer."}
	}
	p := e.pluginState()
	pr, ok := p.requests[id]
	if !ok {
		return 0, nil, &wpError{Status: 404, Code: "lethe_unknown_request", Message: "There is no privacy request with this id."}
	}
	delete(p.delivery.queue, id)
	if pr.Status != RequestCompleted {
		pr.Status, pr.CompletedAt = RequestCompleted, e.now().UTC()
	}
	return 200, map[string]string{"status": "completed"}, nil
}
