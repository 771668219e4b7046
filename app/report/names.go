package report

import "github.com/lethe-gdpr/lethe/app/gdpr/classify"

// The report's names and items for other views of the same answer (the
// merchant's request page): one vocabulary, not a second copy.

// CategoryLabel names a category key in lang, as the report does.
func CategoryLabel(key, lang string) string { return categoryLabel(key, lang) }

// PurposeLabel names a purpose key in lang, as the report does.
func PurposeLabel(key, lang string) string { return purposeLabel(key, lang) }

// RecordTypeLabel names a record type in lang, as the report does.
func RecordTypeLabel(key, lang string) string { return labelFor(recordTypeLabels, key, lang) }

// Items are classified entries as the report's copy lists them (Build's
// items, for a request that has no report: an erasure request, or an
// access request whose answer is not built yet).
func Items(entries []classify.Entry) ([]Item, error) {
	out := make([]Item, 0, len(entries))
	for _, e := range entries {
		it, err := item(e)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}

// FieldLabel names an item's field in lang, as the report does.
func FieldLabel(key, lang string) string { return labelFor(fieldLabels, key, lang) }
