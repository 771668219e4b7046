package retention

import (
	"errors"
	"fmt"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// Errors, wrapped with details that name the valid choices.
var (
	ErrUnknownRecordType = errors.New("unknown record type")
	ErrUnknownCountry    = errors.New("unknown country")
)

// Set is the rule set of one country.
type Set struct {
	Country string `json:"country"`
	Name    string `json:"name"`
	Rules   []Rule `json:"rules"`
}

// newSet stamps the country on every rule; keep lists are never nil (JSON []).
func newSet(country, name string, rules []Rule) Set {
	for i := range rules {
		rules[i].Country = country
		if rules[i].KeepFields == nil {
			rules[i].KeepFields = []string{}
		}
	}
	return Set{Country: country, Name: name, Rules: rules}
}

// ForCountry returns the rule set of a country ("" means DE, the default).
func ForCountry(country string) (Set, error) {
	switch strings.ToUpper(strings.TrimSpace(country)) {
	case gdpr.CountryDE, "":
		return DE(), nil
	case gdpr.CountryAT:
		return AT(), nil
	}
	return Set{}, fmt.Errorf("%w %q (valid: %s)", ErrUnknownCountry, country, strings.Join(gdpr.Countries(), ", "))
}

// Rule returns the rule for a record type.
func (s Set) Rule(rt RecordType) (Rule, error) {
	for _, r := range s.Rules {
		if r.RecordType == rt {
			return r, nil
		}
	}
	return Rule{}, fmt.Errorf("%w %q (valid: %s)", ErrUnknownRecordType, rt, recordTypeList())
}

// WithOverrides returns a copy of the set with the overrides applied (see
// ApplyOverride); the first invalid override is an error.
func (s Set) WithOverrides(overrides ...Override) (Set, error) {
	out := Set{Country: s.Country, Name: s.Name, Rules: append([]Rule(nil), s.Rules...)}
	for _, o := range overrides {
		found := false
		for i, r := range out.Rules {
			if r.RecordType != o.RecordType {
				continue
			}
			applied, err := ApplyOverride(r, o)
			if err != nil {
				return Set{}, err
			}
			out.Rules[i], found = applied, true
		}
		if !found {
			return Set{}, fmt.Errorf("override: %w %q (valid: %s)", ErrUnknownRecordType, o.RecordType, recordTypeList())
		}
	}
	return out, nil
}
