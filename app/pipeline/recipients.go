package pipeline

import (
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/classify"
	"github.com/lethe-gdpr/lethe/app/store"
)

// shopRecipients turns the merchant's configured recipients into the rules'.
func shopRecipients(rs []store.Recipient) []classify.ShopRecipient {
	out := make([]classify.ShopRecipient, 0, len(rs))
	for _, r := range rs {
		sr := classify.ShopRecipient{Recipient: answer.Recipient{
			Name: r.Name, Category: r.Category, Country: r.Country, ThirdCountry: r.ThirdCountry, Safeguards: r.Safeguards,
		}}
		for _, t := range r.RecordTypes {
			sr.RecordTypes = append(sr.RecordTypes, gdpr.RecordType(t))
		}
		out = append(out, sr)
	}
	return out
}
