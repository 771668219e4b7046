package retention

import "github.com/lethe-gdpr/lethe/app/gdpr"

const (
	atBooks   = "§132(1) BAO; §212(1) UGB — 7 years from the end of the calendar year"
	atRestric = " Kept restricted (Art. 17(3)(b), 18(2) GDPR): stored only, nothing else."
)

// AT returns the Austrian rule set: books, records and vouchers 7 years
// from the end of the calendar year (§132 BAO, §212 UGB).
func AT() Set {
	invoice := invoiceFieldsAT()
	return newSet(gdpr.CountryAT, "Austria", []Rule{
		{
			RecordType: Invoice, Title: "Rechnung (invoice)", Action: ActionRetain, Basis: BasisLaw,
			Period: Period{Years: 7}, Start: StartEndOfDocumentYear,
			LegalReference: atBooks + " (invoice contents: §11(1) UStG 1994)",
			KeepFields:     invoice,
			Note:           "The period is suspended while the documents matter for pending proceedings (§132(1) BAO): set a legal hold." + atRestric,
		},
		{
			RecordType: CreditNote, Title: "Gutschrift (credit note)", Action: ActionRetain, Basis: BasisLaw,
			Period: Period{Years: 7}, Start: StartEndOfDocumentYear,
			LegalReference: atBooks + " (contents: §11 UStG 1994)",
			KeepFields:     append(invoiceFieldsAT(), FieldCorrectedInvoice),
			Note:           "invoice_number/invoice_date are the credit note's own." + atRestric,
		},
		{
			RecordType: PaymentRecord, Title: "Beleg: Zahlung, Erstattung (payment record)", Action: ActionRetain, Basis: BasisLaw,
			Period: Period{Years: 7}, Start: StartEndOfDocumentYear,
			LegalReference: atBooks, KeepFields: paymentFields(), Note: atRestric[1:],
		},
		{
			RecordType: OrderConfirmation, Title: "Auftragsbestätigung (order confirmation)", Action: ActionRetain, Basis: BasisLaw,
			Period: Period{Years: 7}, Start: StartEndOfDocumentYear,
			LegalReference: atBooks + " (business letters received and copies of those sent)",
			KeepFields:     orderConfirmationFields(), Note: atRestric[1:],
		},
		{
			RecordType: BusinessLetter, Title: "Geschäftsbrief (business letter)", Action: ActionRetain, Basis: BasisLaw,
			Period: Period{Years: 7}, Start: StartEndOfDocumentYear,
			LegalReference: atBooks + " (business letters received and copies of those sent)",
			KeepFields:     businessLetterFields(), Note: atRestric[1:],
		},
		{
			RecordType: OrderNote, Title: "Interne Bestellnotiz (order note)", Action: ActionErase, Basis: BasisNone, Start: StartNone,
			LegalReference: "Art. 17(1) GDPR — " + noDuty,
			Note: "Neither sent nor received, so no business letter (§132(1) BAO; §212(1) UGB); notes sent to the customer are business_letter. " +
				"While the order is being performed the note waits with it (Art. 6(1)(b) GDPR).",
		},
		{
			RecordType: AccountingRecord, Title: "Bücher und Aufzeichnungen (accounting record)", Action: ActionRetain, Basis: BasisLaw,
			Period: Period{Years: 7}, Start: StartEndOfDocumentYear,
			LegalReference: atBooks, KeepFields: accountingFields(), Note: "Item.Date is the date of the last entry." + atRestric,
		},
		{
			RecordType: DeliveryNote, Title: "Lieferschein (delivery note)", Action: ActionRetain, Basis: BasisLaw,
			Period: Period{Years: 7}, Start: StartEndOfDocumentYear,
			LegalReference: atBooks + " (a delivery note belongs to the vouchers)",
			KeepFields:     deliveryNoteFields(),
			Note:           "Austrian law has no counterpart to the German until-the-invoice rule; kept as a voucher (the safe reading)." + atRestric,
		},
		{
			RecordType: CustomerAccount, Title: "Kundenkonto (customer account)", Action: ActionErase, Basis: BasisNone, Start: StartNone,
			LegalReference: "Art. 17(1) GDPR — " + noDuty,
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
		},
		{
			RecordType: NewsletterSubscription, Title: "Newsletter-Abonnement (newsletter subscription)", Action: ActionErase, Basis: BasisNone, Start: StartNone,
			LegalReference: "Art. 7(3), 17(1)(b) GDPR — consent withdrawn; " + noDuty,
		},
		{
			RecordType: MarketingConsentProof, Title: "Double-Opt-in-Nachweis (marketing consent proof)", Action: ActionRetain, Basis: BasisPolicy,
			Period: Period{Years: 3}, Start: StartEndOfConsentYear,
			LegalReference: "Art. 7(1) GDPR (the controller must prove consent); policy, not law: 3 years from the end of the year consent ended, as in the German rule set (cf. the 3-year limitation of §1489 ABGB)",
			KeepFields:     consentProofFields(), Note: "Policy, not law." + atRestric,
		},
		{
			RecordType: WarrantyData, Title: "Gewährleistungsdaten (warranty data)", Action: ActionRetain, Basis: BasisLaw,
			Period: Period{Years: 2, Months: 3}, Start: StartDeliveryDate,
			LegalReference: "§933 ABGB; §28 VGG; Art. 17(3)(e) GDPR — warranty period of 2 years from delivery, claims time-barred 3 months after it ends",
			KeepFields:     warrantyFields(),
			Note:           "Not a retention duty but the statutory limitation; keeping rests on Art. 17(3)(e) GDPR." + atRestric,
		},
		{
			RecordType: OpenOrder, Title: "Offene Bestellung (open order)", Action: ActionDefer, Basis: BasisLaw, Start: StartNone,
			LegalReference: "Art. 6(1)(b) GDPR — the contract is still being performed; erasure is deferred until it is completed, and the customer is told",
		},
		{
			RecordType: RequestRecord, Title: "Nachweis einer Betroffenenanfrage (request record)", Action: ActionRetain, Basis: BasisPolicy,
			Period: Period{Years: 3}, Start: StartEndOfDocumentYear,
			LegalReference: "Art. 5(2), 12 GDPR (accountability: the controller must be able to show that and when it handled a request); " +
				"policy, not law: 3 years from the end of the year the request was handled, as in the German rule set (cf. the 3-year limitation of §1489 ABGB)",
			KeepFields: requestRecordFields(),
			Note:       requestRecordNote + atRestric,
		},
	})
}

// invoiceFieldsAT: §11(1) UStG 1994 has the supplier's UID but no separate
// Steuernummer, and no item for reductions agreed in advance.
func invoiceFieldsAT() []string {
	var out []string
	for _, f := range invoiceFieldsDE() {
		if f != FieldSellerTaxNumber && f != FieldAgreedReductions {
			out = append(out, f)
		}
	}
	return out
}
