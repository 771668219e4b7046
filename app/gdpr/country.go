package gdpr

import "strings"

// countryNames are the names of the countries an answer may name (the
// controller's seat, a recipient's seat), in German and English: the EU and
// EEA states and the usual third countries of shop services. An answer
// writes the country out ("Deutschland", "Germany"); ISO codes belong in
// JSON and CSV.
var countryNames = map[string][2]string{
	"AT": {"Österreich", "Austria"}, "BE": {"Belgien", "Belgium"}, "BG": {"Bulgarien", "Bulgaria"},
	"CY": {"Zypern", "Cyprus"}, "CZ": {"Tschechien", "Czechia"}, "DE": {"Deutschland", "Germany"},
	"DK": {"Dänemark", "Denmark"}, "EE": {"Estland", "Estonia"}, "ES": {"Spanien", "Spain"},
	"FI": {"Finnland", "Finland"}, "FR": {"Frankreich", "France"}, "GR": {"Griechenland", "Greece"},
	"HR": {"Kroatien", "Croatia"}, "HU": {"Ungarn", "Hungary"}, "IE": {"Irland", "Ireland"},
	"IT": {"Italien", "Italy"}, "LT": {"Litauen", "Lithuania"}, "LU": {"Luxemburg", "Luxembourg"},
	"LV": {"Lettland", "Latvia"}, "MT": {"Malta", "Malta"}, "NL": {"Niederlande", "Netherlands"},
	"PL": {"Polen", "Poland"}, "PT": {"Portugal", "Portugal"}, "RO": {"Rumänien", "Romania"},
	"SE": {"Schweden", "Sweden"}, "SI": {"Slowenien", "Slovenia"}, "SK": {"Slowakei", "Slovakia"},
	"IS": {"Island", "Iceland"}, "LI": {"Liechtenstein", "Liechtenstein"}, "NO": {"Norwegen", "Norway"},
	"CH": {"Schweiz", "Switzerland"}, "GB": {"Vereinigtes Königreich", "United Kingdom"},
	"US": {"Vereinigte Staaten", "United States"}, "CA": {"Kanada", "Canada"},
	"AU": {"Australien", "Australia"}, "IN": {"Indien", "India"}, "JP": {"Japan", "Japan"},
	"SG": {"Singapur", "Singapore"}, "IL": {"Israel", "Israel"}, "NZ": {"Neuseeland", "New Zealand"},
}

// eea are the EU member states and the EEA states Iceland, Liechtenstein
// and Norway: a transfer there is no transfer to a third country (Art. 44
// GDPR; EEA Agreement, Decision 154/2018 of the EEA Joint Committee).
var eea = map[string]bool{
	"AT": true, "BE": true, "BG": true, "CY": true, "CZ": true, "DE": true, "DK": true, "EE": true, "ES": true,
	"FI": true, "FR": true, "GR": true, "HR": true, "HU": true, "IE": true, "IT": true, "LT": true, "LU": true,
	"LV": true, "MT": true, "NL": true, "PL": true, "PT": true, "RO": true, "SE": true, "SI": true, "SK": true,
	"IS": true, "LI": true, "NO": true,
}

// CountryName writes an ISO 3166-1 alpha-2 code out in lang ("de"; anything
// else is English): "DE" → "Deutschland" / "Germany". A name it does not
// know, or a value that is already a name, is returned as given.
func CountryName(code, lang string) string {
	c := strings.ToUpper(strings.TrimSpace(code))
	n, ok := countryNames[c]
	if !ok {
		return strings.TrimSpace(code)
	}
	if lang == "de" {
		return n[0]
	}
	return n[1]
}

// InEEA reports whether a country code is an EU or EEA state.
func InEEA(code string) bool { return eea[strings.ToUpper(strings.TrimSpace(code))] }

// CountryCode finds the code of a country named in English or German
// ("Germany", "Deutschland" → "DE"); ok is false for a name it does not
// know.
func CountryCode(name string) (string, bool) {
	n := strings.TrimSpace(name)
	for code, names := range countryNames {
		if strings.EqualFold(n, names[0]) || strings.EqualFold(n, names[1]) {
			return code, true
		}
	}
	return "", false
}
