package classify

import (
	"errors"
	"fmt"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// ErrUnclassified: an item of a record type classification does not know.
var ErrUnclassified = errors.New("classify: unknown record type")

// Classify gives every item its category, purposes, legal basis,
// recipients, source and storage period as of c.Today, in the order of
// items. An unknown record type or an invalid override fails the whole
// classification: an answer must not guess.
func Classify(items []gdpr.Item, c Context) ([]Entry, error) {
	out := make([]Entry, 0, len(items))
	for _, it := range items {
		e, err := classifyOne(it, c)
		if err != nil {
			return nil, fmt.Errorf("classify %s record %s: %w", it.System, it.RecordID, err)
		}
		out = append(out, e)
	}
	return out, nil
}

func classifyOne(it gdpr.Item, c Context) (Entry, error) {
	k, ok := kinds[it.RecordType]
	if !ok {
		return Entry{}, fmt.Errorf("%w %q", ErrUnclassified, it.RecordType)
	}
	rule, err := c.Rules.Rule(it.RecordType)
	if err != nil {
		return Entry{}, err
	}
	d, err := retention.Evaluate(rule, it, c.Today, c.Overrides...)
	if err != nil {
		return Entry{}, err
	}
	purposes := append([]string(nil), k.purposes...)
	if it.Open && retention.DeferredWithOrder(it.RecordType) && purposes[0] != "contract" {
		purposes = append([]string{"contract"}, purposes...)
	}
	crit, storage := storageOf(rule, it, d, k)
	overdue := overdueSince(crit, storage, c.Today)
	storage.LegalReference = storageReference(rule, d, crit, overdue, it.RecordType, c.Place.CountryCode(), storage.LegalReference)
	return Entry{
		OverdueSince: overdue,
		Item:         it,
		Category:     k.category,
		Purposes:     purposes,
		LegalBasis:   legalBasis(purposeBasis[purposes[0]], it.RecordType, c.Place),
		Recipients:   recipientsFor(it, c),
		Source:       answer.Source{FromDataSubject: k.fromSubject, Description: SourceText(k.source, "en")},
		SourceKey:    k.source,
		Storage:      storage,
		Criterion:    crit,
	}, nil
}

// legalBasis names the Art. 6(1) ground; for a legal obligation also the
// law that imposes it.
func legalBasis(letter string, rt retention.RecordType, p gdpr.Place) string {
	s := "Art. 6(1)(" + letter + ") GDPR"
	if letter != basisLegal {
		return s
	}
	if p.CountryCode() == gdpr.CountryAT {
		return s + " with §132 BAO, §212 UGB"
	}
	if rt == retention.Invoice || rt == retention.CreditNote {
		return s + " with §14b UStG, §147 AO, §257 HGB"
	}
	return s + " with §147 AO, §257 HGB"
}

// storageOf turns the retention decision into the storage period (d): the
// last day when a duty runs and its date is known, else the criterion.
// The decision is made for an erasure request; for an access answer two
// cases read differently: a consent proof whose consent still runs is kept
// for a period counted from when it ends, and data without a duty are
// stored until the person asks for erasure (or unsubscribes).
func storageOf(rule retention.Rule, it gdpr.Item, d retention.Decision, k kind) (Criterion, answer.Storage) {
	var c Criterion
	s := answer.Storage{LegalReference: d.LegalReference}
	switch {
	case it.RecordType == retention.TechnicalData && !d.LegalHold:
		// Kept for a purpose, not by a duty, and never deferred with an
		// open order: the purpose sets the period.
		c = Criterion{Key: "technical", Days: TechnicalDataDays}
		if !it.Date.IsZero() {
			u := it.Date.AddDays(TechnicalDataDays)
			s.Until = &u
		}
	case d.Action == retention.ActionDefer:
		c = Criterion{Key: "contract"}
	case d.LegalHold:
		c = Criterion{Key: "legal_hold"}
	case rule.Action == retention.ActionErase:
		c = Criterion{Key: k.noDuty}
	case d.Action == retention.ActionErase && d.RetainUntil != nil:
		c = Criterion{Key: "ended", Ended: d.RetainUntil}
	case rule.Start == retention.StartEndOfConsentYear:
		c = Criterion{Key: "consent_end", Period: effective(rule, d)}
		if it.ConsentEnded != nil {
			s.Until = d.RetainUntil
		}
	case rule.Start == retention.StartUntilInvoice:
		c = Criterion{Key: "until_invoice"}
		s.Until = d.RetainUntil
	case rule.Start == retention.StartDeliveryDate:
		c = Criterion{Key: "delivery", Period: effective(rule, d)}
		if d.RetainUntil == nil {
			c.Key = "delivery_unknown"
		}
		s.Until = d.RetainUntil
	default:
		c = Criterion{Key: "document_year", Period: effective(rule, d)}
		if d.RetainUntil == nil {
			c.Key = "document_year_undated"
		}
		s.Until = d.RetainUntil
	}
	s.Criteria = CriterionText(c, "en")
	return c, s
}

// storageReference is what keeping a record rests on, as the answer's
// sentence for its type cites it (storage_text.go basis): a record past
// its period rests on nothing but the duty to delete it (Art. 5(1)(e),
// 17(1)(a) GDPR); a record no law requires keeping (a customer account,
// a newsletter subscription, technical data) on the ground it is processed
// for, while its criterion runs — never the erasure article or "no
// retention duty"; one kept by a law on that law (ref, the rule's).
func storageReference(rule retention.Rule, d retention.Decision, c Criterion, overdue *gdpr.Date, rt retention.RecordType, country, ref string) string {
	switch {
	case overdue != nil:
		return lawOverdue
	case d.LegalHold:
		return ref
	case rule.Action == retention.ActionErase:
		return StorageLaw(rt, country, "en")
	}
	return ref
}

// overdueSince is the first day a record should have been deleted, when
// its period has ended by today: the retention duty ended, or the purpose
// that set the period of technical data is spent (Art. 5(1)(e) GDPR).
func overdueSince(c Criterion, s answer.Storage, today gdpr.Date) *gdpr.Date {
	switch {
	case c.Key == "ended" && c.Ended != nil:
		d := c.Ended.AddDays(1)
		return &d
	case c.Key == "technical" && s.Until != nil && today.After(*s.Until):
		d := s.Until.AddDays(1)
		return &d
	}
	return nil
}

// effective is the period that set the date: the merchant's override when
// it did, else the rule's.
func effective(rule retention.Rule, d retention.Decision) retention.Period {
	if d.Override != nil {
		return d.Override.Period
	}
	return rule.Period
}
