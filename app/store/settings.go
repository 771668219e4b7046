package store

import (
	"context"
	"encoding/json"
)

// Settings are a shop's choices, stored as JSON in shops.settings.
type Settings struct {
	// AutoSend sends reply e-mails without review (default: review first).
	AutoSend bool `json:"auto_send"`
	// AutoErase runs approved-by-policy erasure plans without review
	// (Shopify's customers/redact always runs automatically).
	AutoErase bool `json:"auto_erase"`
	// MerchantEmail receives notices of new requests (default: the shop's e-mail).
	MerchantEmail string `json:"merchant_email,omitempty"`
	// Recipients the shop discloses customer data to, beyond those found in
	// the data (e.g. tax adviser, fulfilment partner, newsletter tool).
	Recipients []Recipient `json:"recipients,omitempty"`
	// Authority corrects the supervisory authority's name or address.
	Authority *AuthorityOverride `json:"authority,omitempty"`
	// RetentionOverrides lengthen retention periods (tax adviser's instruction).
	RetentionOverrides []RetentionOverride `json:"retention_overrides,omitempty"`
	// DPO is the data-protection officer, where one is appointed (§ 38 BDSG).
	DPO *DPO `json:"dpo,omitempty"`
	// Edited are the profile fields the merchant set; a refresh from the
	// platform keeps them.
	Edited []string `json:"edited,omitempty"`
}

// DPO is the data-protection officer's name and contact.
type DPO struct {
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// Recipient is a recipient the merchant configured.
type Recipient struct {
	Name         string   `json:"name"`
	Category     string   `json:"category"`
	Country      string   `json:"country,omitempty"`
	ThirdCountry bool     `json:"third_country,omitempty"`
	Safeguards   string   `json:"safeguards,omitempty"`
	RecordTypes  []string `json:"record_types,omitempty"` // empty: all
}

// AuthorityOverride corrects the competent authority's details.
type AuthorityOverride struct {
	Name    string `json:"name,omitempty"`
	Address string `json:"address,omitempty"`
	Website string `json:"website,omitempty"`
}

// RetentionOverride lengthens one record type's period.
type RetentionOverride struct {
	RecordType string `json:"record_type"`
	Years      int    `json:"years"`
	By         string `json:"by"`
	Reason     string `json:"reason"`
	At         string `json:"at"`
}

// ShopSettings decodes a shop's settings (defaults when empty).
func ShopSettings(sh *Shop) Settings {
	var s Settings
	_ = json.Unmarshal([]byte(sh.Settings), &s)
	return s
}

// SaveSettings stores a shop's settings.
func (s *Store) SaveSettings(ctx context.Context, shopID int64, set Settings) error {
	b, err := json.Marshal(set)
	if err != nil {
		return err
	}
	res := s.q(ctx).Model(&Shop{}).Where("id = ?", shopID).Updates(map[string]any{"settings": string(b), "updated_at": s.Now()})
	if res.Error == nil && res.RowsAffected == 0 {
		return ErrNotFound
	}
	return translate(res.Error)
}
