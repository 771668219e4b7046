package answer

import (
	"errors"
	"fmt"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// ErrNoAuthority is returned when no authority can be named for a place.
var ErrNoAuthority = errors.New("no supervisory authority")

// Authority is a data protection supervisory authority.
type Authority struct {
	Key  string `json:"key"` // "DE-BY", "AT"
	Name string `json:"name"`
	Seat string `json:"seat"`
	Note string `json:"note,omitempty"`
}

// Authorities maps Place.String() keys to authorities. Official names change
// with the office holder's title, so the merchant can correct them (With).
type Authorities map[string]Authority

var defaultAuthorities = []Authority{
	{"DE-BW", "Landesbeauftragter für den Datenschutz und die Informationsfreiheit Baden-Württemberg", "Stuttgart", ""},
	{"DE-BY", "Bayerisches Landesamt für Datenschutzaufsicht, BayLDA", "Ansbach", "private sector"},
	{"DE-BE", "Berliner Beauftragte für Datenschutz und Informationsfreiheit", "Berlin", ""},
	{"DE-BB", "Landesbeauftragte für den Datenschutz und für das Recht auf Akteneinsicht Brandenburg", "Kleinmachnow", ""},
	{"DE-HB", "Landesbeauftragte für Datenschutz und Informationsfreiheit der Freien Hansestadt Bremen", "Bremen", ""},
	{"DE-HH", "Hamburgischer Beauftragter für Datenschutz und Informationsfreiheit", "Hamburg", ""},
	{"DE-HE", "Hessischer Beauftragter für Datenschutz und Informationsfreiheit", "Wiesbaden", ""},
	{"DE-MV", "Landesbeauftragter für Datenschutz und Informationsfreiheit Mecklenburg-Vorpommern", "Schwerin", ""},
	{"DE-NI", "Landesbeauftragte für den Datenschutz Niedersachsen", "Hannover", ""},
	{"DE-NW", "Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen", "Düsseldorf", ""},
	{"DE-RP", "Landesbeauftragter für den Datenschutz und die Informationsfreiheit Rheinland-Pfalz", "Mainz", ""},
	{"DE-SL", "Unabhängiges Datenschutzzentrum Saarland", "Saarbrücken", ""},
	{"DE-SN", "Sächsischer Datenschutz- und Transparenzbeauftragter", "Dresden", ""},
	{"DE-ST", "Landesbeauftragter für den Datenschutz Sachsen-Anhalt", "Magdeburg", ""},
	{"DE-SH", "Unabhängiges Landeszentrum für Datenschutz Schleswig-Holstein, ULD", "Kiel", ""},
	{"DE-TH", "Thüringer Landesbeauftragter für den Datenschutz und die Informationsfreiheit", "Erfurt", ""},
	{"AT", "Österreichische Datenschutzbehörde, DSB", "Wien", ""},
}

// DefaultAuthorities returns a fresh table: the 16 German state authorities
// competent for private companies, and Austria's DSB.
func DefaultAuthorities() Authorities {
	as := make(Authorities, len(defaultAuthorities))
	for _, a := range defaultAuthorities {
		as[a.Key] = a
	}
	return as
}

// With returns a copy with the merchant's corrections; a correction replaces
// the entry with its Key (empty fields keep the default).
func (as Authorities) With(corrections ...Authority) Authorities {
	out := make(Authorities, len(as))
	for k, v := range as {
		out[k] = v
	}
	for _, c := range corrections {
		a := out[c.Key]
		a.Key = c.Key
		if c.Name != "" {
			a.Name = c.Name
		}
		if c.Seat != "" {
			a.Seat = c.Seat
		}
		if c.Note != "" {
			a.Note = c.Note
		}
		out[c.Key] = a
	}
	return out
}

// For returns the authority competent for a shop with its seat at p. In
// Germany it depends on the state, so p.Region is required.
func (as Authorities) For(p gdpr.Place) (Authority, error) {
	if err := p.Validate(); err != nil {
		return Authority{}, err
	}
	if p.CountryCode() == gdpr.CountryDE && p.Region == "" {
		return Authority{}, fmt.Errorf("%w: in Germany the authority depends on the shop's state; set the region (valid: %s)",
			ErrNoAuthority, strings.Join(gdpr.Regions(gdpr.CountryDE), ", "))
	}
	a, ok := as[p.String()]
	if !ok || a.Name == "" {
		return Authority{}, fmt.Errorf("%w for %s", ErrNoAuthority, p)
	}
	return a, nil
}
