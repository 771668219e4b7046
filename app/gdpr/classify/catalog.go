package classify

import (
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// kind is what a record type means for Art. 15: its category, its
// purposes (the first decides the legal basis), where the data came from
// and, without a retention duty, until when it is stored.
type kind struct {
	category    string
	purposes    []string
	fromSubject bool
	source      string // source key
	noDuty      string // criterion key when no duty keeps the data
}

var kinds = map[retention.RecordType]kind{
	retention.CustomerAccount:        {"customer_account", []string{"customer_account", "customer_service"}, true, "account", "account"},
	retention.NewsletterSubscription: {"newsletter", []string{"newsletter", "marketing"}, true, "newsletter_signup", "unsubscribe"},
	retention.MarketingConsentProof:  {"consent", []string{"consent_proof", "legal_claims"}, false, "consent_log", "erasure"},
	retention.Invoice:                {"invoices", []string{"tax_retention", "accounting"}, true, "order", "erasure"},
	retention.CreditNote:             {"invoices", []string{"tax_retention", "accounting"}, true, "order", "erasure"},
	retention.PaymentRecord:          {"payments", []string{"tax_retention", "commercial_retention", "payment"}, false, "payment", "erasure"},
	retention.OrderConfirmation:      {"orders", []string{"commercial_retention", "tax_retention", "contract"}, true, "order", "erasure"},
	retention.BusinessLetter:         {"correspondence", []string{"commercial_retention", "customer_service"}, true, "correspondence", "erasure"},
	retention.OrderNote:              {"order_notes", []string{"order_documentation", "customer_service"}, false, "staff_notes", "with_order"},
	retention.ProductReview:          {"contributions", []string{"publication", "moderation"}, true, "contribution", "withdrawal"},
	retention.Comment:                {"contributions", []string{"publication", "moderation"}, true, "contribution", "withdrawal"},
	retention.AnalyticsRecord:        {"analytics", []string{"sales_analytics"}, false, "derived", "derived"},
	retention.AccountingRecord:       {"accounting", []string{"tax_retention", "accounting"}, false, "bookkeeping", "erasure"},
	retention.DeliveryNote:           {"shipping", []string{"tax_retention", "shipping"}, true, "order", "erasure"},
	retention.OpenOrder:              {"open_orders", []string{"contract", "shipping", "payment"}, true, "order", "contract"},
	retention.WarrantyData:           {"warranty", []string{"warranty", "legal_claims"}, false, "shipment", "erasure"},
	retention.TechnicalData:          {"technical_data", []string{"fraud_prevention", "security"}, false, "checkout", "erasure"},
	retention.RequestRecord:          {"requests", []string{"accountability", "legal_claims"}, true, "request", "erasure"},
}

// categoryOrder is the order categories appear in an answer.
var categoryOrder = []string{
	"customer_account", "contributions", "newsletter", "consent", "open_orders", "orders", "order_notes",
	"invoices", "payments", "shipping", "warranty", "correspondence", "accounting", "technical_data",
	"analytics", "requests",
}

// Legal bases: the letter of Art. 6(1) GDPR.
const (
	basisConsent  = "a"
	basisContract = "b"
	basisLegal    = "c"
	basisInterest = "f"
)

// purposeBasis is the Art. 6(1) ground each purpose rests on.
var purposeBasis = map[string]string{
	"newsletter": basisConsent, "marketing": basisConsent, "publication": basisConsent,
	"contract": basisContract, "customer_account": basisContract, "customer_service": basisContract,
	"shipping": basisContract, "payment": basisContract, "warranty": basisContract,
	"tax_retention": basisLegal, "commercial_retention": basisLegal, "accounting": basisLegal, "legal_obligation": basisLegal,
	"consent_proof": basisInterest, "legal_claims": basisInterest, "fraud_prevention": basisInterest,
	"security": basisInterest, "accountability": basisInterest, "moderation": basisInterest,
	"order_documentation": basisInterest, "sales_analytics": basisInterest,
}

// Payment providers see payment, order and invoice data; carriers order,
// shipping and warranty data.
var (
	paymentTypes = map[retention.RecordType]bool{
		retention.Invoice: true, retention.CreditNote: true, retention.PaymentRecord: true,
		retention.OrderConfirmation: true, retention.OpenOrder: true,
	}
	carrierTypes = map[retention.RecordType]bool{
		retention.OrderConfirmation: true, retention.OpenOrder: true, retention.WarrantyData: true, retention.DeliveryNote: true,
	}
)

// Recipient categories connectors report (shopify.CategoryPaymentProvider,
// shopify.CategoryCarrier).
const (
	CategoryPaymentProvider = answer.CategoryPaymentProvider
	CategoryCarrier         = answer.CategoryCarrier
)
