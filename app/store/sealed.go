package store

import "encoding/json"

// Purposes bind sealed values to their column.
const (
	purposeCredentials = "shop.credentials"
	purposeSubject     = "request.subject"
	purposeItem        = "data_item.data"
	purposeArchive     = "retention_hold.data" // archive_entries.data, named as before migration 00010: sealed rows open only with it
	purposeDelivery    = "webhook_delivery.body"
	purposeClosing     = "request.closing_reason"
	purposeNote        = "request.note"
)

func (s *Store) sealJSON(purpose string, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return s.keys.Seal(purpose, b)
}

func (s *Store) openJSON(purpose string, sealed []byte, out any) error {
	if len(sealed) == 0 {
		return nil
	}
	b, err := s.keys.Open(purpose, sealed)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}
