package fault

import (
	"net/http"
	"sort"
	"strings"
)

// Invalid is the 422 answer to input that failed validation: fields maps
// each bad field to why (no personal data in the reasons).
func Invalid(fields map[string]string) *Error {
	names := make([]string, 0, len(fields))
	for f := range fields {
		names = append(names, f)
	}
	sort.Strings(names)
	return &Error{Status: http.StatusUnprocessableEntity, Code: "invalid",
		Message: "invalid fields: " + strings.Join(names, ", "), Fields: fields}
}
