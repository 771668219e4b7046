package gdpr

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Countries Lethe has rules for.
const (
	CountryDE = "DE" // Germany, the default
	CountryAT = "AT" // Austria
)

// ErrInvalidPlace is returned (wrapped) for an unknown country or region.
var ErrInvalidPlace = errors.New("invalid place")

// Place is where the controller (the shop) has its seat. The country decides
// the rule set; for Germany the state (Region) decides the public holidays
// and the supervisory authority. An empty Country means DE; an empty German
// Region means "national holidays only".
type Place struct {
	Country string `json:"country"`
	Region  string `json:"region,omitempty"`
}

// germanStates maps the 16 state codes to their names, in the order the
// codes are listed to users.
var germanStates = []struct{ code, name string }{
	{"BW", "Baden-Württemberg"}, {"BY", "Bayern"}, {"BE", "Berlin"},
	{"BB", "Brandenburg"}, {"HB", "Bremen"}, {"HH", "Hamburg"},
	{"HE", "Hessen"}, {"MV", "Mecklenburg-Vorpommern"}, {"NI", "Niedersachsen"},
	{"NW", "Nordrhein-Westfalen"}, {"RP", "Rheinland-Pfalz"}, {"SL", "Saarland"},
	{"SN", "Sachsen"}, {"ST", "Sachsen-Anhalt"}, {"SH", "Schleswig-Holstein"},
	{"TH", "Thüringen"},
}

// Countries returns the supported country codes, default first.
func Countries() []string { return []string{CountryDE, CountryAT} }

// Regions returns the valid non-empty region codes of a country (nil for AT).
func Regions(country string) []string {
	if strings.ToUpper(country) != CountryDE && country != "" {
		return nil
	}
	out := make([]string, len(germanStates))
	for i, s := range germanStates {
		out[i] = s.code
	}
	return out
}

// RegionName returns the name of a German state code ("" if unknown).
func RegionName(code string) string {
	for _, s := range germanStates {
		if s.code == code {
			return s.name
		}
	}
	return ""
}

// ParsePlace normalizes user input (trims, upper-cases, defaults the country
// to DE) and validates it.
func ParsePlace(country, region string) (Place, error) {
	p := Place{Country: strings.ToUpper(strings.TrimSpace(country)), Region: strings.ToUpper(strings.TrimSpace(region))}
	if p.Country == "" {
		p.Country = CountryDE
	}
	return p, p.Validate()
}

// Validate reports an unknown country or region; the error names the valid
// choices.
func (p Place) Validate() error {
	switch p.Country {
	case CountryDE, "":
		if p.Region != "" && !slices.Contains(Regions(CountryDE), p.Region) {
			return fmt.Errorf("%w: unknown German state %q (valid: %s, or empty for national holidays only)",
				ErrInvalidPlace, p.Region, strings.Join(Regions(CountryDE), ", "))
		}
	case CountryAT:
		if p.Region != "" {
			return fmt.Errorf("%w: region %q not supported for AT (valid: empty; Austrian public holidays are national)", ErrInvalidPlace, p.Region)
		}
	default:
		return fmt.Errorf("%w: unknown country %q (valid: %s)", ErrInvalidPlace, p.Country, strings.Join(Countries(), ", "))
	}
	return nil
}

// CountryCode returns the country, defaulting to DE.
func (p Place) CountryCode() string {
	if p.Country == "" {
		return CountryDE
	}
	return p.Country
}

// String returns "DE-BY", "DE" or "AT".
func (p Place) String() string {
	if p.Region == "" {
		return p.CountryCode()
	}
	return p.CountryCode() + "-" + p.Region
}
