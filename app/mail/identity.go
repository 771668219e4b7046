package mail

import (
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
	seat := a.Seat
	if o := set.Authority; o != nil {
		a = a.Corrected("", o.Address, o.Website)
		a.Seat = seat // a corrected address is the postal address, named once
	}
	// The sentence names the authority with its postal address and website
	// (Art. 15(1)(f), 77 GDPR).
	complaint := answer.ComplaintFor(lang, a).Text
	return authorityView{Name: a.Name, Seat: a.Seat, Address: a.AddressIn(lang), Website: a.Website}, complaint, nil
}
