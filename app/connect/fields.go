package connect

import "strings"

// Fields are a record's data as a connector fills gdpr.Item.Fields: Set
// drops empty values, so an item lists what the record holds.
type Fields map[string]any

// Set stores v under k unless v is empty (nil, a blank string, an empty
// list or map); nested Fields are stored as a plain map.
func (f Fields) Set(k string, v any) {
	switch v := v.(type) {
	case nil:
		return
	case string:
		if strings.TrimSpace(v) == "" {
			return
		}
	case []string:
		if len(v) == 0 {
			return
		}
	case []map[string]any:
		if len(v) == 0 {
			return
		}
	case map[string]any:
		if len(v) == 0 {
			return
		}
	case Fields:
		if len(v) == 0 {
			return
		}
		f[k] = map[string]any(v)
		return
	}
	f[k] = v
}
