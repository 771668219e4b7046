package mail

import (
	"context"
	"fmt"
	"strings"

	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// The person's e-mails of the merchant's actions: the extension notice
// (Art. 12(3) GDPR) and the refusal (Art. 12(4), 12(5)), each with the
// merchant's reasons.

// actionView feeds extension_notice and refusal.
type actionView struct {
	Lang        string
	Name        string // the customer's name for the greeting, when known
	Shop        shopView
	RequestID   int64
	Received    string
	Request     string // "Ihre Anfrage auf Auskunft … (Art. 15 DSGVO)"
	Due         string // the first deadline
	ExtendedDue string
	Ground      string // the ground in words
	Reason      string // the merchant's reasons, as written
	Complaint   string // refusal: Art. 77 sentence naming the authority
	Authority   authorityView
}

var requestLabels = map[string][2]string{
	store.TypeAccess:  {"Ihre Anfrage auf Auskunft über Ihre personenbezogenen Daten (Art. 15 DSGVO)", "your request for access to your personal data (Art. 15 GDPR)"},
	store.TypeErasure: {"Ihre Anfrage auf Löschung Ihrer personenbezogenen Daten (Art. 17 DSGVO)", "your request for erasure of your personal data (Art. 17 GDPR)"},
}

var groundLabels = map[string][2]string{
	requests.GroundComplexity: {"wegen der Komplexität der Anfrage", "because of the complexity of the request"},
	requests.GroundNumber:     {"wegen der Zahl der Anfragen", "because of the number of requests"},
	requests.GroundUnfounded:  {"offenkundig unbegründet", "manifestly unfounded"},
	requests.GroundExcessive:  {"exzessiv", "excessive"},
}

// DraftExtensionNotice writes the person's notice that the deadline of r is
// extended to its ExtendedDueAt, with the merchant's reasons (Art. 12(3)),
// in the person's language, else the shop's. Call it inside tx, after
// requests.Extend.
func DraftExtensionNotice(ctx context.Context, tx *store.Store, sh *store.Shop, r *store.Request, a requests.Action) (*store.Email, error) {
	v, to, err := newActionView(sh, r, a)
	if err != nil {
		return nil, err
	}
	return draftAction(ctx, tx, sh, r, KindExtensionNotice, to, v)
}

// DraftRefusal writes the person's refusal of r as manifestly unfounded or
// excessive (Art. 12(5)) with the merchant's reasons, the right to complain
// to the competent authority and to a judicial remedy (Art. 12(4)). A shop
// whose authority is not known gets ErrNoAuthority. Call it inside tx.
func DraftRefusal(ctx context.Context, tx *store.Store, sh *store.Shop, r *store.Request, a requests.Action) (*store.Email, error) {
	v, to, err := newActionView(sh, r, a)
	if err != nil {
		return nil, err
	}
	if v.Authority, v.Complaint, err = authorityFor(sh, v.Lang); err != nil {
		return nil, fmt.Errorf("mail: request %d: %w", r.ID, err)
	}
	return draftAction(ctx, tx, sh, r, KindRefusal, to, v)
}

func newActionView(sh *store.Shop, r *store.Request, a requests.Action) (actionView, string, error) {
	if r.ShopID != sh.ID {
		return actionView{}, "", fmt.Errorf("mail: request %d is not shop %d's", r.ID, sh.ID)
	}
	to := strings.TrimSpace(r.Subject.Email)
	if to == "" {
		return actionView{}, "", fmt.Errorf("mail: request %d: %w", r.ID, ErrNoRecipient)
	}
	lang := Language(r.Locale, sh.Locale)
	v := actionView{
		Lang: lang, Name: strings.TrimSpace(r.Subject.Name), Shop: shopIdentity(sh), RequestID: r.ID,
		Received: dateIn(lang, r.ReceivedAt, sh.Location()), Request: label(requestLabels, r.Type, lang),
		Due: day(lang, r.DueAt), ExtendedDue: day(lang, r.ExtendedDueAt),
		Reason: strings.TrimSpace(a.Reason),
	}
	if a.Ground != "" {
		v.Ground = label(groundLabels, a.Ground, lang)
	}
	return v, to, nil
}

func draftAction(ctx context.Context, tx *store.Store, sh *store.Shop, r *store.Request, kind, to string, v actionView) (*store.Email, error) {
	out, err := render(kind, v.Lang, v)
	if err != nil {
		return nil, err
	}
	return save(ctx, tx, &store.Email{
		ShopID: sh.ID, RequestID: &r.ID, Kind: kind, Locale: v.Lang, To: to,
		Subject: out.Subject, BodyText: out.Text, BodyHTML: out.HTML,
	})
}
