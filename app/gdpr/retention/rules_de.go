package retention

import "github.com/lethe-gdpr/lethe/app/gdpr"

// BEG4Effective is the day the Bürokratieentlastungsgesetz IV shortened the
// retention of invoices and vouchers from 10 to 8 years.
var BEG4Effective = gdpr.MustDate(2025, 1, 1)

const (
	beg4 = " — 8 years from the end of the calendar year (Bürokratieentlastungsgesetz IV, in force 1 Jan 2025; " +
		"the 8 years apply to every document whose previous 10-year period had not expired on 1 Jan 2025, " +
		"Art. 97 §19a EGAO; evaluated as of a day before 1 Jan 2025: 10 years)"
	notBanks          = "Banks, insurers and securities institutions keep 10 years; this rule set is for shops, not for them."
	noDuty            = "no retention duty: erase on request (Art. 17(1) GDPR)"
	requestRecordNote = "Policy, not law. Item.Date is the day the request was handled (answered or completed, else received). " +
		"On an erasure request the clear data (e-mail, name, phone, customer and order ids, the e-mails sent) are erased; " +
		"only a record that the request was handled is kept, keyed by the keyed hash of the person's identifier (subject_hash)."
	published     = "Art. 17(1)(b), 17(1)(c) GDPR — published content: consent withdrawn or objection; " + noDuty
	orderNoteNote = "A note the shop's staff (or the shop system) wrote on an order and did not send: neither sent nor received, it is no " +
		"business letter (§257(1) Nr. 2, 3, (2) HGB; §147(1) Nr. 2, 3 AO), and no voucher (the payment's data are kept in the order's payment_record). " +
		"Notes sent to the customer are business_letter. While the order is being performed the note waits with it (Art. 6(1)(b) GDPR, DeferredWithOrder). " +
		"A note that is the only record of something that matters for taxation (§147(1) Nr. 5 AO) is the merchant's case: set a legal hold."
	reviewNote = "The person's own contribution, published under the name they gave, on consent (Art. 6(1)(a) GDPR; moderation on Art. 6(1)(f)); no duty keeps it. " +
		"On request it is deleted. Anonymizing it instead (name, e-mail and IP address removed, text kept) is the merchant's choice for a text that does not identify the person, not the rule; " +
		"Art. 17(3)(a) GDPR (freedom of expression) is not claimed. Never deferred with an order."
	commentNote = "A comment on the shop's WordPress posts that is not a product review. WordPress's own eraser anonymizes comments (author name, e-mail, URL, IP address removed): " +
		"that is erasure only where the text does not identify the person. Never deferred with an order."
	analyticsNote = "WooCommerce's analytics customer row (wc_customer_lookup): name, e-mail, location and last activity copied from the account and the orders for the shop's reports, " +
		"on legitimate interest (Art. 6(1)(f) GDPR). No duty covers the copy: the records it was derived from are kept under their own rules. Never deferred with an order."
	restrict = " Kept restricted (Art. 17(3)(b), 18(2) GDPR; §35(3) BDSG): stored only, nothing else."
)

// beg4Transition is the pre-2025 10-year period for invoices and vouchers.
func beg4Transition() *Transition {
	return &Transition{Effective: BEG4Effective, Before: Period{Years: 10}}
}

