package postcode

import "github.com/lethe-gdpr/lethe/app/gdpr"

// Source says where a shop's state came from. The shop profile records it
// beside the state, so the merchant sees whether Lethe derived the state or
// they chose it.
type Source string

// The sources of a shop's state.
const (
	// SourcePostcode: derived from the shop's postcode with this package's
	// table (or, in Austria, from the country alone).
	SourcePostcode Source = "postcode"
	// SourceMerchant: chosen by the merchant — asked because the postcode did
	// not decide it, or correcting the derived state.
	SourceMerchant Source = "merchant"
)

// Choice is a shop's place (country and German state) and where it came from.
type Choice struct {
	Place  gdpr.Place `json:"place"`
	Source Source     `json:"source"`
}

// FromPostcode is what install pre-fills: the place the shop's postcode
// decides, with Source "postcode". ok is false when it does not decide;
// then r says why (r.Reason) and, when Ambiguous, which states to offer.
func FromPostcode(country, code string) (c Choice, r Result, ok bool) {
	r = State(country, code)
	p, ok := r.Place()
	if !ok {
		return Choice{}, r, false
	}
	return Choice{Place: p, Source: SourcePostcode}, r, true
}

// FromMerchant is the merchant's choice of state (empty for Austria),
// validated like every place.
func FromMerchant(country, state string) (Choice, error) {
	p, err := gdpr.ParsePlace(country, state)
	if err != nil {
		return Choice{}, err
	}
	return Choice{Place: p, Source: SourceMerchant}, nil
}

// Refresh is the state after the shop's address was read again from the
// platform: the merchant's choice stands while the shop stays in its
// country; otherwise the postcode decides anew (ok false: ask the merchant).
func Refresh(current Choice, country, code string) (Choice, Result, bool) {
	r := State(country, code)
	if current.Source.merchant() && current.Place.CountryCode() == r.Country && r.Status != Unsupported {
		return current, r, true
	}
	c, _, ok := FromPostcode(country, code)
	return c, r, ok
}

// merchant reports whether the merchant chose the state.
func (s Source) merchant() bool { return s == SourceMerchant }
