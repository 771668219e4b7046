package shopifytest

import (
	"fmt"
	"strconv"
	"strings"
)

// GID returns Shopify's global id of a resource: gid://shopify/Customer/123.
func GID(kind string, id int64) string {
	return fmt.Sprintf("gid://shopify/%s/%d", kind, id)
}

// parseGID splits a global id into its kind and numeric id.
func parseGID(gid string) (kind string, id int64, ok bool) {
	rest, found := strings.CutPrefix(gid, "gid://shopify/")
	if !found {
		return "", 0, false
	}
	kind, num, found := strings.Cut(rest, "/")
	if !found {
		return "", 0, false
	}
	num, _, _ = strings.Cut(num, "?")
	id, err := strconv.ParseInt(num, 10, 64)
	if err != nil || id <= 0 {
		return "", 0, false
	}
	return kind, id, true
}
