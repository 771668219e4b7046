package admin

import "strings"

// SearchTerm renders field:"value" in Shopify's search syntax, quoting the
// value so spaces, colons and quotes in it cannot change the query.
func SearchTerm(field, value string) string {
	v := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(value)
	return field + `:"` + v + `"`
}
