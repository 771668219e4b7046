package shopify

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Compliance and lifecycle topics.
const (
	TopicDataRequest = "customers/data_request"
	TopicRedact      = "customers/redact"
	TopicShopRedact  = "shop/redact"
	TopicUninstalled = "app/uninstalled"
)

type customerRef struct {
	ID    json.Number `json:"id"`
	Email string      `json:"email"`
	Phone string      `json:"phone"`
}

// compliance is the body of customers/data_request, customers/redact and
// shop/redact (fields absent from a topic stay empty).
type compliance struct {
	ShopID          json.Number   `json:"shop_id"`
	ShopDomain      string        `json:"shop_domain"`
	Customer        *customerRef  `json:"customer"`
	OrdersRequested []json.Number `json:"orders_requested"`
	OrdersToRedact  []json.Number `json:"orders_to_redact"`
	DataRequest     *struct {
		ID json.Number `json:"id"`
	} `json:"data_request"`
}

var errMalformed = errors.New("malformed payload")

// parseCompliance decodes and checks a compliance payload for topic. The
// body must be valid UTF-8 (json would replace invalid bytes silently) and
// the texts that are stored free of NUL (Postgres TEXT takes none).
func parseCompliance(topic string, body []byte) (*compliance, error) {
	if !utf8.Valid(body) {
		return nil, errors.New("malformed payload: not valid UTF-8")
	}
	var p compliance
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, errMalformed
	}
	if !ValidShopDomain(p.ShopDomain) {
		return nil, errors.New("malformed payload: shop_domain missing or invalid")
	}
	if p.ShopID != "" && !isID(p.ShopID) {
		return nil, errors.New("malformed payload: shop_id is not a number")
	}
	if topic == TopicDataRequest || topic == TopicRedact {
		c := p.Customer
		if c == nil || (c.ID == "" && strings.TrimSpace(c.Email) == "" && strings.TrimSpace(c.Phone) == "") {
			return nil, errors.New("malformed payload: no customer id, e-mail or phone")
		}
		if c.ID != "" && !isID(c.ID) {
			return nil, errors.New("malformed payload: customer id is not a number")
		}
		if strings.ContainsRune(c.Email, 0) || strings.ContainsRune(c.Phone, 0) {
			return nil, errors.New("malformed payload: customer e-mail or phone holds a NUL character")
		}
		if p.DataRequest != nil && p.DataRequest.ID != "" && !isID(p.DataRequest.ID) {
			return nil, errors.New("malformed payload: data_request id is not a number")
		}
		for _, o := range append(p.OrdersRequested, p.OrdersToRedact...) {
			if !isID(o) {
				return nil, errors.New("malformed payload: an order id is not a number")
			}
		}
	}
	return &p, nil
}

func isID(n json.Number) bool {
	v, err := strconv.ParseInt(string(n), 10, 64)
	return err == nil && v > 0
}

// customerGID is the Admin API id of a numeric customer id.
func customerGID(n json.Number) string {
	if n == "" {
		return ""
	}
	return "gid://shopify/Customer/" + string(n)
}

func orderGIDs(ns []json.Number) []string {
	out := make([]string, 0, len(ns))
	for _, n := range ns {
		out = append(out, "gid://shopify/Order/"+string(n))
	}
	return out
}
