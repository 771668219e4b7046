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
	AccountingRecord       RecordType = "accounting_record"       // books, journal entries
	DeliveryNote           RecordType = "delivery_note"           // Lieferschein that is not a voucher
	CustomerAccount        RecordType = "customer_account"        // login, phone, birthday, preferences, tags, notes
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
		Invoice, CreditNote, PaymentRecord, OrderConfirmation, BusinessLetter,
		AccountingRecord, DeliveryNote, CustomerAccount, TechnicalData,
		NewsletterSubscription, MarketingConsentProof, WarrantyData, OpenOrder,
		RequestRecord,
	}
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