// DE returns the German rule set (the default).
func DE() Set {
	return newSet(gdpr.CountryDE, "Germany (after the Bürokratieentlastungsgesetz IV)", []Rule{
		{
			RecordType: Invoice, Title: "Rechnung (invoice)", Action: ActionRetain, Basis: BasisLaw,
			Period: Period{Years: 8}, Start: StartEndOfDocumentYear, Transition: beg4Transition(),
			LegalReference: "§14b(1) UStG; §147(1) Nr. 4, (3) AO; §257(1) Nr. 4, (4) HGB" + beg4,
			KeepFields:     invoiceFieldsDE(),
			Note:           "Keep fields: the §14(4) UStG contents and nothing else." + restrict + " " + notBanks,
		},
		{
			RecordType: CreditNote, Title: "Gutschrift, Rechnungskorrektur (credit note)", Action: ActionRetain, Basis: BasisLaw,
			Period: Period{Years: 8}, Start: StartEndOfDocumentYear, Transition: beg4Transition(),
			LegalReference: "§14b(1) UStG; §147(1) Nr. 4, (3) AO; §257(1) Nr. 4, (4) HGB" + beg4,
			KeepFields:     creditNoteFieldsDE(),
			Note:           "invoice_number/invoice_date are the credit note's own; corrected_invoice_number the invoice it corrects." + restrict + " " + notBanks,
		},
		{
			RecordType: PaymentRecord, Title: "Buchungsbeleg: Zahlung, Erstattung, PSP-Abrechnung (payment record)", Action: ActionRetain, Basis: BasisLaw,
			Period: Period{Years: 8}, Start: StartEndOfDocumentYear, Transition: beg4Transition(),
			LegalReference: "§147(1) Nr. 4 AO; §257(1) Nr. 4 HGB" + beg4,
			KeepFields:     paymentFields(),
			Note:           "Counted from the end of the year the voucher was created. No card or account numbers, no payer e-mail." + restrict + " " + notBanks,
		},
		{
			RecordType: OrderConfirmation, Title: "Auftragsbestätigung, angenommenes Angebot (order confirmation)", Action: ActionRetain, Basis: BasisLaw,
			Period: Period{Years: 6}, Start: StartEndOfDocumentYear,
			LegalReference: "§147(1) Nr. 2, 3 AO; §257(1) Nr. 2, 3, (2) HGB — 6 years from the end of the calendar year the letter was sent or received",
			KeepFields:     orderConfirmationFields(),
			Note:           "A business letter (Handelsbrief) as sent; customer e-mail, phone and notes are not part of the duty." + restrict,
		},
		{
			RecordType: BusinessLetter, Title: "Handels-/Geschäftsbrief: Widerruf, Retoure (business letter)", Action: ActionRetain, Basis: BasisLaw,
			Period: Period{Years: 6}, Start: StartEndOfDocumentYear,
			LegalReference: "§147(1) Nr. 2, 3 AO; §257(1) Nr. 2, 3, (2) HGB; GoBD — 6 years from the end of the calendar year the letter was sent or received",
			KeepFields:     businessLetterFields(),
			Note:           "E-mails that serve as business letters are kept 6 years; e-mails that serve as vouchers are payment_record (8 years) (GoBD; §147 AO). For an e-mail, sender and recipient are its addresses." + restrict,
		},
		{
			RecordType: OrderNote, Title: "Interne Bestellnotiz (order note)", Action: ActionErase, Basis: BasisNone, Start: StartNone,
			LegalReference: "Art. 17(1) GDPR — " + noDuty,
			Note:           orderNoteNote,
		},
		{
			RecordType: AccountingRecord, Title: "Bücher, Journal, Abschlüsse (accounting record)", Action: ActionRetain, Basis: BasisLaw,
			Period: Period{Years: 10}, Start: StartEndOfDocumentYear,
			LegalReference: "§147(1) Nr. 1 AO; §257(1) Nr. 1 HGB — 10 years from the end of the calendar year of the last entry (not shortened by the Bürokratieentlastungsgesetz IV)",
			KeepFields:     accountingFields(),
			Note:           "Item.Date is the date of the last entry." + restrict,
		},
		{
			RecordType: DeliveryNote, Title: "Lieferschein, kein Buchungsbeleg (delivery note)", Action: ActionRetain, Basis: BasisLaw,
			Start:          StartUntilInvoice,
			LegalReference: "§147(3) AO — a delivery note that is not a voucher is kept only until the invoice is issued",
			KeepFields:     deliveryNoteFields(),
			Note:           "Item.Invoiced is the invoice date; without it the note is kept until the invoice is issued. A delivery note that is a voucher is payment_record." + restrict,
		},
		{
			RecordType: CustomerAccount, Title: "Kundenkonto (customer account)", Action: ActionErase, Basis: BasisNone, Start: StartNone,
			LegalReference: "Art. 17(1) GDPR — " + noDuty,
			Note:           "Login, phone, birthday, preferences, tags, notes.",
		},
		{
			RecordType: ProductReview, Title: "Produktbewertung (product review)", Action: ActionErase, Basis: BasisNone, Start: StartNone,
			LegalReference: published, Note: reviewNote,
		},
		{
			RecordType: Comment, Title: "Blog-Kommentar (comment)", Action: ActionErase, Basis: BasisNone, Start: StartNone,
			LegalReference: published, Note: commentNote,
		},
		{
			RecordType: AnalyticsRecord, Title: "Statistikeintrag (analytics record)", Action: ActionErase, Basis: BasisNone, Start: StartNone,
			LegalReference: "Art. 17(1) GDPR — a derived copy for the shop's reports; " + noDuty,
			Note:           analyticsNote,
		},
		{
			RecordType: TechnicalData, Title: "Technische Daten (technical data)", Action: ActionErase, Basis: BasisNone, Start: StartNone,
			LegalReference: "Art. 17(1) GDPR — " + noDuty,
			Note:           "IP address, user agent, browser, landing page.",
		},
		{
			RecordType: NewsletterSubscription, Title: "Newsletter-Abonnement (newsletter subscription)", Action: ActionErase, Basis: BasisNone, Start: StartNone,
			LegalReference: "Art. 7(3), 17(1)(b) GDPR — consent withdrawn; " + noDuty,
			Note:           "The double-opt-in proof is a separate record: marketing_consent_proof.",
		},
		{
			RecordType: MarketingConsentProof, Title: "Double-Opt-in-Nachweis (marketing consent proof)", Action: ActionRetain, Basis: BasisPolicy,
			Period: Period{Years: 3}, Start: StartEndOfConsentYear,
			LegalReference: "Art. 7(1) GDPR (the controller must prove consent); policy, not law: 3 years from the end of the year consent ended, the regular limitation period of §§195, 199 BGB",
			KeepFields:     consentProofFields(),
			Note:           "Policy, not law. Without Item.ConsentEnded the erasure request itself ends the consent, so the period counts from today's year." + restrict,
		},
		{
			RecordType: WarrantyData, Title: "Gewährleistungsdaten (warranty data)", Action: ActionRetain, Basis: BasisLaw,
			Period: Period{Years: 2}, Start: StartDeliveryDate,
			LegalReference: "§438(1) Nr. 3 BGB; §475e BGB; Art. 17(3)(e) GDPR — 2 years from delivery (limitation of warranty claims for goods)",
			KeepFields:     warrantyFields(),
			Note: "Not a retention duty but the statutory limitation period; keeping rests on Art. 17(3)(e) GDPR. " +
				"Counted like §§187(1), 188(2) BGB: delivered 2024-03-20 → kept through 2026-03-20. " +
				"Without a delivery date the data are kept until it is known. The §475e(3), (4) BGB extensions arise only " +
				"once a defect has shown or been notified: set a legal hold then." + restrict,
		},
		{
			RecordType: OpenOrder, Title: "Offene Bestellung (open order)", Action: ActionDefer, Basis: BasisLaw, Start: StartNone,
			LegalReference: "Art. 6(1)(b) GDPR — the contract is still being performed (unpaid, unshipped or open return); " +
				"erasure is deferred until it is completed, and the customer is told",
			Note: "All data needed for the contract are kept; evaluate again once the order is completed.",
		},
		{
			RecordType: RequestRecord, Title: "Nachweis einer Betroffenenanfrage (request record)", Action: ActionRetain, Basis: BasisPolicy,
			Period: Period{Years: 3}, Start: StartEndOfDocumentYear,
			LegalReference: "Art. 5(2), 12 GDPR (accountability: the controller must be able to show that and when it handled a request); " +
				"policy, not law: 3 years from the end of the year the request was handled, the regular limitation period of §§195, 199 BGB (claims under Art. 82 GDPR)",
			KeepFields: requestRecordFields(),
			Note:       requestRecordNote + restrict,
		},
	})
}
