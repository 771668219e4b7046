package mail

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// ErrNoAuthority: no supervisory authority can be named for the shop; the
// answer must name one (Art. 15(1)(f), Art. 77).
var ErrNoAuthority = errors.New("no supervisory authority for the shop")

// postal is a shop's address as stored in shops.address: Shopify's
// ShopAddress keys, or plain ones.
type postal struct {
	Company    string `json:"company"`
	Address1   string `json:"address1"`
	Address2   string `json:"address2"`
	Street     string `json:"street"`
	Line1      string `json:"line1"`
	Line2      string `json:"line2"`
	Zip        string `json:"zip"`
	PostalCode string `json:"postal_code"`
	City       string `json:"city"`
	Country    string `json:"country"`
}

// addressLines renders the shop's stored address as lines; an empty or
// unreadable address gives none.
func addressLines(raw string) []string {
	var p postal
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		return nil
	}
	first := func(vs ...string) string {
		for _, v := range vs {
			if v = strings.TrimSpace(v); v != "" {
				return v
			}
		}
		return ""
	}
	var out []string
	add := func(v string) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	add(p.Company)
	add(first(p.Address1, p.Street, p.Line1))
	add(first(p.Address2, p.Line2))
	add(first(p.Zip, p.PostalCode) + " " + strings.TrimSpace(p.City))
	add(p.Country)
	return out
}

// authorityFor names the authority competent for the shop's seat, with the
// merchant's correction from the settings. A German shop without its state
// and without a correction has none.
func authorityFor(sh *store.Shop, lang string) (authorityView, string, error) {
	set := store.ShopSettings(sh)
	a, err := answer.DefaultAuthorities().For(requests.Place(sh))
	if o := set.Authority; o != nil && strings.TrimSpace(o.Name) != "" {
		if err != nil { // the default's seat belongs to another authority
			a = answer.Authority{}
		}
		a, err = a.Corrected(o.Name, "", ""), nil
	}
	if err != nil {
		return authorityView{}, "", fmt.Errorf("%w: %w; set the shop's state (region) or name the authority in the settings", ErrNoAuthority, err)
	}
	complaint := answer.ComplaintFor(lang, a).Text
	if a.Seat == "" {
		complaint = complaintWithoutSeat(lang, a.Name)
	}
	v := authorityView{Name: a.Name, Seat: a.Seat}
	if o := set.Authority; o != nil {
		a = a.Corrected("", o.Address, o.Website)
	}
	v.Address, v.Website = a.Address(), a.Website
	return v, complaint, nil
}

func complaintWithoutSeat(lang, name string) string {
	if lang == "de" {
		return "Sie haben das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren (Art. 77 DSGVO). Für uns zuständig ist: " + name + "."
	}
	return "You have the right to lodge a complaint with a supervisory authority (Art. 77 GDPR). The authority competent for us is: " + name + "."
}
