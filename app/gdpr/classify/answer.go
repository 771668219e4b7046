package classify

import (
	"slices"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
)

// CopyFormat is the format of the copy (Art. 15(3), 20 GDPR): the report
// as JSON and one CSV per record type.
const CopyFormat = "json+csv"

// Answer builds the whole Art. 15 answer in lang ("de"; anything else is
// English) from the entries: per category its purposes with their legal
// basis, recipients (or that there are none), storage period or criteria
// and source; the rights, the right to complain to authority, the
// statement on automated decisions, and the copy.
//
// found is the connectors' verdict. Entries are data about the person, so
// an answer with entries is positive whatever found says; found without
// entries (no connector does that) is positive too, and answer.Validate
// then reports the missing categories instead of the answer silently
// denying data that were found.
func Answer(entries []Entry, lang string, authority answer.Authority, found bool) answer.Answer {
	if lang != "de" {
		lang = "en"
	}
	complaint := answer.ComplaintFor(lang, authority)
	a := answer.Answer{
		Language:  lang,
		Processed: found || len(entries) > 0,
		Rights:    answer.DefaultRights(lang),
		Complaint: &complaint,
		Automated: &answer.Automated{Exists: false, Logic: noAutomated.in(lang)},
	}
	if !a.Processed {
		return a
	}
	a.Categories = categories(entries, lang)
	items := make([]gdpr.Item, 0, len(entries))
	for _, e := range entries {
		items = append(items, e.Item)
	}
	a.Copy = &answer.Copy{Format: CopyFormat, Items: items}
	return a
}

var noAutomated = text{
	"Eine automatisierte Entscheidungsfindung einschließlich Profiling (Art. 22 Abs. 1 und 4 DSGVO) findet nicht statt.",
	"There is no automated decision-making, including profiling (Art. 22(1) and (4) GDPR).",
}

// categories groups the entries by category, in categoryOrder.
func categories(entries []Entry, lang string) []answer.Category {
	groups := map[string][]Entry{}
	var keys []string
	for _, e := range entries {
		if _, ok := groups[e.Category]; !ok {
			keys = append(keys, e.Category)
		}
		groups[e.Category] = append(groups[e.Category], e)
	}
	rank := func(k string) int {
		if i := slices.Index(categoryOrder, k); i >= 0 {
			return i
		}
		return len(categoryOrder)
	}
	slices.SortStableFunc(keys, func(a, b string) int { return rank(a) - rank(b) })
	out := make([]answer.Category, 0, len(keys))
	for _, k := range keys {
		out = append(out, category(k, groups[k], lang))
	}
	return out
}

func category(key string, es []Entry, lang string) answer.Category {
	c := answer.Category{Name: CategoryName(key, lang), Purposes: []string{}, Recipients: []answer.Recipient{}}
	var purposes, criteria, refs, sources []string
	fromSubject := true
	var recipients []answer.Recipient
	for _, e := range es {
		for _, p := range e.Purposes {
			purposes = appendOnce(purposes, PurposeText(p, lang)+" ("+basisTexts[purposeBasis[p]].in(lang)+")")
		}
		recipients = append(recipients, e.Recipients...)
		if e.Storage.Until != nil && (c.Storage.Until == nil || e.Storage.Until.After(*c.Storage.Until)) {
			u := *e.Storage.Until
			c.Storage.Until = &u
		}
		criteria = appendOnce(criteria, CriterionText(e.Criterion, lang))
		refs = appendOnce(refs, e.Storage.LegalReference)
		fromSubject = fromSubject && e.Source.FromDataSubject
		sources = appendOnce(sources, SourceText(e.SourceKey, lang))
	}
	c.Purposes = purposes
	for _, r := range dedupe(recipients) {
		r.Category = recipientText(r.Category, lang)
		r.Safeguards = recipientText(r.Safeguards, lang)
		c.Recipients = append(c.Recipients, r)
	}
	c.NoRecipients = len(c.Recipients) == 0
	if c.Storage.Until != nil {
		criteria = append(criteria, text{"die längste Frist endet am ", "the longest period ends on "}.in(lang)+c.Storage.Until.String())
	}
	c.Storage.Criteria = strings.Join(criteria, "; ")
	c.Storage.LegalReference = strings.Join(refs, "; ")
	c.Source = answer.Source{FromDataSubject: fromSubject, Description: strings.Join(sources, "; ")}
	return c
}

func appendOnce(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
