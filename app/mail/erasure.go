package mail

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// ErasureSummary is what the erasure confirmation tells the customer: what
// was erased, what a system was only asked to erase (started, not done),
// what is kept (restricted) and why and until when, what is deferred, and
// whom the erasure will be told (Art. 19 GDPR). It holds record types,
// counts, dates, legal references and recipients — never the records
// themselves.
type ErasureSummary struct {
	Erased []RecordCount
	// Started are records of systems that were asked to erase them and do
	// so by their own rules (Shopify queues customerRequestDataErasure, and
	// erases on its own after its customers/redact): the erasure is started,
	// not done. StartedBy names those systems.
	Started   []RecordCount
	StartedBy []string
	// Remaining are records of systems that offer no erasure Lethe could
	// start (Shopify's guest orders): nothing was erased there, they remain
	// until the merchant deletes them there. RemainingAt names those
	// systems; RemainingKept: records kept (restricted) in Lethe's archive
	// also still lie whole in one of them.
	Remaining     []RecordCount
	RemainingAt   []string
	RemainingKept bool
	// RemainingFields: of the records kept, a system could not erase these
	// fields (the erasure left them, plan.Left): they still lie there
	// beside what is kept. Where a system left records or fields rather
	// than offering no erasure at all, RemainingPartly is true.
	RemainingFields []string
	RemainingPartly bool
	Kept            []KeptRecords
	Deferred        []DeferredRecords
	// Inform are the recipients to be told of the erasure (Art. 19 sentence
	// 1 GDPR): real recipients only (Art19Recipients).
	Inform []answer.Recipient
}

// Full reports whether nothing is kept, deferred or left in a system that
// could not erase it.
func (s ErasureSummary) Full() bool {
	return len(s.Kept) == 0 && len(s.Deferred) == 0 && s.AllCarriedOut()
}

// AllCarriedOut reports whether every system erased what the plan asked of
// it (nothing Remaining, no field left beside the kept ones).
func (s ErasureSummary) AllCarriedOut() bool {
	return len(s.Remaining) == 0 && len(s.RemainingFields) == 0
}

// NothingFound reports whether the plan held no record at all: no data
// about the person were found.
func (s ErasureSummary) NothingFound() bool {
	return len(s.Erased) == 0 && len(s.Started) == 0 && s.Full()
}

// RecordCount is how many records of a type were erased.
type RecordCount struct {
	RecordType string
	Count      int
}

