package woocommerce

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lethe-gdpr/lethe/app/store"
)

// WordPress's privacy request actions (the user_request post's name).
const (
	ActionExport = "export_personal_data" // Art. 15: access
	ActionRemove = "remove_personal_data" // Art. 17: erasure
)

// privacyRequest is the plugin's delivery of a confirmed WordPress privacy
// request (PROTOCOL.md), checked.
type privacyRequest struct {
	RequestID   int64
	Action      string
	Email       string
	RequestedAt time.Time // the request post's post_date_gmt: when the person asked
	ConfirmedAt time.Time // zero when not given
}

// Type is the request type of its action.
func (p *privacyRequest) Type() string {
	if p.Action == ActionRemove {
		return store.TypeErasure
	}
	return store.TypeAccess
}

// parsePrivacyRequest reads and checks a delivery's body. Its errors name
// the field at fault, never its value.
func parsePrivacyRequest(body []byte, now time.Time) (*privacyRequest, error) {
	var raw struct {
		Version     json.RawMessage `json:"version"`
		RequestID   json.RawMessage `json:"request_id"`
		Action      any             `json:"action"`
		Email       any             `json:"email"`
		RequestedAt any             `json:"requested_at"`
		ConfirmedAt any             `json:"confirmed_at"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, errors.New("the body is not a JSON object")
	}
	if raw.Version != nil && string(raw.Version) != "1" {
		return nil, errors.New("version must be 1")
	}
	p := &privacyRequest{Action: text(raw.Action)}
	if p.Action != ActionExport && p.Action != ActionRemove {
		return nil, errors.New("action must be export_personal_data or remove_personal_data")
	}
	id, err := strconv.ParseInt(string(bytes.TrimSpace(raw.RequestID)), 10, 64)
	if err != nil || id <= 0 {
		return nil, errors.New("request_id must be a positive integer")
	}
	p.RequestID = id
	if p.Email, err = checkEmail(text(raw.Email)); err != nil {
		return nil, err
	}
	if p.RequestedAt, err = time.Parse(time.RFC3339, text(raw.RequestedAt)); err != nil {
		return nil, errors.New("requested_at must be a time in RFC 3339 format")
	}
	if p.RequestedAt.After(now.Add(PluginClockSkew)) {
		return nil, errors.New("requested_at lies in the future")
	}
	if raw.ConfirmedAt != nil {
		if p.ConfirmedAt, err = time.Parse(time.RFC3339, text(raw.ConfirmedAt)); err != nil {
			return nil, errors.New("confirmed_at must be a time in RFC 3339 format")
		}
	}
	p.RequestedAt, p.ConfirmedAt = p.RequestedAt.UTC(), p.ConfirmedAt.UTC()
	return p, nil
}

// text is v when it is a JSON string, else "".
func text(v any) string {
	s, _ := v.(string)
	return s
}

// checkEmail returns the bare address when s is one (as WordPress's
// is_email lets through), else an error that does not repeat it.
func checkEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	bad := errors.New("email must be an e-mail address")
	if s == "" || len(s) > 254 || !utf8.ValidString(s) || strings.ContainsAny(s, " \t\r\n<>\x00") {
		return "", bad
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return "", bad
	}
	return s, nil
}
