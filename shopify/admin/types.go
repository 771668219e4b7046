package admin

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// Money is a MoneyV2: a decimal amount as Shopify writes it ("19.9") and
// an ISO currency code.
type Money struct {
	Amount       string `json:"amount"`
	CurrencyCode string `json:"currencyCode"`
}

// MoneyBag is an amount in the shop's and in the customer's currency.
type MoneyBag struct {
	ShopMoney        Money `json:"shopMoney"`
	PresentmentMoney Money `json:"presentmentMoney"`
}

// Address is a MailingAddress (or the shop's ShopAddress, which has no
// names).
type Address struct {
	ID           string `json:"id"`
	FirstName    string `json:"firstName"`
	LastName     string `json:"lastName"`
	Name         string `json:"name"`
	Company      string `json:"company"`
	Address1     string `json:"address1"`
	Address2     string `json:"address2"`
	City         string `json:"city"`
	Zip          string `json:"zip"`
	Province     string `json:"province"`
	ProvinceCode string `json:"provinceCode"`
	Country      string `json:"country"`
	CountryCode  string `json:"countryCodeV2"`
	Phone        string `json:"phone"`
}

// Count is an UnsignedInt64, which Shopify writes as a JSON string.
type Count uint64

// UnmarshalJSON accepts "12" and 12.
func (c *Count) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "null" || s == "" {
		*c = 0
		return nil
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return err
	}
	*c = Count(n)
	return nil
}

// MarshalJSON writes the count as Shopify does, as a string.
func (c Count) MarshalJSON() ([]byte, error) {
	return json.Marshal(strconv.FormatUint(uint64(c), 10))
}

// Shop is the shop's identity, zone and address.
type Shop struct {
	ID              string  `json:"id"`
	Name            string  `json:"name"`
	Email           string  `json:"email"`
	ContactEmail    string  `json:"contactEmail"`
	MyshopifyDomain string  `json:"myshopifyDomain"`
	IanaTimezone    string  `json:"ianaTimezone"`
	CurrencyCode    string  `json:"currencyCode"`
	Address         Address `json:"shopAddress"`
	PrimaryDomain   Domain  `json:"primaryDomain"`
	// PrimaryLocale is the shop's primary locale, read by a second
	// document (Client.PrimaryLocale); "" when unknown.
	PrimaryLocale string `json:"-"`
}

// ShopLocale is a locale enabled on the shop.
type ShopLocale struct {
	Locale    string `json:"locale"`
	Primary   bool   `json:"primary"`
	Published bool   `json:"published"`
}

// Domain is a shop's domain (its primary one: the storefront's address).
type Domain struct {
	Host string `json:"host"`
	URL  string `json:"url"`
}

// Location returns the shop's time zone (UTC when unknown).
func (s Shop) Location() *time.Location {
	if loc, err := time.LoadLocation(s.IanaTimezone); err == nil {
		return loc
	}
	return time.UTC
}
