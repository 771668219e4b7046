package shopifytest

import (
	"fmt"
	"strconv"
	"strings"
)

// cents parses a decimal amount ("19.99", "5", "0.5") into hundredths.
// Seeded amounts are trusted test data; an unparsable one counts as zero.
func cents(amount string) int64 {
	amount = strings.TrimSpace(amount)
	if amount == "" {
		return 0
	}
	neg := strings.HasPrefix(amount, "-")
	amount = strings.TrimPrefix(amount, "-")
	whole, frac, _ := strings.Cut(amount, ".")
	frac = (frac + "00")[:2]
	w, err1 := strconv.ParseInt(whole, 10, 64)
	f, err2 := strconv.ParseInt(frac, 10, 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	v := w*100 + f
	if neg {
		v = -v
	}
	return v
}

// decimal formats hundredths the way Shopify's Decimal scalar does ("19.99",
// "5.0").
func decimal(c int64) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	if c%100 == 0 {
		return fmt.Sprintf("%s%d.0", sign, c/100)
	}
	s := fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
	return strings.TrimSuffix(s, "0")
}

// moneyV2 and moneyBag build the executor objects of MoneyV2 and MoneyBag;
// the presentment currency equals the shop currency in the emulator.
func moneyV2(c int64, currency string) map[string]any {
	return map[string]any{"amount": decimal(c), "currencyCode": currency}
}

func moneyBag(c int64, currency string) map[string]any {
	return map[string]any{
		"shopMoney":        moneyV2(c, currency),
		"presentmentMoney": moneyV2(c, currency),
	}
}
