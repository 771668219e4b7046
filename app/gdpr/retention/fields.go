package retention

// Field names of the keep lists. They are the contract with the connectors:
// a connector puts the data a retention duty covers into gdpr.Item.Fields
// under these names, and everything else under any other name, so the plan
// can keep exactly these and erase the rest (Art. 18(2) GDPR: keep only
// what the duty needs).
//
// Amounts are decimal strings; dates YYYY-MM-DD; line_items is a list of
// objects with the keys description, quantity, unit, unit_price_net,
// net_amount and tax_rate (the plan keeps or erases line_items as a whole).
const (
	// Invoice contents, §14(4) UStG (Germany) and §11(1) UStG 1994 (Austria).
	FieldSellerName       = "seller_name"        // Nr. 1: full name of the supplier
	FieldSellerAddress    = "seller_address"     // Nr. 1: full address of the supplier
	FieldBuyerName        = "buyer_name"         // Nr. 1: full name of the recipient
	FieldBuyerAddress     = "buyer_address"      // Nr. 1: full (billing) address of the recipient
	FieldSellerTaxNumber  = "seller_tax_number"  // Nr. 2: the supplier's Steuernummer …
	FieldSellerVATID      = "seller_vat_id"      // Nr. 2: … or USt-IdNr.
	FieldBuyerVATID       = "buyer_vat_id"       // §14a UStG: the recipient's USt-IdNr. (B2B, reverse charge)
	FieldInvoiceDate      = "invoice_date"       // Nr. 3: date of issue
	FieldInvoiceNumber    = "invoice_number"     // Nr. 4: sequential invoice number
	FieldLineItems        = "line_items"         // Nr. 5: quantity and description of goods or services
	FieldDeliveryDate     = "delivery_date"      // Nr. 6: date of delivery or service
	FieldNetAmounts       = "net_amounts"        // Nr. 7: net consideration broken down by tax rate
	FieldAgreedReductions = "agreed_reductions"  // Nr. 7: reductions agreed in advance (discounts, Skonto)
	FieldTaxRates         = "tax_rates"          // Nr. 8: tax rate(s)
	FieldTaxAmounts       = "tax_amounts"        // Nr. 8: tax amount(s)
	FieldTaxExemptionNote = "tax_exemption_note" // Nr. 8: note on a tax exemption
	FieldCurrency         = "currency"           // the currency of all amounts
	FieldCorrectedInvoice = "corrected_invoice_number"
	FieldOrderNumber      = "order_number"
	FieldOrderDate        = "order_date"
	FieldShippingAddress  = "shipping_address"
	FieldTotalAmount      = "total_amount"
	FieldPaymentMethod    = "payment_method" // "card", "paypal", … never card or account numbers
	FieldTermsVersion     = "terms_version"  // version of the terms the buyer accepted
	FieldPaymentDate      = "payment_date"
	FieldPaymentType      = "payment_type" // payment, refund, chargeback
	FieldAmount           = "amount"
	FieldTransactionID    = "transaction_id" // the payment provider's reference
	FieldPayerName        = "payer_name"
	FieldLetterDate       = "letter_date"
	FieldSender           = "sender"    // as on the letter; for an e-mail its From address
	FieldRecipient        = "recipient" // as on the letter; for an e-mail its To address
	FieldSubject          = "subject"
	FieldBody             = "body"
	FieldEntryDate        = "entry_date"
	FieldEntryNumber      = "entry_number"
	FieldAccount          = "account"
	FieldContraAccount    = "contra_account"
	FieldAccountHolder    = "account_holder" // name on a debtor (customer) account
	FieldTaxRate          = "tax_rate"
	FieldTaxAmount        = "tax_amount"
	FieldDocumentNumber   = "document_number"
	FieldBookingText      = "booking_text"
	FieldDeliveryNoteNo   = "delivery_note_number"
	FieldEmail            = "email" // only in the consent proof: the address that consented
	FieldConsentTextVer   = "consent_text_version"
	FieldConsentGivenAt   = "consent_given_at"
	FieldConsentConfirmed = "consent_confirmed_at"
	FieldConsentEndedAt   = "consent_ended_at"
	FieldConfirmationIP   = "confirmation_ip" // IP of the confirmation click: part of the double-opt-in proof
	FieldSerialNumbers    = "serial_numbers"  // of the goods sold, where recorded
	// A data-subject request, as kept after it was handled: the keyed hash
	// of the person's identifier instead of the identifier itself.
	FieldSubjectHash   = "subject_hash"   // keyed hash (HMAC) of the normalised e-mail or customer id
	FieldRequestType   = "request_type"   // access, erasure, …
	FieldRequestStatus = "request_status" // the status it ended in
	FieldReceivedAt    = "received_at"    // when the request was received
	FieldDueAt         = "due_at"         // the Art. 12(3) GDPR deadline
	FieldAnsweredAt    = "answered_at"    // when it was answered
	FieldCompletedAt   = "completed_at"   // when it was completed (erasure carried out)
)

