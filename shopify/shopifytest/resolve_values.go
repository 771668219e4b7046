package shopifytest

import (
	"strings"
	"time"
)

// dateTime renders a DateTime like Shopify (UTC, seconds); zero is null.
func dateTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

// nullable turns an empty string into null.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func orEmpty(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

var countryNames = map[string]string{
	"DE": "Germany", "AT": "Austria", "CH": "Switzerland", "FR": "France", "NL": "Netherlands",
	"GB": "United Kingdom", "US": "United States", "CA": "Canada", "IT": "Italy", "ES": "Spain",
}

func countryName(code string) string {
	if n, ok := countryNames[strings.ToUpper(code)]; ok {
		return n
	}
	return code
}

// addressObject is a MailingAddress; model is the model_name Shopify puts in
// the id (CustomerAddress or Address).
func addressObject(a *Address, model string) map[string]any {
	if a == nil {
		return nil
	}
	name := strings.TrimSpace(a.FirstName + " " + a.LastName)
	country := a.Country
	if country == "" {
		country = countryName(a.CountryCode)
	}
	lines := []string{}
	for _, l := range []string{a.Company, a.Address1, a.Address2, strings.TrimSpace(a.Zip + " " + a.City), country} {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	return map[string]any{
		"__typename":              "MailingAddress",
		"id":                      GID("MailingAddress", a.ID) + "?model_name=" + model,
		"firstName":               nullable(a.FirstName),
		"lastName":                nullable(a.LastName),
		"name":                    nullable(name),
		"company":                 nullable(a.Company),
		"address1":                nullable(a.Address1),
		"address2":                nullable(a.Address2),
		"city":                    nullable(a.City),
		"zip":                     nullable(a.Zip),
		"province":                nullable(a.Province),
		"provinceCode":            nullable(a.ProvinceCode),
		"country":                 nullable(country),
		"countryCodeV2":           nullable(strings.ToUpper(a.CountryCode)),
		"phone":                   nullable(a.Phone),
		"formatted":               lazy(func(map[string]any) (any, error) { return lines, nil }),
		"formattedArea":           nullable(strings.TrimSpace(a.City + " " + country)),
		"timeZone":                nil,
		"validationResultSummary": nil,
	}
}
