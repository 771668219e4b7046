package report

import (
	"fmt"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// Landing is the customer's page behind a link: who answered, the three
// formats, until when the link works.
type Landing struct {
	Lang      string
	Shop      string    // the controller's name
	Base      string    // the link's path relative to the page: "<token>"
	ExpiresAt time.Time // shown as a date in TimeZone
	TimeZone  string
}

type landingView struct {
	Shop, Base, SwitchURL, SwitchLang string
	ExpiresOn                         *gdpr.Date
}

// RenderLanding writes the landing page of a customer link.
func RenderLanding(l Landing) ([]byte, error) {
	if !isLanguage(l.Lang) {
		return nil, fmt.Errorf("%w %q", ErrLanguage, l.Lang)
	}
	loc, err := time.LoadLocation(l.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	// The link is valid until ExpiresAt; show the last full day it works.
	d := gdpr.FromTime(l.ExpiresAt.Add(-time.Nanosecond), loc)
	other := "en"
	if l.Lang == "en" {
		other = "de"
	}
	return render(pageLanding, l.Lang, landingView{
		Shop: l.Shop, Base: l.Base, ExpiresOn: &d,
		SwitchURL: l.Base + "?lang=" + other, SwitchLang: other,
	})
}

// RenderGone writes the page of an expired or revoked link, asking the
// customer to ask the shop (name and contact e-mail, when known) for a new
// one.
func RenderGone(lang, shop, email string) ([]byte, error) {
	if !isLanguage(lang) {
		return nil, fmt.Errorf("%w %q", ErrLanguage, lang)
	}
	return render(pageGone, lang, struct{ Shop, Email string }{shop, email})
}

// RenderNotFound writes the page of an unknown link.
func RenderNotFound(lang string) ([]byte, error) {
	if !isLanguage(lang) {
		return nil, fmt.Errorf("%w %q", ErrLanguage, lang)
	}
	return render(pageNotFound, lang, nil)
}