// keep lists, shared by the country rule sets. Each call returns a fresh
// slice so callers may not change a rule set by accident.
func invoiceFieldsDE() []string {
	return []string{
		FieldSellerName, FieldSellerAddress, FieldSellerTaxNumber, FieldSellerVATID,
		FieldBuyerName, FieldBuyerAddress, FieldBuyerVATID,
		FieldInvoiceDate, FieldInvoiceNumber, FieldLineItems, FieldDeliveryDate,
		FieldNetAmounts, FieldAgreedReductions, FieldTaxRates, FieldTaxAmounts,
		FieldTaxExemptionNote, FieldCurrency,
	}
}

// credit notes carry the invoice contents (a Gutschrift is an invoice,
// §14(2) sentence 2 UStG; invoice_number and invoice_date are the credit
// note's own) plus the number of the invoice they correct.
func creditNoteFieldsDE() []string { return append(invoiceFieldsDE(), FieldCorrectedInvoice) }

func paymentFields() []string {
	return []string{
		FieldPaymentDate, FieldPaymentType, FieldAmount, FieldCurrency, FieldPaymentMethod,
		FieldTransactionID, FieldInvoiceNumber, FieldOrderNumber, FieldPayerName,
	}
}

func orderConfirmationFields() []string {
	return []string{
		FieldOrderNumber, FieldOrderDate, FieldSellerName, FieldSellerAddress,
		FieldBuyerName, FieldBuyerAddress, FieldShippingAddress, FieldLineItems,
		FieldTotalAmount, FieldCurrency, FieldPaymentMethod, FieldTermsVersion,
	}
}

func businessLetterFields() []string {
	return []string{FieldLetterDate, FieldSender, FieldRecipient, FieldSubject, FieldBody, FieldOrderNumber}
}

func accountingFields() []string {
	return []string{
		FieldEntryDate, FieldEntryNumber, FieldAccount, FieldContraAccount, FieldAccountHolder,
		FieldAmount, FieldCurrency, FieldTaxRate, FieldTaxAmount, FieldDocumentNumber, FieldBookingText,
	}
}

func deliveryNoteFields() []string {
	return []string{FieldDeliveryNoteNo, FieldDeliveryDate, FieldOrderNumber, FieldBuyerName, FieldShippingAddress, FieldLineItems}
}

func consentProofFields() []string {
	return []string{FieldEmail, FieldConsentTextVer, FieldConsentGivenAt, FieldConsentConfirmed, FieldConsentEndedAt, FieldConfirmationIP}
}

func warrantyFields() []string {
	return []string{FieldOrderNumber, FieldBuyerName, FieldLineItems, FieldSerialNumbers, FieldDeliveryDate, FieldTotalAmount, FieldCurrency}
}

// requestRecordFields: what shows that a request was handled, and when,
// without the person's clear data (Art. 5(2), 12 GDPR).
func requestRecordFields() []string {
	return []string{FieldSubjectHash, FieldRequestType, FieldRequestStatus, FieldReceivedAt, FieldDueAt, FieldAnsweredAt, FieldCompletedAt}
}
