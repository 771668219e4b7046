package admin

import "time"

// EmailAddress is a customer's default e-mail with its marketing consent.
type EmailAddress struct {
	EmailAddress        string    `json:"emailAddress"`
	MarketingState      string    `json:"marketingState"`
	MarketingOptInLevel string    `json:"marketingOptInLevel"`
	MarketingUpdatedAt  time.Time `json:"marketingUpdatedAt"`
}

// SMSConsent is the SMS marketing consent of a phone number.
type SMSConsent struct {
	State         string    `json:"state"`
	OptInLevel    string    `json:"optInLevel"`
	UpdatedAt     time.Time `json:"updatedAt"`
	CollectedFrom string    `json:"collectedFrom"`
}

// PhoneNumber is a customer's default phone with its SMS consent.
type PhoneNumber struct {
	PhoneNumber         string     `json:"phoneNumber"`
	SMSMarketingConsent SMSConsent `json:"smsMarketingConsent"`
}

// Metafield is a customer metafield.
type Metafield struct {
	ID        string    `json:"id"`
	Namespace string    `json:"namespace"`
	Key       string    `json:"key"`
	Type      string    `json:"type"`
	Value     string    `json:"value"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// Customer is a customer's full profile, with every address and metafield.
type Customer struct {
	ID                  string        `json:"id"`
	FirstName           string        `json:"firstName"`
	LastName            string        `json:"lastName"`
	DisplayName         string        `json:"displayName"`
	Locale              string        `json:"locale"`
	CreatedAt           time.Time     `json:"createdAt"`
	UpdatedAt           time.Time     `json:"updatedAt"`
	State               string        `json:"state"`
	Note                string        `json:"note"`
	Tags                []string      `json:"tags"`
	VerifiedEmail       bool          `json:"verifiedEmail"`
	TaxExempt           bool          `json:"taxExempt"`
	DataSaleOptOut      bool          `json:"dataSaleOptOut"`
	NumberOfOrders      Count         `json:"numberOfOrders"`
	AmountSpent         Money         `json:"amountSpent"`
	DefaultEmailAddress *EmailAddress `json:"defaultEmailAddress"`
	DefaultPhoneNumber  *PhoneNumber  `json:"defaultPhoneNumber"`
	DefaultAddress      *Address      `json:"defaultAddress"`
	Addresses           []Address     `json:"-"`
	Metafields          []Metafield   `json:"-"`
}

// Email is the default e-mail address or "".
func (c *Customer) Email() string {
	if c.DefaultEmailAddress == nil {
		return ""
	}
	return c.DefaultEmailAddress.EmailAddress
}

// Phone is the default phone number or "".
func (c *Customer) Phone() string {
	if c.DefaultPhoneNumber == nil {
		return ""
	}
	return c.DefaultPhoneNumber.PhoneNumber
}

// CustomerSummary is a customer as search results list it.
type CustomerSummary struct {
	ID             string
	FirstName      string
	LastName       string
	Email          string
	Phone          string
	CreatedAt      time.Time
	NumberOfOrders Count
}

type customerSummaryJSON struct {
	ID                  string    `json:"id"`
	FirstName           string    `json:"firstName"`
	LastName            string    `json:"lastName"`
	CreatedAt           time.Time `json:"createdAt"`
	NumberOfOrders      Count     `json:"numberOfOrders"`
	DefaultEmailAddress *struct {
		EmailAddress string `json:"emailAddress"`
	} `json:"defaultEmailAddress"`
	DefaultPhoneNumber *struct {
		PhoneNumber string `json:"phoneNumber"`
	} `json:"defaultPhoneNumber"`
}

func (j customerSummaryJSON) summary() CustomerSummary {
	s := CustomerSummary{ID: j.ID, FirstName: j.FirstName, LastName: j.LastName, CreatedAt: j.CreatedAt, NumberOfOrders: j.NumberOfOrders}
	if j.DefaultEmailAddress != nil {
		s.Email = j.DefaultEmailAddress.EmailAddress
	}
	if j.DefaultPhoneNumber != nil {
		s.Phone = j.DefaultPhoneNumber.PhoneNumber
	}
	return s
}
