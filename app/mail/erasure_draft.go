package mail

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// erasureView feeds erasure_full and erasure_partial.
type erasureView struct {
	Lang      string
	Name      string // the customer's name for the greeting, when known
	Shop      shopView
	RequestID int64
	Received  string // the day the person asked, written out; empty when Lethe does not know it
	Erased    []erasedView
	Started   []erasedView // the erasure was started at StartedBy, not done
	StartedBy string       // "Shopify", "Shopify und WooCommerce"
	// Remaining: nothing was erased at RemainingAt, which offers no erasure
	// of these records Lethe could start (guest orders); RemainingKept: the
	// kept records also still lie whole there.
	Remaining     []erasedView
	RemainingAt   string
	RemainingKept bool
	// RemainingPartly: RemainingAt erased the rest and left these records
	// (plan.Left), rather than offering no erasure; RemainingFields are the
	// fields of kept records still held there, named and joined.
	RemainingPartly bool
	RemainingFields string
	NotAllErased    bool // Remaining or RemainingFields: something is not erased yet
	Nothing         bool // no data about the person were found
	// ShopStarted: the shop erased of its own accord (requests.ChannelShop:
	// data it no longer needed, Art. 17(1)(a), 5(1)(e) GDPR); the person
	// did not ask, so nothing speaks of "your request".
	ShopStarted bool
	Kept        []keptView
	Deferred    []deferredView
	Inform      string // the recipients to be told (Art. 19 sentence 1 GDPR), named and joined; empty: none
	RecordEnd   string // the last day the record of this request is kept, written out
	BDSG        bool   // a German shop: cite §35(3) BDSG beside Art. 18(2) GDPR
	Complaint   string
	Authority   authorityView
}

type erasedView struct {
	Name, Records string
}

type keptView struct {
	Name      string
	Records   string
	Fields    string // the kept fields, named, comma-separated
	Held      bool   // kept whole under a legal hold
	Why       string
	Reference string // the citation, as lang cites
	Until     string // until when, written out ("bis einschließlich 31. Dezember 2032"); empty: Criterion says until when
	Criterion string
}

type deferredView struct {
	Name, Records, Reason string
	Until                 string // the last day a claim can exist, written out; empty when unknown
}

// DraftErasureConfirmation writes the customer's confirmation of an
// erasure request in the customer's language, else the shop's: kind
// erasure_full when everything was erased, else erasure_partial, which
// says for every kept record type which data are kept, why, under which
// provision, until which day, that they are restricted (Art. 18(2) GDPR,
// §35(3) BDSG) and deleted then; and for deferred records (open orders)
// that they are kept to perform the contract (Art. 6(1)(b) GDPR) and
// erased once it is completed, with the reason. Both name the right to
// complain with the competent authority and the right to learn the
// recipients told of the erasure (Art. 19 sentence 2 GDPR).
//
// It is stored as the request's draft: running it again replaces the
// draft (one of the other kind is deleted). Once a confirmation was sent
// it is returned unchanged — scrubbed, it is never drafted again. A request
// without an e-mail address gets no confirmation: nil, nil (the merchant
// confirms another way), nor one the shop started itself where nothing
// was found. Call it inside tx.
func DraftErasureConfirmation(ctx context.Context, tx *store.Store, sh *store.Shop, r *store.Request, s ErasureSummary) (*store.Email, error) {
	if r.ShopID != sh.ID {
		return nil, fmt.Errorf("mail: request %d is not shop %d's", r.ID, sh.ID)
	}
	es, err := tx.EmailsOf(ctx, sh.ID, r.ID)
	if err != nil {
		return nil, err
	}
	for i := range es {
		if IsErasureConfirmation(es[i].Kind) && es[i].Status == store.EmailSent {
			return &es[i], nil
		}
	}
	to := strings.TrimSpace(r.Subject.Email)
	if to == "" {
		return nil, nil
	}
	if requests.ShopInitiated(r) && s.NothingFound() {
		return nil, nil // the person asked nothing, and nothing was erased: nothing to tell
	}
	kind, other := KindErasurePartial, KindErasureFull
	if s.Full() {
		kind, other = KindErasureFull, KindErasurePartial
	}
	lang := Language(r.Locale, sh.Locale)
	auth, complaint, err := authorityFor(sh, lang)
	if err != nil {
		return nil, fmt.Errorf("mail: request %d: %w", r.ID, err)
	}
	v := erasureView{
		Lang: lang, Name: strings.TrimSpace(r.Subject.Name), Shop: shopIdentity(sh), RequestID: r.ID,
		BDSG: sh.Country != gdpr.CountryAT, Complaint: complaint, Authority: auth,
		RecordEnd: recordEnd(lang, tx.Now(), sh), ShopStarted: requests.ShopInitiated(r),
	}
	if r.ReceiptKnown() {
		v.Received = dateIn(lang, r.ReceivedAt, sh.Location())
	}
	fillErasure(&v, s)
	out, err := render(kind, lang, v)
	if err != nil {
		return nil, err
	}
	if err := tx.DeleteEmailDraft(ctx, sh.ID, r.ID, other); err != nil {
		return nil, err
	}
	return save(ctx, tx, &store.Email{
		ShopID: sh.ID, RequestID: &r.ID, Kind: kind, Locale: lang, To: to,
		Subject: out.Subject, BodyText: out.Text, BodyHTML: out.HTML,
	})
}

