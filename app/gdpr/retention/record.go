package retention

import (
	"fmt"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// RecordType is gdpr.RecordType; the vocabulary lives here, beside the rules.
type RecordType = gdpr.RecordType

// The record types connectors classify items into.
const (
	Invoice                RecordType = "invoice"                 // Rechnung
	CreditNote             RecordType = "credit_note"             // Gutschrift, Rechnungskorrektur
	PaymentRecord          RecordType = "payment_record"          // payment, refund, PSP statement (Buchungsbeleg)
	OrderConfirmation      RecordType = "order_confirmation"      // order confirmation, accepted offer (Handelsbrief)
	BusinessLetter         RecordType = "business_letter"         // other business correspondence: withdrawal, returns
	OrderNote              RecordType = "order_note"              // a note the shop's staff wrote on an order and did not send
	AccountingRecord       RecordType = "accounting_record"       // books, journal entries
	DeliveryNote           RecordType = "delivery_note"           // Lieferschein that is not a voucher
	CustomerAccount        RecordType = "customer_account"        // login, phone, birthday, preferences, tags, notes
	ProductReview          RecordType = "product_review"          // a review the person published on the shop
	Comment                RecordType = "comment"                 // a comment the person wrote on the shop's blog (WordPress)
	AnalyticsRecord        RecordType = "analytics_record"        // a derived copy for the shop's reports (name, e-mail, location, last activity)
	TechnicalData          RecordType = "technical_data"          // IP address, user agent, browser, landing page
	NewsletterSubscription RecordType = "newsletter_subscription" // the subscription itself
	MarketingConsentProof  RecordType = "marketing_consent_proof" // double-opt-in proof (Art. 7(1) GDPR)
	WarrantyData           RecordType = "warranty_data"           // what a warranty claim needs
	OpenOrder              RecordType = "open_order"              // order still being performed
	RequestRecord          RecordType = "request_record"          // a data-subject request the shop handled (accountability)
)

// RecordTypes lists every record type in a stable order.
func RecordTypes() []RecordType {
	return []RecordType{
		Invoice, CreditNote, PaymentRecord, OrderConfirmation, BusinessLetter, OrderNote,
		AccountingRecord, DeliveryNote, CustomerAccount, ProductReview, Comment,
		AnalyticsRecord, TechnicalData, NewsletterSubscription, MarketingConsentProof,
		WarrantyData, OpenOrder, RequestRecord,
	}
}

// DeferredWithOrder reports whether a record of type rt waits with its
// order while the order is still being performed (gdpr.Item.Open): the
// contract (Art. 6(1)(b) GDPR) needs the order's documents and the staff's
// notes on it, but not the IP address and user agent of the checkout, nor
// what is not part of an order at all — a review, a comment, an analytics
// record. Those are planned as if the order were completed.
func DeferredWithOrder(rt RecordType) bool {
	switch rt {
	case TechnicalData, ProductReview, Comment, AnalyticsRecord:
		return false
	}
	return true
}

// ParseRecordType accepts a record type name; the error names the valid ones.
func ParseRecordType(s string) (RecordType, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, rt := range RecordTypes() {
		if string(rt) == s {
			return rt, nil
		}
	}
	return "", fmt.Errorf("%w %q (valid: %s)", ErrUnknownRecordType, s, recordTypeList())
}

func recordTypeList() string {
	names := make([]string, 0, len(RecordTypes()))
	for _, rt := range RecordTypes() {
		names = append(names, string(rt))
	}
	return strings.Join(names, ", ")
}
