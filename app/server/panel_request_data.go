package server

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	rules "github.com/lethe-gdpr/lethe/app/gdpr/classify"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/pipeline"
	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/store"
)

// The data found, grouped by system and category and within them by
// document type: how many records, of which dates, their purposes, legal
// basis and storage — a summary the merchant can read at a glance also for
// a customer with a thousand orders; every record's detail is in the
// answer package (report.html, .json, .zip). The records are the report's
// copy (report.Item) when the answer is built, else the items found
// classified the same way (report.Items over classify.Classify, as the
// answer step does). A built report's summary is kept in memory
// (foundCache), keyed by the report's version, so the page does not decode
// the whole report again on every load.

// dataGroup is the records of one category in one system.
type dataGroup struct {
	System, Category string // named for the merchant
	Types            []dataType
}

// dataType is the records of one document type in a group.
type dataType struct {
	RecordType string
	Count      int
	From, To   time.Time // the records' dates (zero: undated)
	Purposes   []string
	LegalBasis string
	// StorageFrom, StorageTo: the earliest and the latest day a record of
	// the type is kept until (zero: no date, StorageText says the criterion).
	StorageFrom, StorageTo time.Time
	StorageText            string
	Reference              string   // the storage's legal reference, cited the page's way
	Records                []string // the records' ids, listed for a type with few records
}

// fewRecords is how many records of a type the page lists by id.
const fewRecords = 5

// found is what the request page shows of the data found.
type found struct {
	Groups  []dataGroup
	Overdue *overdueView // records past their retention period (access requests)
	Names   recordNames  // the orders' names by record id (panel_request_ids.go)
}

// foundOf summarises the data found for r in l: from the cache when the
// report it comes from is unchanged.
func (p *Panel) foundOf(ctx context.Context, sh *store.Shop, r *store.Request, l lang) (found, bool, error) {
	stamp, hasReport, err := p.api.st.ReportStamp(ctx, sh.ID, r.ID)
	if err != nil {
		return found{}, false, err
	}
	key := foundKey{shop: sh.ID, request: r.ID, stamp: stamp.UnixNano(), lang: l}
	if hasReport {
		if f, ok := p.found.get(key); ok {
			return f, true, nil
		}
	}
	items, err := p.foundItems(ctx, sh, r, hasReport)
	if err != nil {
		return found{}, hasReport, err
	}
	f := found{Groups: groupItems(items, l), Names: namesOf(items)}
	labelFound(f.Groups, f.Names)
	if r.Type == store.TypeAccess {
		f.Overdue = overdueOf(items, l)
	}
	if hasReport {
		p.found.put(key, f)
	}
	return f, hasReport, nil
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

// groupItems groups the report's items by system and category, and within
// a group by document type, in the order of the names.
func groupItems(items []report.Item, l lang) []dataGroup {
	lc := string(l)
	var out []dataGroup
	groups := map[[2]string]int{}
	types := map[[3]string]int{}
	for _, it := range items {
		gk := [2]string{it.System, it.Category}
		gi, ok := groups[gk]
		if !ok {
			gi = len(out)
			groups[gk] = gi
			out = append(out, dataGroup{System: systemLabel(l, it.System), Category: report.CategoryLabel(it.Category, lc)})
		}
		tk := [3]string{it.System, it.Category, it.RecordType}
		ti, ok := types[tk]
		if !ok {
			ti = len(out[gi].Types)
			types[tk] = ti
			out[gi].Types = append(out[gi].Types, dataType{RecordType: report.RecordTypeLabel(it.RecordType, lc)})
		}
		t := &out[gi].Types[ti]
		t.Count++
		if t.Count <= fewRecords {
			t.Records = append(t.Records, it.RecordID)
		}
		if it.Date != nil {
			widen(&t.From, &t.To, it.Date.Time(time.UTC))
		}
		for _, pk := range it.Purposes {
			t.Purposes = appendNew(t.Purposes, report.PurposeLabel(pk, lc))
		}
		t.LegalBasis = joinNew(t.LegalBasis, gdpr.Cite(lc, strings.TrimSpace(it.LegalBasis)))
		if it.Storage.Until != nil && !it.Storage.Until.IsZero() {
			widen(&t.StorageFrom, &t.StorageTo, it.Storage.Until.Time(time.UTC))
		} else if text := cmp.Or(it.Texts[lc].Storage, it.Storage.Criteria); t.StorageText == "" {
			t.StorageText = text
		}
		t.Reference = joinNew(t.Reference, citation(l, it.Storage.LegalReference))
	}
	for i := range out {
		if len(out[i].Types) > 0 {
			for j := range out[i].Types {
				if t := &out[i].Types[j]; t.Count > fewRecords {
					t.Records = nil
				}
			}
		}
		slices.SortStableFunc(out[i].Types, func(a, b dataType) int { return strings.Compare(a.RecordType, b.RecordType) })
	}
	slices.SortStableFunc(out, func(a, b dataGroup) int {
		return cmp.Or(strings.Compare(a.System, b.System), strings.Compare(a.Category, b.Category))
	})
	return out
}

// widen stretches the range [from, to] to hold t.
func widen(from, to *time.Time, t time.Time) {
	if from.IsZero() || t.Before(*from) {
		*from = t
	}
	if to.IsZero() || t.After(*to) {
		*to = t
	}
}

func appendNew(xs []string, x string) []string {
	if x == "" || slices.Contains(xs, x) {
		return xs
	}
	return append(xs, x)
}

// joinNew adds the pieces of part (itself "; "-joined: a record's
// citations) to a "; "-joined list, each unless it is there: six orders
// citing the same two laws cite them once.
func joinNew(list, part string) string {
	var have []string
	if list != "" {
		have = strings.Split(list, "; ")
	}
	for _, p := range strings.Split(part, "; ") {
		if p = strings.TrimSpace(p); p != "" && !slices.Contains(have, p) {
			have = append(have, p)
		}
	}
	return strings.Join(have, "; ")
}

// citation reduces a rule's legal reference to the provisions it cites
// (retention.Provisions, as the person's e-mail names them) in the page's style.
func citation(l lang, ref string) string {
	if strings.TrimSpace(ref) == "" {
		return ""
	}
	return gdpr.Cite(string(l), retention.Provisions(ref))
}
