package retention

import (
	"fmt"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// retainUntil returns the last day the rule keeps the item, and the words
// for it; nil when the rule has no duty or the date it needs is missing
// (then the words state the criterion).
func retainUntil(rule Rule, item gdpr.Item, today gdpr.Date) (*gdpr.Date, string) {
	switch rule.Start {
	case StartEndOfDocumentYear:
		if item.Date.IsZero() {
			return nil, fmt.Sprintf("%s from the end of the document's year; the document date is not known", rule.Period)
		}
		end, words := legalEnd(rule, item.Date.EndOfYear(), today)
		return &end, words
	case StartDeliveryDate:
		if item.Delivered == nil {
			return nil, fmt.Sprintf("%s after delivery; the delivery date is not known", rule.Period)
		}
		end := rule.Period.AddTo(*item.Delivered)
		return &end, fmt.Sprintf("%s from delivery on %s", rule.Period, item.Delivered)
	case StartEndOfConsentYear:
		ended, words := today, "consent ended with this request"
		if item.ConsentEnded != nil {
			ended, words = *item.ConsentEnded, "consent ended on "+item.ConsentEnded.String()
		}
		end := rule.Period.AddTo(ended.EndOfYear())
		return &end, fmt.Sprintf("%s from the end of %d; %s", rule.Period, ended.Year(), words)
	case StartUntilInvoice:
		if item.Invoiced == nil {
			return nil, "the invoice is issued"
		}
		end := *item.Invoiced
		return &end, "the invoice was issued on " + end.String()
	}
	return nil, ""
}

// legalEnd adds the rule's period to start (31 Dec of the document's year),
// applying a transition: as of a day before it took effect the earlier
// period holds; after, the current period applies to every document whose
// earlier period had not expired when it took effect (Art. 97 §19a EGAO),
// and such a document was still under the earlier duty until then.
func legalEnd(rule Rule, start, today gdpr.Date) (gdpr.Date, string) {
	end := rule.Period.AddTo(start)
	words := fmt.Sprintf("%s from the end of %d", rule.Period, start.Year())
	t := rule.Transition
	if t == nil {
		return end, words
	}
	old := t.Before.AddTo(start)
	oldWords := fmt.Sprintf("%s from the end of %d", t.Before, start.Year())
	switch {
	case today.Before(t.Effective):
		return old, oldWords + ", the period in force before " + t.Effective.String()
	case old.Before(t.Effective):
		return old, oldWords + ", which had expired before the shorter period took effect on " + t.Effective.String()
	case end.Before(t.Effective):
		last := t.Effective.AddDays(-1)
		return last, fmt.Sprintf("%s would have ended on %s, but until %s the earlier %s applied", words, end, last, t.Before)
	}
	return end, words
}

// overrideEnd is the end date under the rule's override.
func overrideEnd(rule Rule, item gdpr.Item, today gdpr.Date) gdpr.Date {
	o := rule
	o.Period, o.Transition, o.Override = rule.Override.Period, nil, nil
	end, _ := retainUntil(o, item, today)
	return *end
}
