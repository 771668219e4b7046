package server

import (
	"strconv"
	"strings"
)

// acceptLanguage returns "de" or "en", whichever the Accept-Language header
// prefers (RFC 9110 §12.5.4), or "" when it names neither.
func acceptLanguage(header string) string {
	best, bestQ := "", 0.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				continue
			}
			q = f
		}
		primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if isReportLang(primary) && q > bestQ {
			best, bestQ = primary, q
		}
	}
	return best
}
