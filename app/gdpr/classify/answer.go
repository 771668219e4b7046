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
	objection := answer.ObjectionFor(lang, interestPurposes(entries, lang), "")
	a := answer.Answer{
		Language:  lang,
		Processed: found || len(entries) > 0,
		Rights:    answer.DefaultRights(lang),
		Objection: &objection,
		Complaint: &complaint,
		Automated: &answer.Automated{Exists: false, Logic: noAutomated.in(lang)},
	}
	if !a.Processed {
		return a
	}
	a.Categories = categories(entries, lang, country(authority))
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

// country is the shop's country as the authority's seat tells it.
func country(a answer.Authority) string {
	if a.Country != "" {
		return a.Country
	}
	if strings.HasPrefix(a.Key, "AT") {
		return gdpr.CountryAT
	}
	return gdpr.CountryDE
}

// interestPurposes are the purposes of the entries that rest on legitimate
// interests (Art. 6(1)(f) GDPR), in lang, once each: the processing the
// person may object to under Art. 21(1).
func interestPurposes(entries []Entry, lang string) []string {
	var out []string
	for _, e := range entries {
		for _, p := range e.Purposes {
			if purposeBasis[p] == basisInterest {
				out = appendOnce(out, PurposeText(p, lang))
			}
		}
	}
	return out
}

// categories groups the entries by category, in categoryOrder.
func categories(entries []Entry, lang, country string) []answer.Category {
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
		out = append(out, category(k, groups[k], lang, country))
	}
	return out
}

func category(key string, es []Entry, lang, country string) answer.Category {
	c := answer.Category{Name: CategoryName(key, lang), Purposes: []string{}, Recipients: []answer.Recipient{}}
	var purposes, sources []string
	fromSubject := true
	var recipients []answer.Recipient
	for _, e := range es {
		for _, p := range e.Purposes {
			purposes = appendOnce(purposes, PurposeText(p, lang)+" ("+basisTexts[purposeBasis[p]].in(lang)+")")
		}
		recipients = append(recipients, e.Recipients...)
		if e.OverdueSince == nil && e.Storage.Until != nil && (c.Storage.Until == nil || e.Storage.Until.After(*c.Storage.Until)) {
			u := *e.Storage.Until
			c.Storage.Until = &u
		}
		fromSubject = fromSubject && e.Source.FromDataSubject
		sources = appendOnce(sources, SourceText(e.SourceKey, lang))
	}
	c.Purposes = purposes
	for _, r := range dedupe(recipients) {
		r.Name = recipientText(r.Name, lang)
		r.Category = recipientText(r.Category, lang)
		r.Safeguards = recipientText(r.Safeguards, lang)
		c.Recipients = append(c.Recipients, r)
	}
	c.NoRecipients = len(c.Recipients) == 0
	// (d): one plain sentence per document type; the category's storage
	// is their sentences and the laws they rest on.
	c.Types = typeStorages(es, lang, country)
	var sentences, laws []string
	for _, t := range c.Types {
		sentences = append(sentences, t.Sentence)
		laws = appendOnce(laws, t.Basis)
	}
	c.Storage.Criteria = strings.Join(sentences, " ")
	c.Storage.LegalReference = strings.Join(laws, "; ")
	c.Source = answer.Source{FromDataSubject: fromSubject, Description: strings.Join(sources, "; ")}
	return c
}

func appendOnce(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