// KeptRecords are the records of one type kept restricted (Art. 18(2)
// GDPR), one group per type and criterion: the dated ones together, from
// the earliest to the latest last day, their legal references united.
type KeptRecords struct {
	RecordType     string
	Count          int
	LegalReference string    // the citations ("§14b(1) UStG; §147(1) Nr. 4, (3) AO"), without commentary
	From           gdpr.Date // the earliest last day, when the records' last days differ; zero when they are one day
	RetainUntil    gdpr.Date // the (latest) last day kept; zero: until Criterion is met
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
// contract to be completed (Art. 6(1)(b) GDPR), at the longest until Until:
// the last day a claim from the order can exist (§§ 195, 199 BGB); zero
// when that is not known for every one of them.
type DeferredRecords struct {
	RecordType string
	Count      int
	Reason     string // one of the Reason… keys (or plain words)
	Until      gdpr.Date
}

// Reasons for deferred records.
const (
	ReasonContract          = "contract"            // the order is still being performed
	ReasonContractLegalHold = "contract_legal_hold" // … and a legal hold also applies
)

// SummarizePlan groups an erasure plan for the confirmation: erased
// records counted by type (those of the systems in started apart: their
// erasure is started, not done); kept records by type and criterion, dated
// ones in one group from the earliest to the latest day, with the union of
// their kept fields and citations; deferred records by type and reason.
// Groups come in the order of retention.RecordTypes (unknown types after,
// by name), kept ones dated first within a type.
func SummarizePlan(entries []plan.Entry, started ...string) ErasureSummary {
	return SummarizeErasure(entries, started, nil)
}

// SummarizeErasure is SummarizePlan where the systems in remaining offered
// no erasure (connect.ErasureResult.Unsupported): their records to erase
// are counted as Remaining, not erased, and RemainingKept says whether
// records kept in the archive also still lie whole there.
func SummarizeErasure(entries []plan.Entry, started, remaining []string) ErasureSummary {
	return SummarizeOutcome(entries, Outcome{Started: started, Unsupported: remaining})
}

// Outcome is what the systems did with a plan: Started, the systems that
// only started the erasure; Unsupported, those that offered none; Left, the
// records or fields a system could not erase of an erasure it otherwise
// carried out (connect.ErasureResult.Left).
type Outcome struct {
	Started     []string
	Unsupported []string
	Left        []plan.Left
}

// SummarizeOutcome is SummarizeErasure with the records left: a record to
// erase with anything left is counted as Remaining, not erased; a kept
// record's fields left are RemainingFields (the kept details are said as
// such).
func SummarizeOutcome(entries []plan.Entry, out Outcome) ErasureSummary {
	var s ErasureSummary
	left := map[string]int{}
	at := func(sys string) {
		if !slices.Contains(s.RemainingAt, sys) {
			s.RemainingAt = append(s.RemainingAt, sys)
		}
	}
	var rest []plan.Entry
	for _, e := range entries {
		if slices.Contains(out.Unsupported, e.System) {
			at(e.System)
			if e.Action == retention.ActionErase {
				left[string(e.RecordType)]++
				continue
			}
			s.RemainingKept = true
			rest = append(rest, e) // kept or deferred: said as such, and that it still lies there whole
			continue
		}
		var fields []string
		matched := false
		for _, l := range out.Left {
			if l.Matches(e) {
				matched = true
				fields = append(fields, l.Fields...)
			}
		}
		switch {
		case !matched:
			rest = append(rest, e)
		case e.Action == retention.ActionErase:
			at(e.System)
			s.RemainingPartly = true
			left[string(e.RecordType)]++
		default:
			at(e.System)
			s.RemainingPartly = true
			for _, f := range fields {
				if !slices.Contains(s.RemainingFields, f) && !slices.Contains(e.KeepFields, f) {
					s.RemainingFields = append(s.RemainingFields, f)
				}
			}
			rest = append(rest, e)
		}
	}
	s.summarize(rest, out.Started)
	s.Remaining = counts(left)
	slices.Sort(s.RemainingAt)
	slices.Sort(s.RemainingFields)
	return s
}

func (s *ErasureSummary) summarize(entries []plan.Entry, started []string) {
	type keptKey struct{ rt, crit string }
	type deferredGroup struct {
		n       int
		until   gdpr.Date
		unknown bool
	}
	erased, begun := map[string]int{}, map[string]int{}
	kept := map[keptKey]*KeptRecords{}
	deferred := map[[2]string]*deferredGroup{}
	for _, e := range entries {
		rt := string(e.RecordType)
		switch e.Action {
		case retention.ActionErase:
			if slices.Contains(started, e.System) {
				begun[rt]++
				if !slices.Contains(s.StartedBy, e.System) {
					s.StartedBy = append(s.StartedBy, e.System)
				}
			} else {
				erased[rt]++
			}
		case retention.ActionDefer:
			reason := ReasonContract
			if e.LegalHold {
				reason = ReasonContractLegalHold
			}
			g := deferred[[2]string{rt, reason}]
			if g == nil {
				g = &deferredGroup{}
				deferred[[2]string{rt, reason}] = g
			}
			g.n++
			switch {
			case e.DeferUntil == nil:
				g.unknown = true
			case e.DeferUntil.After(g.until):
				g.until = *e.DeferUntil
			}
		default: // retain, and anything unknown: say it is kept rather than erased
			k := keptKey{rt: rt}
			switch {
			case e.LegalHold:
				k.crit = CriterionLegalHold
			case e.RetainUntil == nil:
				k.crit = undatedCriterion(e.RecordType)
			}
			g := kept[k]
			if g == nil {
				g = &KeptRecords{RecordType: rt, Criterion: k.crit, Fields: []string{}}
				kept[k] = g
			}
			g.Count++
			g.LegalReference = joinCitations(g.LegalReference, retention.Provisions(e.LegalReference))
			if k.crit == "" {
				d := *e.RetainUntil
				if g.RetainUntil.IsZero() || d.After(g.RetainUntil) {
					g.RetainUntil = d
				}
				if g.From.IsZero() || d.Before(g.From) {
					g.From = d
				}
			}
			for _, f := range e.KeepFields {
				if !slices.Contains(g.Fields, f) {
					g.Fields = append(g.Fields, f)
				}
			}
		}
	}
	s.Erased, s.Started = counts(erased), counts(begun)
	slices.Sort(s.StartedBy)
	for _, g := range kept {
		slices.Sort(g.Fields)
		if g.From == g.RetainUntil {
			g.From = gdpr.Date{}
		}
		s.Kept = append(s.Kept, *g)
	}
	slices.SortFunc(s.Kept, func(a, b KeptRecords) int {
		return cmp.Or(compareTypes(a.RecordType, b.RecordType), compareUntil(a.RetainUntil, b.RetainUntil),
			cmp.Compare(a.Criterion, b.Criterion))
	})
	for k, g := range deferred {
		d := DeferredRecords{RecordType: k[0], Count: g.n, Reason: k[1]}
		if !g.unknown {
			d.Until = g.until
		}
		s.Deferred = append(s.Deferred, d)
	}
	slices.SortFunc(s.Deferred, func(a, b DeferredRecords) int {
		return cmp.Or(compareTypes(a.RecordType, b.RecordType), cmp.Compare(a.Reason, b.Reason))
	})
}

// counts lists counts by type in the order of the record types.
func counts(by map[string]int) []RecordCount {
	var out []RecordCount
	for rt, n := range by {
		out = append(out, RecordCount{RecordType: rt, Count: n})
	}
	slices.SortFunc(out, func(a, b RecordCount) int { return compareTypes(a.RecordType, b.RecordType) })
	return out
}

// joinCitations adds the provisions of c to those of have, once each.
func joinCitations(have, c string) string {
	if have == "" {
		return c
	}
	parts := strings.Split(have, "; ")
	for _, p := range strings.Split(c, "; ") {
		if p != "" && !slices.Contains(parts, p) {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "; ")
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
	sectionSign = regexp.MustCompile(`(§§?) ?`)
)

// citationIn writes a citation the way lang cites: in German "Art. 6
// Abs. 1 lit. b DSGVO", "§ 147 Abs. 1 Nr. 4, Abs. 3 AO" (one space after
// the section sign); in English as given.
func citationIn(lang, c string) string {
	if lang != "de" {
		return c
	}
	c = paragraphNo.ReplaceAllString(c, " Abs. $1")
	c = letterNo.ReplaceAllString(c, " lit. $1")
	c = sectionSign.ReplaceAllString(c, "$1 ")
	return strings.ReplaceAll(c, "GDPR", "DSGVO")
}
