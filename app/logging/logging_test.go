package logging

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"
)

func TestScrub(t *testing.T) {
	cases := []struct{ in, want string }{
		{"jane.doe+shop@example.co.uk wrote", "[email] wrote"},
		{"q=jane%40example.com", "q=[email]"},
		{"call +49 170 1234567 now", "call [phone] now"},
		{"555-625-1199", "[phone]"},
		{"0049 (30) 123 456", "[phone]"},
		{"due 2026-03-02", "due 2026-03-02"},
		{"at 2026-03-02T10:00:00", "at 2026-03-02T10:00:00"},
		{"request 42 took 15ms", "request 42 took 15ms"},
		{"step 1234 of 5678", "step 1234 of 5678"},
	}
	for _, c := range cases {
		if got := Scrub(c.in); got != c.want {
			t.Errorf("Scrub(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestLoggerRedactsEverywhere(t *testing.T) {
	for _, format := range []string{"json", "text"} {
		var buf bytes.Buffer
		log := New(&buf, format, "debug").With("who", "jane@example.com")
		log.Info("hello jane@example.com", "phone", "+49 170 1234567",
			"err", errors.New("no customer jane@example.com"),
			slog.Group("g", "mail", "x@y.de"), "n", 5)
		out := buf.String()
		for _, leak := range []string{"jane", "1234567", "x@y.de"} {
			if strings.Contains(out, leak) {
				t.Errorf("%s log leaks %q: %s", format, leak, out)
			}
		}
		if !strings.Contains(out, "5") {
			t.Errorf("%s log lost a number: %s", format, out)
		}
	}
}
