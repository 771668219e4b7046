package mail

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	rules "github.com/lethe-gdpr/lethe/app/gdpr/classify"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/store"
)

// ErrNoRecipient: there is no address to write to (the request has no
// e-mail address; the shop has neither a merchant nor a contact e-mail).
var ErrNoRecipient = errors.New("no e-mail address to send to")

// AnswerLink is what the access answer points to: the signed link to the
// report and how long it works once the answer is sent (the link is
// activated by the sending, app/report.Activate). Negative answers have no
// link.
type AnswerLink struct {
	URL      string
	Lifetime time.Duration
	Negative bool
}

// DraftAnswer writes the customer's answer to an access request (an
// access_answer with the link, or a negative_answer) in the customer's
// language, else the shop's, and stores it as the request's draft. Running
// it again replaces the draft; an answer already sent is returned unchanged
// (Status store.EmailSent). Call it inside tx.
func DraftAnswer(ctx context.Context, tx *store.Store, sh *store.Shop, r *store.Request, l AnswerLink) (*store.Email, error) {
	if r.ShopID != sh.ID {
		return nil, fmt.Errorf("mail: request %d is not shop %d's", r.ID, sh.ID)
	}
	to := strings.TrimSpace(r.Subject.Email)
	if to == "" {
		return nil, fmt.Errorf("mail: request %d: %w", r.ID, ErrNoRecipient)
	}
	kind, other := KindAccessAnswer, KindNegativeAnswer
	if l.Negative {
		kind, other = KindNegativeAnswer, KindAccessAnswer
	} else if l.URL == "" || l.Lifetime <= 0 {
		return nil, fmt.Errorf("mail: request %d: an access answer needs the report link and its lifetime", r.ID)
	}
	lang := Language(r.Locale, sh.Locale)
	auth, complaint, err := authorityFor(sh, lang)
	if err != nil {
		return nil, fmt.Errorf("mail: request %d: %w", r.ID, err)
	}
	loc := sh.Location()
	v := answerView{
		Lang: lang, Name: strings.TrimSpace(r.Subject.Name), Shop: shopIdentity(sh), RequestID: r.ID,
		Received: dateIn(lang, r.ReceivedAt, loc), Rights: rights(lang), Complaint: complaint, Authority: auth,
		Objection: answer.ObjectionFor(lang, nil, strings.TrimSpace(sh.Email)),
	}
	if !l.Negative {
		v.Link, v.Expires = l.URL, lifetimeIn(lang, l.Lifetime)
	}
	out, err := render(kind, lang, v)
	if err != nil {
		return nil, err
	}
	// The answer is one or the other: a stale draft of the other kind goes.
	if err := tx.DeleteEmailDraft(ctx, sh.ID, r.ID, other); err != nil {
		return nil, err
	}
	return save(ctx, tx, &store.Email{
		ShopID: sh.ID, RequestID: &r.ID, Kind: kind, Locale: lang, To: to,
		Subject: out.Subject, BodyText: out.Text, BodyHTML: out.HTML,
	})
}

// DraftMerchantNotice writes the merchant's notice of a new request (or of
// one held in identity_unverified: then it says the request is held, names
// the mismatched fields and what the merchant can do) — its
// type, source, receipt and due date (Art. 12(3)) and the admin link, but
// nothing about the person — to the merchant e-mail of the settings, else
// the shop's e-mail, in the shop's language. overdue, for an access
// request, are the person's record types whose retention period has ended:
// the notice warns that they are due for deletion (Art. 5(1)(e) GDPR) and
// that the answer then waits for the merchant. Call it inside tx.
func DraftMerchantNotice(ctx context.Context, tx *store.Store, sh *store.Shop, r *store.Request, adminURL string, overdue ...rules.Overdue) (*store.Email, error) {
	if r.ShopID != sh.ID {
		return nil, fmt.Errorf("mail: request %d is not shop %d's", r.ID, sh.ID)
	}
	set := store.ShopSettings(sh)
	to := MerchantAddress(sh)
	if to == "" {
		return nil, fmt.Errorf("mail: shop %d: %w (set the merchant e-mail in the settings)", sh.ID, ErrNoRecipient)
	}
	lang := Language(sh.Locale)
	v := noticeView{
		Lang: lang, Shop: shopIdentity(sh), RequestID: r.ID,
		Type: label(typeLabels, r.Type, lang), Source: sourceLabel(r, lang),
		Received: dateTimeIn(lang, r.ReceivedAt, sh.Location()),
		Due:      day(lang, r.DueAt), ExtendedDue: day(lang, r.ExtendedDueAt),
		AdminURL: adminURL, AutoSend: set.AutoSend && len(overdue) == 0, Unknown: !r.ReceiptKnown(),
		OverdueDays: overdueDays(tx, sh, r), Held: r.Status == store.StatusIdentityUnverified, Mismatch: mismatchText(r, lang),
	}
	for _, o := range overdue {
		v.Overdue = append(v.Overdue, overdueLine{Type: rules.TypeName(retention.RecordType(o.RecordType), lang), Count: o.Count, Since: o.Since.Long(lang)})
	}
	if r.PlatformDueAt != nil {
		v.PlatformDue = day(lang, *r.PlatformDueAt)
	}
	out, err := render(KindMerchantNotice, lang, v)
	if err != nil {
		return nil, err
	}
	return save(ctx, tx, &store.Email{
		ShopID: sh.ID, RequestID: &r.ID, Kind: KindMerchantNotice, Locale: lang, To: to,
		Subject: out.Subject, BodyText: out.Text, BodyHTML: out.HTML,
	})
}

func save(ctx context.Context, tx *store.Store, e *store.Email) (*store.Email, error) {
	err := tx.SaveEmailDraft(ctx, e)
	if errors.Is(err, store.ErrEmailSent) {
		return e, nil // e holds the sent e-mail
	}
	if err != nil {
		return nil, err
	}
	return e, nil
}
