package gdpr

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in  string
		ok  bool
		why string
	}{
		{"2026-01-31", true, "ordinary day"},
		{"2024-02-29", true, "leap day"},
		{"2026-02-29", false, "2026 is no leap year"},
		{"2026-02-30", false, "impossible date from the issue"},
		{"2026-13-01", false, "month 13"},
		{"2026-1-31", false, "not zero-padded"},
		{"31.01.2026", false, "German notation is not accepted"},
		{"", false, "empty"},
		{"2026-01-31T10:00:00Z", false, "a time is not a date"},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseDate(%q) = %v, %v; ok want %v (%s)", tt.in, d, err, tt.ok, tt.why)
		}
		if err != nil && !errors.Is(err, ErrInvalidDate) {
			t.Errorf("ParseDate(%q): error %v is not ErrInvalidDate", tt.in, err)
		}
		if err == nil && d.String() != tt.in {
			t.Errorf("round trip %q → %q", tt.in, d)
		}
	}
}

func TestArithmetic(t *testing.T) {
	d := MustParseDate
	tests := []struct {
		got, want Date
		why       string
	}{
		{d("2025-01-31").AddMonths(1), d("2025-02-28"), "no 31 Feb → last day (Art. 3(2)(c) 1182/71)"},
		{d("2024-01-31").AddMonths(1), d("2024-02-29"), "leap year"},
		{d("2026-01-31").AddMonths(3), d("2026-04-30"), "no 31 Apr"},
		{d("2025-11-30").AddMonths(3), d("2026-02-28"), "across the year end"},
		{d("2026-03-31").AddMonths(-1), d("2026-02-28"), "backwards"},
		{d("2024-02-29").AddYears(2), d("2026-02-28"), "29 Feb + 2 years (§188(3) BGB)"},
		{d("2024-12-31").AddYears(8), d("2032-12-31"), "invoice period"},
		{d("2026-02-28").AddDays(2), d("2026-03-02"), "Saturday + 2"},
		{d("2024-02-28").AddDays(1), d("2024-02-29"), "leap day"},
		{d("1999-12-31").AddDays(1), d("2000-01-01"), "century"},
		{d("2000-02-28").AddDays(1), d("2000-02-29"), "2000 is a leap year"},
		{d("2100-02-28").AddDays(1), d("2100-03-01"), "2100 is not"},
		{d("2026-03-15").EndOfYear(), d("2026-12-31"), "end of year"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %s, want %s (%s)", tt.got, tt.want, tt.why)
		}
	}
	if n := d("2026-01-31").DaysUntil(d("2026-03-02")); n != 30 {
		t.Errorf("DaysUntil = %d, want 30", n)
	}
	if !d("2026-01-01").Before(d("2026-01-02")) || !d("2026-01-02").After(d("2026-01-01")) || !d("2026-01-01").Equal(d("2026-01-01")) {
		t.Error("comparison")
	}
	// Weekdays checked with `date -d`.
	for s, wd := range map[string]time.Weekday{"2026-02-28": time.Saturday, "2026-03-02": time.Monday, "1970-01-01": time.Thursday, "1969-12-31": time.Wednesday, "2024-02-29": time.Thursday} {
		if got := d(s).Weekday(); got != wd {
			t.Errorf("%s is a %s, got %s", s, wd, got)
		}
	}
}

func TestFromTime(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	at := time.Date(2026, 1, 31, 23, 30, 0, 0, time.UTC)
	if got := FromTime(at, berlin); got.String() != "2026-02-01" {
		t.Errorf("23:30 UTC on 31 Jan in Berlin = %s, want 2026-02-01", got)
	}
	if got := FromTime(at, nil); got.String() != "2026-01-31" {
		t.Errorf("nil location = %s, want t's own day", got)
	}
	if got := MustParseDate("2026-02-01").Time(berlin); !got.Equal(time.Date(2026, 1, 31, 23, 0, 0, 0, time.UTC)) {
		t.Errorf("Time(berlin) = %s", got)
	}
}

// TestDaysRoundTrip compares the civil-day arithmetic with package time.
func TestDaysRoundTrip(t *testing.T) {
	start := time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC)
	d := MustDate(1600, 1, 1)
	for i := 0; i < 365*900; i += 7 {
		want := start.AddDate(0, 0, i)
		if got := d.AddDays(i); got.Time(nil) != want {
			t.Fatalf("1600-01-01 + %d = %s, want %s", i, got, want.Format(time.DateOnly))
		}
	}
}

func TestDateJSON(t *testing.T) {
	type doc struct {
		Date  Date  `json:"date"`
		Maybe *Date `json:"maybe"`
	}
	v := MustParseDate("2026-03-02")
	b, err := json.Marshal(doc{Date: v})
	if err != nil || string(b) != `{"date":"2026-03-02","maybe":null}` {
		t.Fatalf("marshal: %s %v", b, err)
	}
	if b, _ := json.Marshal(doc{}); string(b) != `{"date":null,"maybe":null}` {
		t.Errorf("zero date: %s", b)
	}
	var got doc
	if err := json.Unmarshal([]byte(`{"date":"2026-03-02","maybe":"2024-02-29"}`), &got); err != nil || got.Date != v || got.Maybe == nil || got.Maybe.String() != "2024-02-29" {
		t.Errorf("unmarshal: %+v %v", got, err)
	}
	got = doc{}
	if err := json.Unmarshal([]byte(`{"date":null,"maybe":null}`), &got); err != nil || !got.Date.IsZero() || got.Maybe != nil {
		t.Errorf("null: %+v %v", got, err)
	}
	for _, bad := range []string{`{"date":"2026-02-30"}`, `{"date":20260202}`, `{"date":"02.03.2026"}`} {
		if err := json.Unmarshal([]byte(bad), &got); !errors.Is(err, ErrInvalidDate) {
			t.Errorf("%s: err %v", bad, err)
		}
	}
}
