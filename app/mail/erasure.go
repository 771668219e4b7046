package mail

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// ErasureSummary is what the erasure confirmation tells the customer: what
// was erased, what is kept (restricted) and why and until when, and what is
// deferred. It holds record types, counts, dates and legal references —
// never the records themselves.
type ErasureSummary struct {
	Erased   []RecordCount
	Kept     []KeptRecords
	Deferred []DeferredRecords
}

// Full reports whether everything was erased (nothing kept or deferred).
func (s ErasureSummary) Full() bool { return len(s.Kept) == 0 && len(s.Deferred) == 0 }

// RecordCount is how many records of a type were erased.
type RecordCount struct {
	RecordType string
	Count      int
}

// KeptRecords are records of one type kept restricted (Art. 18(2) GDPR)
// until the same day under the same legal reference.
type KeptRecords struct {
	RecordType     string
	Count          int
	LegalReference string    // the citation ("§14b(1) UStG; §147(1) Nr. 4, (3) AO"), without commentary
	RetainUntil    gdpr.Date // last day kept; zero: until Criterion is met
	Criterion      string    // when RetainUntil is zero: one of the Criterion… keys (or plain words)
	Fields         []string  // the fields kept, sorted; every other field of these records was erased
}

// Criteria for kept records without an end date.
const (
	CriterionLegalHold       = "legal_hold"        // an open tax assessment or legal claim: kept whole until the hold is lifted
	CriterionUntilInvoice    = "until_invoice"     // a delivery note: until the invoice is issued
	CriterionDeliveryUnknown = "delivery_unknown"  // warranty data: the delivery date is not known yet
	CriterionDocumentUndated = "document_undated"  // the document's date is not known
	CriterionUnknown         = "criterion_unknown" // a rule with neither date nor known criterion
)

// DeferredRecords are records of one type whose erasure waits for the
// contract to be completed (Art. 6(1)(b) GDPR).
type DeferredRecords struct {
	RecordType string
	Count      int
	Reason     string // one of the Reason… keys (or plain words)
}

// Reasons for deferred records.
const (
	ReasonContract          = "contract"            // the order is still being performed
	ReasonContractLegalHold = "contract_legal_hold" // … and a legal hold also applies
)

// SummarizePlan groups an erasure plan for the confirmation: erased
// records counted by type; kept records by type, last day, citation and
// criterion, with the union of their kept fields; deferred records by type
// and reason. Groups come in the order of retention.RecordTypes (unknown
// types after, by name), kept ones by date within a type (dated first).
func SummarizePlan(entries []plan.Entry) ErasureSummary {
	var s ErasureSummary
	type keptKey struct {
		rt, ref, crit string
		until         gdpr.Date
	}
	erased := map[string]int{}
	kept := map[keptKey]*KeptRecords{}
	deferred := map[[2]string]int{}
	for _, e := range entries {
		rt := string(e.RecordType)
		switch e.Action {
		case retention.ActionErase:
			erased[rt]++
		case retention.ActionDefer:
			reason := ReasonContract
			if e.LegalHold {
				reason = ReasonContractLegalHold
			}
			deferred[[2]string{rt, reason}]++
		default: // retain, and anything unknown: say it is kept rather than erased
			k := keptKey{rt: rt, ref: retention.Provisions(e.LegalReference)}
			switch {
			case e.LegalHold:
				k.crit = CriterionLegalHold
			case e.RetainUntil != nil:
				k.until = *e.RetainUntil
			default:
				k.crit = undatedCriterion(e.RecordType)
			}
			g := kept[k]
			if g == nil {
				g = &KeptRecords{RecordType: rt, LegalReference: k.ref, RetainUntil: k.until, Criterion: k.crit, Fields: []string{}}
				kept[k] = g
			}
			g.Count++
			for _, f := range e.KeepFields {
				if !slices.Contains(g.Fields, f) {
					g.Fields = append(g.Fields, f)
				}
			}
		}
	}
	for rt, n := range erased {
		s.Erased = append(s.Erased, RecordCount{RecordType: rt, Count: n})
	}
	slices.SortFunc(s.Erased, func(a, b RecordCount) int { return compareTypes(a.RecordType, b.RecordType) })
	for _, g := range kept {
		slices.Sort(g.Fields)
		s.Kept = append(s.Kept, *g)
	}
	slices.SortFunc(s.Kept, func(a, b KeptRecords) int {
		return cmp.Or(compareTypes(a.RecordType, b.RecordType), compareUntil(a.RetainUntil, b.RetainUntil),
			cmp.Compare(a.Criterion, b.Criterion), cmp.Compare(a.LegalReference, b.LegalReference))
	})
	for k, n := range deferred {
		s.Deferred = append(s.Deferred, DeferredRecords{RecordType: k[0], Count: n, Reason: k[1]})
	}
	slices.SortFunc(s.Deferred, func(a, b DeferredRecords) int {
		return cmp.Or(compareTypes(a.RecordType, b.RecordType), cmp.Compare(a.Reason, b.Reason))
	})
	return s
}

// undatedCriterion is why a retained record of type rt has no last day
// (the rules keep a record whose date is missing, and say so).
func undatedCriterion(rt gdpr.RecordType) string {
	switch rt {
	case retention.DeliveryNote:
		return CriterionUntilInvoice
	case retention.WarrantyData:
		return CriterionDeliveryUnknown
	case retention.Invoice, retention.CreditNote, retention.PaymentRecord, retention.OrderConfirmation,
		retention.BusinessLetter, retention.AccountingRecord, retention.RequestRecord:
		return CriterionDocumentUndated
	}
	return CriterionUnknown
}

// compareTypes orders record types as retention.RecordTypes lists them,
// unknown ones after, by name.
func compareTypes(a, b string) int {
	rank := func(rt string) int {
		if i := slices.Index(retention.RecordTypes(), gdpr.RecordType(rt)); i >= 0 {
			return i
		}
		return len(retention.RecordTypes())
	}
	return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a, b))
}

// compareUntil orders days, the zero day (no date) last.
func compareUntil(a, b gdpr.Date) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}

var (
	paragraphNo = regexp.MustCompile(`\s?\((\d+[a-z]?)\)`)
	letterNo    = regexp.MustCompile(`\s?\(([a-z])\)`)
)

// citationIn writes a citation the way lang cites: in German "Art. 6
// Abs. 1 lit. b DSGVO", "§147 Abs. 1 Nr. 4, Abs. 3 AO"; in English as
// given.
func citationIn(lang, c string) string {
	if lang != "de" {
		return c
	}
	c = paragraphNo.ReplaceAllString(c, " Abs. $1")
	c = letterNo.ReplaceAllString(c, " lit. $1")
	return strings.ReplaceAll(c, "GDPR", "DSGVO")
}
