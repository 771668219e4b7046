package server

// The retention page's citations per country and record type, in each
// language's citation style (German: "§ 147 Abs. 1 Nr. 4 AO", "Art. 17
// Abs. 3 lit. e DSGVO"); the rule sets (app/gdpr/retention) cite in
// English for the reviewer. A record type without an entry shows the rule
// set's citation. [0] German, [1] English.
func init() {
	const (
		deInvoiceDE = "§ 14b Abs. 1 UStG; § 147 Abs. 1 Nr. 4, Abs. 3 AO; § 257 Abs. 1 Nr. 4, Abs. 4 HGB"
		deInvoiceEN = "§14b(1) UStG; §147(1) no. 4, (3) AO; §257(1) no. 4, (4) HGB"
		atBooksDE   = "§ 132 Abs. 1 BAO; § 212 Abs. 1 UGB"
		atBooksEN   = "§132(1) BAO; §212(1) UGB"
	)
	messages(map[string][2]string{
		"settings.retention.policy": {"Keine gesetzliche Frist, von Lethe vorgeschlagen: %d Jahre", "No legal period, Lethe's default: %d years"},

		"settings.law.DE.invoice":            {deInvoiceDE, deInvoiceEN},
		"settings.law.DE.credit_note":        {deInvoiceDE, deInvoiceEN},
		"settings.law.DE.payment_record":     {"§ 147 Abs. 1 Nr. 4 AO; § 257 Abs. 1 Nr. 4 HGB", "§147(1) no. 4 AO; §257(1) no. 4 HGB"},
		"settings.law.DE.order_confirmation": {"§ 147 Abs. 1 Nr. 2, 3 AO; § 257 Abs. 1 Nr. 2, 3, Abs. 2 HGB", "§147(1) nos. 2, 3 AO; §257(1) nos. 2, 3, (2) HGB"},
		"settings.law.DE.business_letter":    {"§ 147 Abs. 1 Nr. 2, 3 AO; § 257 Abs. 1 Nr. 2, 3, Abs. 2 HGB; GoBD", "§147(1) nos. 2, 3 AO; §257(1) nos. 2, 3, (2) HGB; GoBD"},
		"settings.law.DE.accounting_record":  {"§ 147 Abs. 1 Nr. 1 AO; § 257 Abs. 1 Nr. 1 HGB", "§147(1) no. 1 AO; §257(1) no. 1 HGB"},
		"settings.law.DE.marketing_consent_proof": {"Art. 7 Abs. 1 DSGVO: Sie müssen die Einwilligung nachweisen können; 3 Jahre nach Ende des Jahres, in dem sie endete, wie die regelmäßige Verjährung nach §§ 195, 199 BGB",
			"Art. 7(1) GDPR: you must be able to prove the consent; 3 years from the end of the year it ended, as the regular limitation period of §§195, 199 BGB"},
		"settings.law.DE.warranty_data": {"§ 438 Abs. 1 Nr. 3 BGB; § 475e BGB; Art. 17 Abs. 3 lit. e DSGVO", "§438(1) no. 3 BGB; §475e BGB; Art. 17(3)(e) GDPR"},
		"settings.law.DE.request_record": {"Art. 5 Abs. 2, Art. 12 DSGVO: Sie müssen zeigen können, dass und wann Sie eine Anfrage erledigt haben; 3 Jahre nach Ende des Jahres der Erledigung, wie die regelmäßige Verjährung nach §§ 195, 199 BGB (Ansprüche nach Art. 82 DSGVO)",
			"Art. 5(2), 12 GDPR: you must be able to show that and when you handled a request; 3 years from the end of the year it was handled, as the regular limitation period of §§195, 199 BGB (claims under Art. 82 GDPR)"},

		"settings.law.AT.invoice":            {atBooksDE + "; § 11 Abs. 1 UStG 1994", atBooksEN + "; §11(1) UStG 1994"},
		"settings.law.AT.credit_note":        {atBooksDE + "; § 11 UStG 1994", atBooksEN + "; §11 UStG 1994"},
		"settings.law.AT.payment_record":     {atBooksDE, atBooksEN},
		"settings.law.AT.order_confirmation": {atBooksDE, atBooksEN},
		"settings.law.AT.business_letter":    {atBooksDE, atBooksEN},
		"settings.law.AT.accounting_record":  {atBooksDE, atBooksEN},
		"settings.law.AT.delivery_note":      {atBooksDE, atBooksEN},
		"settings.law.AT.marketing_consent_proof": {"Art. 7 Abs. 1 DSGVO: Sie müssen die Einwilligung nachweisen können; 3 Jahre nach Ende des Jahres, in dem sie endete (vgl. § 1489 ABGB)",
			"Art. 7(1) GDPR: you must be able to prove the consent; 3 years from the end of the year it ended (cf. §1489 ABGB)"},
		"settings.law.AT.warranty_data": {"§ 933 ABGB; § 28 VGG; Art. 17 Abs. 3 lit. e DSGVO", "§933 ABGB; §28 VGG; Art. 17(3)(e) GDPR"},
		"settings.law.AT.request_record": {"Art. 5 Abs. 2, Art. 12 DSGVO: Sie müssen zeigen können, dass und wann Sie eine Anfrage erledigt haben; 3 Jahre nach Ende des Jahres der Erledigung (vgl. § 1489 ABGB)",
			"Art. 5(2), 12 GDPR: you must be able to show that and when you handled a request; 3 years from the end of the year it was handled (cf. §1489 ABGB)"},
	})
}
