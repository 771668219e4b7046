package report

import (
	"bytes"
	"encoding/json"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/classify"
)

// item is an entry as the copy of the data (Art. 15(3)) lists it.
func item(e classify.Entry) (Item, error) {
	fields, err := normalize(e.Item.Fields)
	if err != nil {
		return Item{}, invalid("fields of %s %s: %v", e.Item.RecordType, e.Item.RecordID, err)
	}
	return Item{
		Category:     e.Category,
		System:       e.Item.System,
		RecordType:   string(e.Item.RecordType),
		RecordID:     e.Item.RecordID,
		Date:         optDate(&e.Item.Date),
		Delivered:    optDate(e.Item.Delivered),
		Invoiced:     optDate(e.Item.Invoiced),
		ConsentEnded: optDate(e.Item.ConsentEnded),
		Purposes:     nonNil(e.Purposes),
		LegalBasis:   e.LegalBasis,
		Recipients:   recipients(e.Recipients),
		Source:       Source(e.Source),
		Storage:      storage(e.Storage),
		OverdueSince: optDate(e.OverdueSince),
		Texts:        itemTexts(e),
		Fields:       fields,
	}, nil
}

// itemTexts writes an entry's storage criterion and source in each
// language from the keys the classification gives, else as it wrote them.
func itemTexts(e classify.Entry) map[string]ItemText {
	out := make(map[string]ItemText, len(Languages))
	for _, lang := range Languages {
		t := ItemText{Storage: e.Storage.Criteria, Source: e.Source.Description, LegalBasis: gdpr.Cite(lang, e.LegalBasis)}
		if e.Criterion.Key != "" {
			t.Storage = classify.CriterionText(e.Criterion, lang)
		}
		if e.SourceKey != "" {
			t.Source = classify.SourceText(e.SourceKey, lang)
		}
		out[lang] = t
	}
	return out
}

func optDate(d *gdpr.Date) *gdpr.Date {
	if d == nil || d.IsZero() {
		return nil
	}
	v := *d
	return &v
}

// normalize copies fields through JSON, so a built report holds exactly
// what Load returns (numbers as json.Number, nested values as maps and
// slices) and a value JSON cannot carry fails here, not at Save.
func normalize(fields map[string]any) (map[string]any, error) {
	out := map[string]any{}
	if len(fields) == 0 {
		return out, nil
	}
	b, err := json.Marshal(fields)
	if err != nil {
		return nil, err
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	return out, d.Decode(&out)
}
