package gdpr

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// MarshalJSON writes "YYYY-MM-DD", or null for the zero Date. A nil *Date
// marshals to null as well.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD"; null leaves d unchanged (for a *Date
// field, encoding/json sets the pointer to nil).
func (d *Date) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("%w: want a JSON string YYYY-MM-DD", ErrInvalidDate)
	}
	return d.UnmarshalText([]byte(s))
}

// MarshalText writes YYYY-MM-DD, or "" for the zero Date.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD; "" yields the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
