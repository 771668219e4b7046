package mail

import (
	"fmt"
	"time"
)

// lifetimeUnits are the units a link's lifetime is written in, largest
// first: the one, the many in German, then in English.
var lifetimeUnits = []struct {
	size               time.Duration
	de1, deN, en1, enN string
}{
	{24 * time.Hour, "1 Tag", "%d Tage", "1 day", "%d days"},
	{time.Hour, "1 Stunde", "%d Stunden", "1 hour", "%d hours"},
	{time.Minute, "1 Minute", "%d Minuten", "1 minute", "%d minutes"},
	{time.Second, "1 Sekunde", "%d Sekunden", "1 second", "%d seconds"},
}

// lifetimeIn says how long a customer's link works, counted from the
// sending of the e-mail that carries it (the link is activated then):
// "7 Tage" / "7 days", in the largest unit that divides it.
func lifetimeIn(lang string, d time.Duration) string {
	d = max(d.Truncate(time.Second), time.Second)
	for _, u := range lifetimeUnits {
		if d%u.size != 0 {
			continue
		}
		n := int64(d / u.size)
		one, many := u.en1, u.enN
		if lang == "de" {
			one, many = u.de1, u.deN
		}
		if n == 1 {
			return one
		}
		return fmt.Sprintf(many, n)
	}
	return "" // unreachable: a second divides every truncated lifetime
}
