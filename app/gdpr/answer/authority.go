package answer

import (
	"errors"
	"fmt"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// ErrNoAuthority is returned when no authority can be named for a place.
var ErrNoAuthority = errors.New("no supervisory authority")

// Authority is a data protection supervisory authority, with the postal
// address and website a person needs to complain (Art. 77 GDPR).
type Authority struct {
	Key      string `json:"key"` // "DE-BY", "AT"
	Name     string `json:"name"`
	Seat     string `json:"seat"` // the city it sits in
	Note     string `json:"note,omitempty"`
	Street   string `json:"street,omitempty"`
	Postcode string `json:"postcode,omitempty"`
	City     string `json:"city,omitempty"`
	Country  string `json:"country,omitempty"` // ISO 3166-1 alpha-2: "DE", "AT"
	Website  string `json:"website,omitempty"`
}

// Address is the postal address on one line: "Promenade 18, 91522 Ansbach"
// ("" when unknown).
func (a Authority) Address() string {
	city := strings.TrimSpace(a.Postcode + " " + a.City)
	switch {
	case a.Street == "":
		return city
	case city == "":
		return a.Street
	}
	return a.Street + ", " + city
}

// Authorities maps Place.String() keys to authorities. Official names change
// with the office holder's title, so the merchant can correct them (With).
type Authorities map[string]Authority

// defaultAuthorities are the authorities competent for private companies,
// with their official names, visitor addresses and websites as the
// authorities publish them, compiled 2026-12. Names, addresses and websites
// change (a new office holder's title, a move), so they are kept as data the
// merchant can correct (With, the shop's authority correction), never as
// text in the answers.
var defaultAuthorities = []Authority{
	{Key: "DE-BW", Name: "Landesbeauftragter für den Datenschutz und die Informationsfreiheit Baden-Württemberg", Seat: "Stuttgart",
		Street: "Lautenschlagerstraße 20", Postcode: "70173", City: "Stuttgart", Country: "DE", Website: "https://www.baden-wuerttemberg.datenschutz.de"},
	{Key: "DE-BY", Name: "Bayerisches Landesamt für Datenschutzaufsicht, BayLDA", Seat: "Ansbach", Note: "private sector",
		Street: "Promenade 18", Postcode: "91522", City: "Ansbach", Country: "DE", Website: "https://www.lda.bayern.de"},
	{Key: "DE-BE", Name: "Berliner Beauftragte für Datenschutz und Informationsfreiheit", Seat: "Berlin",
		Street: "Alt-Moabit 59-61", Postcode: "10555", City: "Berlin", Country: "DE", Website: "https://www.datenschutz-berlin.de"},
	{Key: "DE-BB", Name: "Landesbeauftragte für den Datenschutz und für das Recht auf Akteneinsicht Brandenburg", Seat: "Kleinmachnow",
		Street: "Stahnsdorfer Damm 77", Postcode: "14532", City: "Kleinmachnow", Country: "DE", Website: "https://www.lda.brandenburg.de"},
	// Bremen's authority sits in Bremerhaven (Arndtstraße 1), not in the city of Bremen.
	{Key: "DE-HB", Name: "Landesbeauftragte für Datenschutz und Informationsfreiheit der Freien Hansestadt Bremen", Seat: "Bremerhaven",
		Street: "Arndtstraße 1", Postcode: "27570", City: "Bremerhaven", Country: "DE", Website: "https://www.datenschutz.bremen.de"},
	{Key: "DE-HH", Name: "Hamburgischer Beauftragter für Datenschutz und Informationsfreiheit", Seat: "Hamburg",
		Street: "Ludwig-Erhard-Straße 22", Postcode: "20459", City: "Hamburg", Country: "DE", Website: "https://datenschutz-hamburg.de"},
	{Key: "DE-HE", Name: "Hessischer Beauftragter für Datenschutz und Informationsfreiheit", Seat: "Wiesbaden",
		Street: "Gustav-Stresemann-Ring 1", Postcode: "65189", City: "Wiesbaden", Country: "DE", Website: "https://datenschutz.hessen.de"},
	{Key: "DE-MV", Name: "Landesbeauftragter für Datenschutz und Informationsfreiheit Mecklenburg-Vorpommern", Seat: "Schwerin",
		Street: "Werderstraße 74a", Postcode: "19055", City: "Schwerin", Country: "DE", Website: "https://www.datenschutz-mv.de"},
	{Key: "DE-NI", Name: "Landesbeauftragte für den Datenschutz Niedersachsen", Seat: "Hannover",
		Street: "Prinzenstraße 5", Postcode: "30159", City: "Hannover", Country: "DE", Website: "https://www.lfd.niedersachsen.de"},
	{Key: "DE-NW", Name: "Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen", Seat: "Düsseldorf",
		Street: "Kavalleriestraße 2-4", Postcode: "40213", City: "Düsseldorf", Country: "DE", Website: "https://www.ldi.nrw.de"},
	{Key: "DE-RP", Name: "Landesbeauftragter für den Datenschutz und die Informationsfreiheit Rheinland-Pfalz", Seat: "Mainz",
		Street: "Hintere Bleiche 34", Postcode: "55116", City: "Mainz", Country: "DE", Website: "https://www.datenschutz.rlp.de"},
	{Key: "DE-SL", Name: "Unabhängiges Datenschutzzentrum Saarland", Seat: "Saarbrücken",
		Street: "Fritz-Dobisch-Straße 12", Postcode: "66111", City: "Saarbrücken", Country: "DE", Website: "https://www.datenschutz.saarland.de"},
	{Key: "DE-SN", Name: "Sächsischer Datenschutz- und Transparenzbeauftragter", Seat: "Dresden",
		Street: "Devrientstraße 5", Postcode: "01067", City: "Dresden", Country: "DE", Website: "https://www.datenschutz.sachsen.de"},
	{Key: "DE-ST", Name: "Landesbeauftragter für den Datenschutz Sachsen-Anhalt", Seat: "Magdeburg",
		Street: "Otto-von-Guericke-Straße 34a", Postcode: "39104", City: "Magdeburg", Country: "DE", Website: "https://datenschutz.sachsen-anhalt.de"},
	{Key: "DE-SH", Name: "Unabhängiges Landeszentrum für Datenschutz Schleswig-Holstein, ULD", Seat: "Kiel",
		Street: "Holstenstraße 98", Postcode: "24103", City: "Kiel", Country: "DE", Website: "https://www.datenschutzzentrum.de"},
	{Key: "DE-TH", Name: "Thüringer Landesbeauftragter für den Datenschutz und die Informationsfreiheit", Seat: "Erfurt",
		Street: "Häßlerstraße 8", Postcode: "99096", City: "Erfurt", Country: "DE", Website: "https://www.tlfdi.de"},
	{Key: "AT", Name: "Österreichische Datenschutzbehörde, DSB", Seat: "Wien",
		Street: "Barichgasse 40-42", Postcode: "1030", City: "Wien", Country: "AT", Website: "https://www.dsb.gv.at"},
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
		for _, f := range []struct {
			to   *string
			from string
		}{
			{&a.Name, c.Name}, {&a.Seat, c.Seat}, {&a.Note, c.Note}, {&a.Street, c.Street}, {&a.Postcode, c.Postcode},
			{&a.City, c.City}, {&a.Country, c.Country}, {&a.Website, c.Website},
		} {
			if f.from != "" {
				*f.to = f.from
			}
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

// Corrected is the authority as the merchant corrected it (empty values
// correct nothing): another name is another office, so the default's postal
// address and website no longer apply; an address replaces the postal
// address (one line, also the seat); a website replaces the website.
func (a Authority) Corrected(name, address, website string) Authority {
	if name = strings.TrimSpace(name); name != "" && !strings.EqualFold(name, a.Name) {
		a.Name, a.Street, a.Postcode, a.City, a.Website = name, "", "", "", ""
	}
	if address = strings.TrimSpace(address); address != "" {
		a.Seat, a.Street, a.Postcode, a.City = address, address, "", ""
	}
	if website = strings.TrimSpace(website); website != "" {
		a.Website = website
	}
	return a
}
