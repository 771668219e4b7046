package server

import (
	"cmp"
	"context"
	"regexp"
	"slices"
	"strings"
	"time"

	rules "github.com/lethe-gdpr/lethe/app/gdpr/classify"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/pipeline"
	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/store"
)

// The data found, grouped by system and category, each record with its
// purposes, legal basis and storage: the report's copy (report.Item) when
// the answer is built, else the items found classified the same way
// (report.Items over classify.Classify, as the answer step does).

// dataGroup is the records of one category in one system.
type dataGroup struct {
	System, Category string // named for the merchant
	Items            []dataItem
}

// dataItem is one record found.
type dataItem struct {
	RecordType   string
	RecordID     string
	Date         time.Time // zero: undated
	Purposes     []string
	LegalBasis   string
	StorageUntil time.Time // zero: no date, StorageText says the criterion
	StorageText  string
	Reference    string // the storage's legal reference, cited the page's way
}

func (p *Panel) dataFound(ctx context.Context, sh *store.Shop, r *store.Request, hasReport bool, l lang) ([]dataGroup, error) {
	items, err := p.foundItems(ctx, sh, r, hasReport)
	if err != nil || len(items) == 0 {
		return nil, err
	}
	return groupItems(items, l), nil
}

// foundItems are the records found for r as the report's copy lists them:
// the report's when it is built, else the items found classified as the
// answer step does (none when they cannot be classified yet).
func (p *Panel) foundItems(ctx context.Context, sh *store.Shop, r *store.Request, hasReport bool) ([]report.Item, error) {
	if hasReport {
		rep, err := report.Load(ctx, p.api.st, sh.ID, r.ID)
		if err != nil {
			return nil, err
		}
		return rep.Copy.Items, nil
	}
	found, err := p.api.st.GdprItems(ctx, sh.ID, r.ID)
	if err != nil || len(found) == 0 {
		return nil, err
	}
	cc, err := pipeline.ClassifyContext(sh, nil, p.api.clock())
	if err != nil {
		return nil, nil // the shop's place is not known yet: nothing can be classified
	}
	entries, err := rules.Classify(found, cc)
	if err != nil {
		return nil, nil // a record type the rules do not know: discovery's step reports it
	}
	return report.Items(entries)
}

// groupItems groups the report's items by system and category, in the
// order of system and category names.
func groupItems(items []report.Item, l lang) []dataGroup {
	lc := string(l)
	var out []dataGroup
	index := map[[2]string]int{}
	for _, it := range items {
		key := [2]string{it.System, it.Category}
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, dataGroup{System: systemLabel(l, it.System), Category: report.CategoryLabel(it.Category, lc)})
		}
		di := dataItem{
			RecordType: report.RecordTypeLabel(it.RecordType, lc), RecordID: it.RecordID,
			LegalBasis: cite(l, it.LegalBasis), Reference: citation(l, it.Storage.LegalReference),
		}
		if it.Date != nil {
			di.Date = it.Date.Time(time.UTC)
		}
		for _, pk := range it.Purposes {
			di.Purposes = append(di.Purposes, report.PurposeLabel(pk, lc))
		}
		if it.Storage.Until != nil && !it.Storage.Until.IsZero() {
			di.StorageUntil = it.Storage.Until.Time(time.UTC)
		}
		di.StorageText = it.Texts[lc].Storage
		if di.StorageText == "" {
			di.StorageText = it.Storage.Criteria
		}
		out[i].Items = append(out[i].Items, di)
	}
	slices.SortStableFunc(out, func(a, b dataGroup) int {
		return cmp.Or(strings.Compare(a.System, b.System), strings.Compare(a.Category, b.Category))
	})
	return out
}

var (
	citeParagraph = regexp.MustCompile(`\s?\((\d+[a-z]?)\)`)
	citeLetter    = regexp.MustCompile(`\s?\(([a-z])\)`)
	citeSection   = regexp.MustCompile(`§(\d)`)
)

// cite writes a citation the rules give ("§147(1) Nr. 4 AO", "Art. 6(1)(b)
// GDPR") as the page's language cites: "§ 147 Abs. 1 Nr. 4 AO", "Art. 6
// Abs. 1 lit. b DSGVO" in German; in English as given, with the space
// after § (one style throughout).
func cite(l lang, s string) string {
	s = citeSection.ReplaceAllString(strings.TrimSpace(s), "§ $1")
	if !l.DE() {
		return s
	}
	s = citeParagraph.ReplaceAllString(s, " Abs. $1")
	s = citeLetter.ReplaceAllString(s, " lit. $1")
	return strings.NewReplacer("GDPR", "DSGVO", " with ", " i. V. m. ").Replace(s)
}

// citation reduces a rule's legal reference to the provisions it cites
// (retention.Provisions, as the person's e-mail names them) in the page's style.
func citation(l lang, ref string) string {
	if strings.TrimSpace(ref) == "" {
		return ""
	}
	return cite(l, retention.Provisions(ref))
}
