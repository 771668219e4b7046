package plan

import (
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// ClaimLimitationYears is the regular limitation period of §§ 195, 199
// Abs. 1 BGB: three years, counted from the end of the year the claim arose.
const ClaimLimitationYears = 3

// claimLimitationReference cites the rule that ends the deferral of an open
// order. Austria's § 1486 Nr. 1 ABGB also limits claims for goods supplied
// in a business to three years, counted from when the claim could be
// asserted; counting from the end of the year, as here, is never shorter.
func claimLimitationReference(country string) string {
	if country == gdpr.CountryAT {
		return "§1486 Nr. 1 ABGB (limitation of claims for goods supplied: 3 years; counted from the end of the year of the order)"
	}
	return "§§195, 199(1) BGB (regular limitation: 3 years from the end of the year the claim arose)"
}

// OpenUntil is the last day a claim from an order of day arose can still be
// asserted (§§ 195, 199 Abs. 1 BGB): the end of the third year after the
// year the claim arose. The claims of an unpaid or unshipped order (the
// price, § 433 Abs. 2 BGB; the goods, § 433 Abs. 1 BGB) arise when the
// contract is made, the order's day. Ordered 15 March 2022 → 31 December
// 2025; ordered 31 December 2022 → 31 December 2025 as well.
func OpenUntil(day gdpr.Date) gdpr.Date {
	return day.EndOfYear().AddYears(ClaimLimitationYears)
}

// openReturn is the open_order field value a connector records for an order
// with a return still open (a claim that arises with the return, on a day
// the item does not carry).
const openReturn = "open_return"

// openStill reports whether an item's contract still defers its erasure as
// of today. An order defers only while a claim from it can still exist:
// until OpenUntil of its day. After that it is planned like any closed
// order. An order without a day, or with a return still open (whose claim
// arose later, on a day the plan does not know), keeps deferring: nothing
// is erased on a guess. What retention.DeferredWithOrder excludes is never
// deferred: the contract needs neither the IP address and user agent of the
// checkout nor a review, a comment or an analytics record.
func openStill(it gdpr.Item, returns map[string]bool, today gdpr.Date) bool {
	switch {
	case !it.Open && it.RecordType != retention.OpenOrder:
		return false
	case !retention.DeferredWithOrder(it.RecordType):
		return false
	case it.Date.IsZero(), returns[it.System+"\x00"+it.RecordID]:
		return true
	}
	return !today.After(OpenUntil(it.Date))
}

// openReturns lists the orders (system and record id) whose open_order item
// names an open return.
func openReturns(items []gdpr.Item) map[string]bool {
	out := map[string]bool{}
	for _, it := range items {
		if it.RecordType != retention.OpenOrder {
			continue
		}
		switch rs := it.Fields["open_reasons"].(type) {
		case []string:
			for _, r := range rs {
				if r == openReturn {
					out[it.System+"\x00"+it.RecordID] = true
				}
			}
		case []any:
			for _, r := range rs {
				if r == openReturn {
					out[it.System+"\x00"+it.RecordID] = true
				}
			}
		}
	}
	return out
}