// RequestRecordYears is how long the record of a completed erasure request
// is kept (what store.ForgetSubject leaves: type, dates, status, the keyed
// hash, the audit trail, the sent e-mails without recipient or content):
// three years from the end of the year it was completed, the regular
// limitation period of §§ 195, 199 BGB, as proof of compliance (Art. 5(2)
// GDPR) and to defend against claims (Art. 17(3)(e) GDPR). The daily purge
// deletes it afterwards (store.PurgeRequestRecords).
const RequestRecordYears = 3

// RequestRecordEnd is the last day the record of an erasure request
// completed on day is kept.
func RequestRecordEnd(completed gdpr.Date) gdpr.Date {
	return completed.EndOfYear().AddYears(RequestRecordYears)
}

// recordEnd writes RequestRecordEnd of now's day in the shop's zone.
func recordEnd(lang string, now time.Time, sh *store.Shop) string {
	d := RequestRecordEnd(gdpr.FromTime(now, sh.Location()))
	return longDate(lang, d.Year(), d.Month(), d.Day())
}

// fillErasure writes the summary into v in v.Lang.
func fillErasure(v *erasureView, s ErasureSummary) {
	lang := v.Lang
	v.Nothing = s.NothingFound()
	v.Erased = erasedViews(lang, s.Erased)
	v.Started = erasedViews(lang, s.Started)
	v.StartedBy = joinAnd(lang, systemNames(s.StartedBy))
	v.Remaining = erasedViews(lang, s.Remaining)
	v.RemainingAt = joinAnd(lang, systemNames(s.RemainingAt))
	v.RemainingKept = s.RemainingKept && len(s.Kept) > 0
	v.RemainingPartly = s.RemainingPartly
	var left []string
	for _, f := range s.RemainingFields {
		if n := named(fieldNames, f, lang); !slices.Contains(left, n) {
			left = append(left, n)
		}
	}
	slices.Sort(left)
	v.RemainingFields = strings.Join(left, ", ")
	v.NotAllErased = len(s.Remaining) > 0 || v.RemainingFields != ""
	for _, k := range s.Kept {
		fields := make([]string, 0, len(k.Fields))
		for _, f := range k.Fields {
			fields = append(fields, named(fieldNames, f, lang))
		}
		slices.Sort(fields)
		kv := keptView{
			Name: capitalize(named(recordTypeNames, k.RecordType, lang)), Records: records(lang, k.Count),
			Fields: strings.Join(fields, ", "), Held: k.Criterion == CriterionLegalHold,
			Reference: citationIn(lang, k.LegalReference),
		}
		if w, ok := keptWhy[k.RecordType]; ok {
			kv.Why = pick(lang, w)
		}
		if k.RetainUntil.IsZero() {
			kv.Criterion = named(criterionTexts, k.Criterion, lang)
		} else {
			kv.Until = untilText(lang, k.From, k.RetainUntil)
		}
		v.Kept = append(v.Kept, kv)
	}
	for _, d := range s.Deferred {
		dv := deferredView{
			Name: capitalize(named(recordTypeNames, d.RecordType, lang)), Records: records(lang, d.Count),
			Reason: named(reasonTexts, d.Reason, lang),
		}
		if !d.Until.IsZero() {
			dv.Until = longDate(lang, d.Until.Year(), d.Until.Month(), d.Until.Day())
		}
		v.Deferred = append(v.Deferred, dv)
	}
	var names []string
	for _, rc := range s.Inform {
		names = append(names, recipientOf(rc, lang).Name)
	}
	v.Inform = strings.Join(names, "; ")
}

func erasedViews(lang string, cs []RecordCount) []erasedView {
	var out []erasedView
	for _, e := range cs {
		out = append(out, erasedView{Name: capitalize(named(recordTypeNames, e.RecordType, lang)), Records: records(lang, e.Count)})
	}
	return out
}

// untilText says until when kept records are restricted: "bis
// einschließlich 31. Dezember 2032", or for records of different days "je
// nach Beleg längstens bis einschließlich 31. Dezember 2033 (die ältesten
// bis 31. Dezember 2032)".
func untilText(lang string, from, until gdpr.Date) string {
	u := longDate(lang, until.Year(), until.Month(), until.Day())
	if from.IsZero() {
		return pick(lang, [2]string{"bis einschließlich " + u, "until " + u + " inclusive"})
	}
	f := longDate(lang, from.Year(), from.Month(), from.Day())
	return pick(lang, [2]string{
		"je nach Beleg längstens bis einschließlich " + u + " (die ältesten bis " + f + ")",
		"depending on the record, at the longest until " + u + " inclusive (the oldest until " + f + ")"})
}

// systemNames name systems for the customer: "shopify" → "Shopify".
func systemNames(systems []string) []string {
	known := map[string]string{"shopify": "Shopify", "woocommerce": "WooCommerce", "lethe": "Lethe"}
	var out []string
	for _, s := range systems {
		if n, ok := known[s]; ok {
			out = append(out, n)
		} else {
			out = append(out, capitalize(s))
		}
	}
	return out
}

// joinAnd joins names: "A", "A und B", "A, B und C".
func joinAnd(lang string, names []string) string {
	and := pick(lang, [2]string{" und ", " and "})
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + and + names[len(names)-1]
}
