package shopifytest

import (
	"strconv"
	"strings"
	"unicode"
)

// searchTerm is one term of Shopify's search syntax: field:value, or free
// text when field is empty.
type searchTerm struct {
	field string
	value string
}

// parseSearch splits a search query such as `email:"a@b.c" AND state:ENABLED`
// into terms; AND is implicit, quotes are removed and \" \\ unescaped. OR and negation are not
// supported: the emulator treats every term as required.
func parseSearch(q string) []searchTerm {
	var terms []searchTerm
	for _, tok := range tokenize(q) {
		if tok == "AND" {
			continue
		}
		field, value, found := strings.Cut(tok, ":")
		if !found {
			terms = append(terms, searchTerm{value: tok})
			continue
		}
		terms = append(terms, searchTerm{field: strings.ToLower(field), value: value})
	}
	return terms
}

func tokenize(q string) []string {
	var toks []string
	var cur strings.Builder
	inQuote, escaped := false, false
	for _, r := range q {
		switch {
		case escaped:
			escaped = false
			cur.WriteRune(r)
		case r == '\\' && inQuote:
			escaped = true
		case r == '"':
			inQuote = !inQuote
		case unicode.IsSpace(r) && !inQuote:
			if cur.Len() > 0 {
				toks = append(toks, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
		}
	}
	if cur.Len() > 0 {
		toks = append(toks, cur.String())
	}
	return toks
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

func equalFold(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

func phoneMatches(have, want string) bool {
	h, w := digits(have), digits(want)
	return h != "" && w != "" && (h == w || strings.HasSuffix(h, w) || strings.HasSuffix(w, h))
}

func idMatches(id int64, value string) bool {
	if _, n, ok := parseGID(value); ok {
		return n == id
	}
	n, err := strconv.ParseInt(value, 10, 64)
	return err == nil && n == id
}

// customerMatches applies search terms to a customer.
func customerMatches(c *Customer, terms []searchTerm) bool {
	for _, t := range terms {
		var ok bool
		switch t.field {
		case "email":
			ok = equalFold(c.Email, t.value)
		case "phone":
			ok = phoneMatches(c.Phone, t.value)
		case "id":
			ok = idMatches(c.ID, t.value)
		case "state":
			ok = equalFold(c.State, t.value)
		case "first_name":
			ok = equalFold(c.FirstName, t.value)
		case "last_name":
			ok = equalFold(c.LastName, t.value)
		case "":
			v := strings.ToLower(t.value)
			ok = strings.Contains(strings.ToLower(c.Email), v) ||
				strings.Contains(strings.ToLower(c.FirstName+" "+c.LastName), v)
		default:
			ok = true // unknown filters are ignored, not rejected
		}
		if !ok {
			return false
		}
	}
	return true
}

// orderMatches applies search terms to an order.
func orderMatches(o *Order, terms []searchTerm) bool {
	for _, t := range terms {
		var ok bool
		switch t.field {
		case "email":
			ok = equalFold(o.Email, t.value)
		case "phone":
			ok = phoneMatches(o.Phone, t.value)
		case "customer_id":
			ok = o.CustomerID != 0 && idMatches(o.CustomerID, t.value)
		case "id":
			ok = idMatches(o.ID, t.value)
		case "name":
			ok = strings.TrimPrefix(t.value, "#") == strconv.Itoa(o.Number)
		case "":
			ok = strings.Contains(strings.ToLower(o.Email), strings.ToLower(t.value))
		default:
			ok = true
		}
		if !ok {
			return false
		}
	}
	return true
}
