package shopifytest

import "strings"

// hasProvinces reports whether Shopify keeps provinces for the country's
// addresses: not for Germany and Austria (their provinceCode is empty).
func hasProvinces(country string) bool {
	switch strings.ToUpper(country) {
	case "DE", "AT":
		return false
	}
	return true
}
