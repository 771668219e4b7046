package classify

import (
	"fmt"
	"slices"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// typeGroup is the entries of one record type kept by one criterion; the
// overdue ones of a type form a group of their own.
type typeGroup struct {
	rt          retention.RecordType
	crit        Criterion
	overdue     bool
	count       int
	first, last *gdpr.Date
}

func (g *typeGroup) add(e Entry) {
	g.count++
	u := e.Storage.Until
	if g.overdue && e.OverdueSince != nil {
		d := e.OverdueSince.AddDays(-1) // the last day of the ended period
		u = &d
	}
	if u == nil {
		return
	}
	if g.first == nil || u.Before(*g.first) {
		v := *u
		g.first = &v
	}
	if g.last == nil || u.After(*g.last) {
		v := *u
		g.last = &v
	}
}

// typeStorages is the storage period of every document type among es, one
// plain sentence per type and criterion, in lang, for a shop in country.
func typeStorages(es []Entry, lang, country string) []answer.TypeStorage {
	var groups []*typeGroup
	index := map[string]*typeGroup{}
	for _, e := range es {
		overdue := e.OverdueSince != nil
		k := fmt.Sprintf("%s|%s|%s|%d|%t", e.Item.RecordType, e.Criterion.Key, e.Criterion.Period, e.Criterion.Days, overdue)
		g, ok := index[k]
		if !ok {
			g = &typeGroup{rt: e.Item.RecordType, crit: e.Criterion, overdue: overdue}
			index[k] = g
			groups = append(groups, g)
		}
		g.add(e)
	}
	slices.SortStableFunc(groups, func(a, b *typeGroup) int {
		if c := strings.Compare(string(a.rt), string(b.rt)); c != 0 {
			return c
		}
		switch {
		case a.overdue == b.overdue:
			return 0
		case b.overdue:
			return -1
		}
		return 1
	})
	out := make([]answer.TypeStorage, 0, len(groups))
	for _, g := range groups {
		name := TypeName(g.rt, lang)
		if g.crit.Key == "contract" && g.rt != retention.OpenOrder {
			name += text{" (noch laufend)", " (still open)"}.in(lang)
		}
		out = append(out, answer.TypeStorage{
			RecordType: string(g.rt), Name: name, Count: g.count,
			Sentence: g.sentence(lang, country), Basis: g.basis(lang, country),
			First: g.first, Last: g.last, Overdue: g.overdue,
		})
	}
	return out
}

// basis is what keeping the group rests on, in lang.
func (g *typeGroup) basis(lang, country string) string {
	switch {
	case g.overdue:
		return gdpr.Cite(lang, lawOverdue)
	case g.crit.Key == "contract":
		return gdpr.Cite(lang, lawContract)
	case g.crit.Key == "legal_hold":
		if country == gdpr.CountryAT {
			return gdpr.Cite(lang, lawHoldAT)
		}
		return gdpr.Cite(lang, lawHoldDE)
	}
	return StorageLaw(g.rt, country, lang)
}

// ends says when the periods end: one date, or the earliest and latest.
func (g *typeGroup) ends(lang string) string {
	switch {
	case g.last == nil:
		return ""
	case g.first == nil || g.first.Equal(*g.last):
		return text{"die Frist endet am ", "the period ends on "}.in(lang) + g.last.Long(lang)
	}
	if lang == "de" {
		return "die Fristen enden zwischen dem " + g.first.Long(lang) + " und dem " + g.last.Long(lang)
	}
	return "the periods end between " + g.first.Long(lang) + " and " + g.last.Long(lang)
}

// sentence says in lang what is kept, for what, how long and on which
// basis; dates written out, no internal wording.
func (g *typeGroup) sentence(lang, country string) string {
	de := lang == "de"
	pick := func(d, e string) string {
		if de {
			return d
		}
		return e
	}
	o, p, law := typeObject(g.rt, lang), periodText(g.crit.Period, lang), g.basis(lang, country)
	ends := g.ends(lang)
	withEnds := func(s string) string {
		if ends == "" {
			return s + "."
		}
		return s + "; " + ends + "."
	}
	if g.overdue {
		last := ""
		if g.last != nil {
			last = pick("am ", "on ") + g.last.Long(lang)
			if g.count > 1 && (g.first == nil || !g.first.Equal(*g.last)) {
				last = pick("zuletzt ", "the last ") + last
			}
		}
		n := pick(fmt.Sprintf("%d Datensätzen", g.count), fmt.Sprintf("%d records", g.count))
		if g.count == 1 {
			n = pick("einem Datensatz", "one record")
		}
		rule := ""
		if g.crit.Key == "technical" {
			rule = pick(fmt.Sprintf("Wir speichern %s zur Betrugsabwehr und zur Sicherheit unseres Shops %d Tage ab der Bestellung (%s). ", o, g.crit.Days, StorageLaw(g.rt, country, lang)),
				fmt.Sprintf("We keep %s for fraud prevention and the security of our shop for %d days from the order (%s). ", o, g.crit.Days, StorageLaw(g.rt, country, lang)))
		}
		return rule + pick(fmt.Sprintf("Bei %s ist die Frist abgelaufen (%s); wir benötigen diese Daten nicht mehr, sie sind zur Löschung fällig (%s).", n, last, law),
			fmt.Sprintf("For %s the period has ended (%s); we no longer need these data and they are due to be erased (%s).", n, last, law))
	}
	if g.rt == retention.RequestRecord && g.crit.Key == "document_year" {
		// Policy, not law: kept as evidence while claims can arise.
		return withEnds(pick(fmt.Sprintf("Wir bewahren %s %s lang auf, gerechnet ab dem Ende des Jahres, in dem wir die Anfrage bearbeitet haben, um nachweisen zu können, dass wir sie ordnungsgemäß bearbeitet haben, solange Ansprüche daraus nicht verjährt sind (%s)", o, p, law),
			fmt.Sprintf("We keep %s for %s from the end of the year in which we handled the request, so that we can show that we handled it properly while claims arising from it are not time-barred (%s)", o, p, law)))
	}
	switch g.crit.Key {
	case "document_year":
		return withEnds(pick(fmt.Sprintf("Wir bewahren %s %s lang auf, gerechnet ab dem Ende des Kalenderjahres, in dem sie entstanden sind, weil das Gesetz es vorschreibt (%s)", o, p, law),
			fmt.Sprintf("We keep %s for %s from the end of the calendar year in which they were created, because the law requires it (%s)", o, p, law)))
	case "document_year_undated":
		return pick(fmt.Sprintf("Wir bewahren %s %s lang auf, gerechnet ab dem Ende des Kalenderjahres, in dem sie entstanden sind, weil das Gesetz es vorschreibt (%s); ihr Datum ist uns nicht bekannt, daher bewahren wir sie auf, bis es feststeht.", o, p, law),
			fmt.Sprintf("We keep %s for %s from the end of the calendar year in which they were created, because the law requires it (%s); their date is not known to us, so we keep them until it is.", o, p, law))
	case "delivery":
		return withEnds(pick(fmt.Sprintf("Wir bewahren %s %s ab der Lieferung auf, solange Sie Gewährleistungsansprüche geltend machen können, um diese prüfen und erfüllen zu können (%s)", o, p, law),
			fmt.Sprintf("We keep %s for %s from delivery, as long as you can bring warranty claims, so that we can examine and meet them (%s)", o, p, law)))
	case "delivery_unknown":
		return pick(fmt.Sprintf("Wir bewahren %s bis %s nach der Lieferung auf, solange Sie Gewährleistungsansprüche geltend machen können (%s); das Lieferdatum steht noch nicht fest.", o, p, law),
			fmt.Sprintf("We keep %s until %s after delivery, as long as you can bring warranty claims (%s); the delivery date is not known yet.", o, p, law))
	case "consent_end":
		if g.last != nil {
			return withEnds(pick(fmt.Sprintf("Wir bewahren %s %s ab dem Ende des Jahres auf, in dem Ihre Einwilligung geendet hat, um nachweisen zu können, dass Sie eingewilligt hatten (%s)", o, p, law),
				fmt.Sprintf("We keep %s for %s from the end of the year in which your consent ended, so that we can show that you had consented (%s)", o, p, law)))
		}
		return pick(fmt.Sprintf("Wir bewahren %s auf, solange Ihre Einwilligung besteht, und danach %s ab dem Ende des Jahres, in dem sie endet, um nachweisen zu können, dass Sie eingewilligt hatten (%s).", o, p, law),
			fmt.Sprintf("We keep %s while your consent lasts and then for %s from the end of the year in which it ends, so that we can show that you had consented (%s).", o, p, law))
	case "until_invoice":
		return pick(fmt.Sprintf("Wir bewahren %s auf, bis die Rechnung ausgestellt ist (%s).", o, law), fmt.Sprintf("We keep %s until the invoice is issued (%s).", o, law))
	case "account":
		return pick(fmt.Sprintf("Wir speichern %s, bis Sie es löschen oder uns um Löschung bitten; wir benötigen es, solange Sie es nutzen (%s).", o, law),
			fmt.Sprintf("We keep %s until you delete it or ask us to erase it; we need it for as long as you use it (%s).", o, law))
	case "unsubscribe":
		return pick(fmt.Sprintf("Wir speichern %s, bis Sie den Newsletter abbestellen oder Ihre Einwilligung widerrufen (%s).", o, law),
			fmt.Sprintf("We keep %s until you unsubscribe or withdraw your consent (%s).", o, law))
	case "withdrawal":
		return pick(fmt.Sprintf("Wir speichern %s, bis Sie Ihre Einwilligung in die Veröffentlichung widerrufen oder uns um Löschung bitten (%s).", o, law),
			fmt.Sprintf("We keep %s until you withdraw your consent to their publication or ask us to erase them (%s).", o, law))
	case "with_order":
		return pick(fmt.Sprintf("Wir speichern %s zusammen mit der Bestellung, zu der sie gehören, und löschen sie spätestens mit ihr; auf Ihren Wunsch löschen wir sie schon vorher (%s).", o, law),
			fmt.Sprintf("We keep %s with the order they belong to and delete them with it at the latest; at your request we delete them earlier (%s).", o, law))
	case "derived":
		return pick(fmt.Sprintf("Wir speichern %s, solange die Daten bestehen, aus denen er abgeleitet ist (Ihr Kundenkonto und Ihre Bestellungen); widersprechen Sie oder bitten Sie um Löschung, löschen wir ihn (%s).", o, law),
			fmt.Sprintf("We keep %s as long as the data it is derived from exist (your customer account and your orders); if you object or ask us to erase it, we delete it (%s).", o, law))
	case "technical":
		return withEnds(pick(fmt.Sprintf("Wir speichern %s zur Betrugsabwehr und zur Sicherheit unseres Shops %d Tage ab der Bestellung, gestützt auf unser berechtigtes Interesse (%s)", o, g.crit.Days, law),
			fmt.Sprintf("We keep %s for fraud prevention and the security of our shop for %d days from the order, on our legitimate interest (%s)", o, g.crit.Days, law)))
	case "contract":
		then := pick("danach gelten die gesetzlichen Aufbewahrungsfristen", "then the legal retention periods apply")
		if g.rt == retention.OrderNote { // no duty of their own: kept with the order afterwards
			then = pick("danach speichern wir sie mit der Bestellung und löschen sie auf Ihren Wunsch", "then we keep them with the order and delete them at your request")
		}
		return pick(fmt.Sprintf("Zu Bestellungen, die noch laufen (nicht bezahlt, nicht versandt oder eine Rücksendung offen), speichern wir %s, bis sie vollständig abgewickelt sind (%s); %s.", o, law, then),
			fmt.Sprintf("For orders still open (not paid, not shipped or a return open), we keep %s until they have been completed (%s); %s.", o, law, then))
	case "legal_hold":
		return pick(fmt.Sprintf("Wegen eines laufenden Verfahrens (etwa einer Betriebsprüfung) bewahren wir %s auf, solange das Verfahren es erfordert (%s).", o, law),
			fmt.Sprintf("Because of pending proceedings (such as a tax audit) we keep %s as long as the proceedings require (%s).", o, law))
	}
	return pick(fmt.Sprintf("Wir speichern %s, bis Sie uns um Löschung bitten (%s).", o, law), fmt.Sprintf("We keep %s until you ask us to erase them (%s).", o, law))
}

// Overdue is one record type whose retention period has ended for some
// records: they are overdue for deletion (Art. 5(1)(e) GDPR). It holds no
// personal data, so the merchant's notice may carry it.
type Overdue struct {
	RecordType string    `json:"record_type"`
	Count      int       `json:"count"`
	Since      gdpr.Date `json:"since"` // the earliest day one of them became due
}

// OverdueOf lists the record types among es with records overdue for
// deletion, in the order of the record types' names.
func OverdueOf(es []Entry) []Overdue {
	index := map[string]int{}
	var out []Overdue
	for _, e := range es {
		if e.OverdueSince == nil {
			continue
		}
		rt := string(e.Item.RecordType)
		i, ok := index[rt]
		if !ok {
			i = len(out)
			index[rt] = i
			out = append(out, Overdue{RecordType: rt, Since: *e.OverdueSince})
		}
		out[i].Count++
		if e.OverdueSince.Before(out[i].Since) {
			out[i].Since = *e.OverdueSince
		}
	}
	slices.SortFunc(out, func(a, b Overdue) int { return strings.Compare(a.RecordType, b.RecordType) })
	return out
}
