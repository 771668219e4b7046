package mail

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/store"
)

// erasureView feeds erasure_full and erasure_partial.
type erasureView struct {
	Lang      string
	Name      string // the customer's name for the greeting, when known
	Shop      shopView
	RequestID int64
	Received  string
	Erased    []erasedView
	Kept      []keptView
	Deferred  []deferredView
	BDSG      bool // a German shop: cite §35(3) BDSG beside Art. 18(2) GDPR
	Complaint string
	Authority authorityView
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
	Until     string // the last day kept, written out; empty: Criterion says until when
	Criterion string
}

type deferredView struct {
	Name, Records, Reason string
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
// confirms another way). Call it inside tx.
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
		Received: dateIn(lang, r.ReceivedAt, sh.Location()), BDSG: sh.Country != gdpr.CountryAT,
		Complaint: complaint, Authority: auth,
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

// fillErasure writes the summary into v in v.Lang.
func fillErasure(v *erasureView, s ErasureSummary) {
	lang := v.Lang
	for _, e := range s.Erased {
		v.Erased = append(v.Erased, erasedView{Name: capitalize(named(recordTypeNames, e.RecordType, lang)), Records: records(lang, e.Count)})
	}
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
			kv.Until = longDate(lang, k.RetainUntil.Year(), k.RetainUntil.Month(), k.RetainUntil.Day())
		}
		v.Kept = append(v.Kept, kv)
	}
	for _, d := range s.Deferred {
		v.Deferred = append(v.Deferred, deferredView{
			Name: capitalize(named(recordTypeNames, d.RecordType, lang)), Records: records(lang, d.Count),
			Reason: named(reasonTexts, d.Reason, lang),
		})
	}
}
