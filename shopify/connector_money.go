package shopify

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Amounts are exact decimals (big.Rat) while computing and decimal strings
// with two places in items ("19.90"), as the retention fields expect.

func dec(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(strings.TrimSpace(s))
	if !ok {
		return new(big.Rat)
	}
	return r
}

func decStr(r *big.Rat) string { return r.FloatString(2) }

func add(a, b *big.Rat) *big.Rat { return new(big.Rat).Add(a, b) }
func sub(a, b *big.Rat) *big.Rat { return new(big.Rat).Sub(a, b) }

func mulInt(a *big.Rat, n int) *big.Rat {
	return new(big.Rat).Mul(a, new(big.Rat).SetInt64(int64(n)))
}

func quoInt(a *big.Rat, n int) *big.Rat {
	if n == 0 {
		return new(big.Rat).Set(a)
	}
	return new(big.Rat).Quo(a, new(big.Rat).SetInt64(int64(n)))
}

// near reports |a-b| ≤ one cent.
func near(a, b *big.Rat) bool {
	d := sub(a, b)
	return d.Abs(d).Cmp(big.NewRat(1, 100)) <= 0
}

// percent writes a tax rate fraction as a percentage: 0.19 → "19", 0.077
// → "7.7".
func percent(rate float64) string {
	return strconv.FormatFloat(math.Round(rate*10000)/100, 'f', -1, 64)
}
