// Package postcode derives a shop's federal state from its postcode: German
// postcodes through a table derived from GeoNames (table.go, CC BY 4.0; see
// README.md), Austrian ones to the country, which has one national calendar
// and one supervisory authority. It never guesses: a postcode whose area
// crosses a state line, or one the table does not hold, is the merchant's
// to answer.
package postcode

import (
	"fmt"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// Status says what a lookup found.
type Status string

// The statuses of a Result.
const (
	Found       Status = "found"       // the postcode decides the place (a German state, or Austria)
	Ambiguous   Status = "ambiguous"   // the postcode's area lies in several states: ask the merchant
	Unknown     Status = "unknown"     // a well-formed German postcode the table does not hold: ask
	Invalid     Status = "invalid"     // not a postcode of the country (DE: five digits, AT: four)
	Unsupported Status = "unsupported" // a country Lethe has no rules for
)

// Result is the answer of State.
type Result struct {
	Status  Status   `json:"status"`
	Country string   `json:"country"`          // upper-cased; "" is read as DE
	Code    string   `json:"code"`             // the postcode as looked up (trimmed)
	State   string   `json:"state,omitempty"`  // Found in DE: the two-letter state
	States  []string `json:"states,omitempty"` // Ambiguous: the candidate states, sorted
}

// State looks a shop's postcode up. country is an ISO 3166-1 alpha-2 code
// (case-insensitive, "" means DE as in gdpr.Place). Spaces around the
// postcode are trimmed (merchants type them; they change nothing), spaces
// inside it or a country prefix ("D-80331") make it Invalid.
//
//	State("DE", "80331") → Found, State "BY"
//	State("DE", "21039") → Ambiguous, States ["HH" "SH"]
//	State("AT", "1010")  → Found, Country "AT", no state
func State(country, code string) Result {
	r := Result{Country: strings.ToUpper(strings.TrimSpace(country)), Code: strings.TrimSpace(code)}
	if r.Country == "" {
		r.Country = gdpr.CountryDE
	}
	switch r.Country {
	case gdpr.CountryDE:
		if !digits(r.Code, 5) {
			r.Status = Invalid
			return r
		}
		switch states := lookupDE(r.Code); len(states) {
		case 0:
			r.Status = Unknown
		case 1:
			r.Status, r.State = Found, states[0]
		default:
			r.Status, r.States = Ambiguous, states
		}
	case gdpr.CountryAT:
		r.Status = Found
		if !digits(r.Code, 4) || r.Code[0] == '0' {
			r.Status = Invalid
		}
	default:
		r.Status = Unsupported
	}
	return r
}

// Place returns the place the postcode decides; ok is false unless Found.
func (r Result) Place() (p gdpr.Place, ok bool) {
	if r.Status != Found {
		return gdpr.Place{}, false
	}
	return gdpr.Place{Country: r.Country, Region: r.State}, true
}

// Reason says, for the merchant, why the postcode does not decide the state
// ("" when it does).
func (r Result) Reason() string {
	switch r.Status {
	case Ambiguous:
		return fmt.Sprintf("the postcode %s lies in more than one state (%s): choose the shop's state", r.Code, strings.Join(r.States, ", "))
	case Unknown:
		return fmt.Sprintf("the postcode %s is not in the postcode table: choose the shop's state", r.Code)
	case Invalid:
		if r.Country == gdpr.CountryAT {
			return fmt.Sprintf("%q is not an Austrian postcode (four digits, 1010–9992)", r.Code)
		}
		return fmt.Sprintf("%q is not a German postcode (five digits)", r.Code)
	case Unsupported:
		return fmt.Sprintf("the country %q is not supported (supported: %s)", r.Country, strings.Join(gdpr.Countries(), ", "))
	}
	return ""
}

func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
