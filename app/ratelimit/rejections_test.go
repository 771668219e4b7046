package ratelimit

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

func request(e *echo.Echo, remote string, header ...string) echo.Context {
	req := httptest.NewRequest(http.MethodPost, "/webhooks/x", nil)
	req.RemoteAddr = remote
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return e.NewContext(req, httptest.NewRecorder())
}

// A client counts by its connection's address (X-Forwarded-For is not
// taken on trust without a configured proxy), an IPv6 client by its /64.
func TestClientKey(t *testing.T) {
	e := echo.New()
	for _, tt := range []struct {
		remote string
		header []string
		want   string
	}{
		{"198.51.100.7:40000", nil, "198.51.100.7"},
		{"198.51.100.7:40000", []string{"X-Forwarded-For", "203.0.113.1"}, "198.51.100.7"},
		{"[2001:db8:1:2:3:4:5:6]:40000", nil, "2001:db8:1:2::/64"},
		{"[2001:db8:1:2:ffff::1]:40000", nil, "2001:db8:1:2::/64"},
	} {
		if got := ClientKey(request(e, tt.remote, tt.header...)); got != tt.want {
			t.Errorf("%s %v: %q, want %q", tt.remote, tt.header, got, tt.want)
		}
	}
	e.IPExtractor = echo.ExtractIPFromXFFHeader(echo.TrustLoopback(true))
	if got := ClientKey(request(e, "127.0.0.1:40000", "X-Forwarded-For", "203.0.113.1")); got != "203.0.113.1" {
		t.Errorf("behind a trusted proxy: %q", got)
	}
}

// Rejections beyond the burst are limited per address; each reason is let
// through to the log once a minute, with the count of those not logged.
func TestRejectionsLimitAndSample(t *testing.T) {
	e := echo.New()
	r := NewRejections(3, 1)
	now := time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)
	r.now = func() time.Time { return now }
	var got []Rejection
	for range 4 {
		got = append(got, r.Observe(request(e, "198.51.100.7:1"), "bad_signature"))
	}
	other := r.Observe(request(e, "203.0.113.9:1"), "bad_signature")
	want := []Rejection{
		{Reason: "bad_signature", Log: true},
		{Reason: "bad_signature"},
		{Reason: "bad_signature"},
		{Limited: true, Reason: RateLimited, Log: true},
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("rejection %d: %+v, want %+v", i+1, got[i], want[i])
		}
	}
	if other != (Rejection{Reason: "bad_signature"}) {
		t.Errorf("another address: %+v (not limited, not logged again within the minute)", other)
	}
	now = now.Add(time.Minute)
	if o := r.Observe(request(e, "203.0.113.9:1"), "bad_signature"); !o.Log || o.NotLogged != 3 || o.Limited {
		t.Errorf("a minute later: %+v, want logged with 3 not logged before", o)
	}
}
