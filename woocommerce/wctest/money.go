package wctest

import (
	"fmt"
	"math"
)

// Money is an amount in cents; WooCommerce renders it as a decimal string.
type Money int64

// String renders m the way WooCommerce's REST API does ("12.34").
func (m Money) String() string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	return fmt.Sprintf("%s%d.%02d", sign, m/100, m%100)
}

// percentOf returns rate percent of m, rounded half away from zero to cents.
func percentOf(m Money, rate float64) Money {
	return Money(math.Round(float64(m) * rate / 100))
}
