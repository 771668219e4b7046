package shopifytest

import "strings"

// stateSeats are a street address in each German state's capital, for a
// seeded German shop given only its state (Province).
var stateSeats = map[string][3]string{ // street, postcode, city
	"BW": {"Königstraße 1", "70173", "Stuttgart"}, "BY": {"Marienplatz 1", "80331", "München"},
	"BE": {"Unter den Linden 1", "10115", "Berlin"}, "BB": {"Am Markt 1", "14467", "Potsdam"},
	"HB": {"Am Markt 1", "28195", "Bremen"}, "HH": {"Rathausmarkt 1", "20095", "Hamburg"},
	"HE": {"Marktplatz 1", "65183", "Wiesbaden"}, "MV": {"Am Markt 1", "19053", "Schwerin"},
	"NI": {"Prinzenstraße 1", "30159", "Hannover"}, "NW": {"Königsallee 1", "40213", "Düsseldorf"},
	"RP": {"Markt 1", "55116", "Mainz"}, "SL": {"Schlossplatz 1", "66111", "Saarbrücken"},
	"SN": {"Altmarkt 1", "01067", "Dresden"}, "ST": {"Alter Markt 1", "39104", "Magdeburg"},
	"SH": {"Holstenstraße 1", "24103", "Kiel"}, "TH": {"Anger 1", "99084", "Erfurt"},
}

// hasProvinces reports whether Shopify keeps provinces for the country's
// addresses: not for Germany and Austria (their provinceCode is empty).
func hasProvinces(country string) bool {
	switch strings.ToUpper(country) {
	case "DE", "AT":
		return false
	}
	return true
}

// completeAddress fills a German shop's missing street, postcode and city
// from the state it was seeded with, as a real shop's address would have
// them; Shopify itself never reports the state of a German address.
func completeAddress(o *ShopOptions) {
	seat, ok := stateSeats[strings.ToUpper(o.Province)]
	if strings.ToUpper(o.Country) != "DE" || !ok {
		return
	}
	for i, f := range []*string{&o.Address1, &o.Zip, &o.City} {
		if *f == "" {
			*f = seat[i]
		}
	}
}
