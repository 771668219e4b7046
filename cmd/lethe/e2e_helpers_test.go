package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// stack is a running `lethe serve` wired to the Shopify emulator and a
// real SMTP server, reached over HTTP only.
type stack struct {
	t      testing.TB
	base   string
	emu    *shopifytest.Emulator
	app    shopifytest.App
	stop   func() int
	domain string
	sqlDB  *sql.DB
}

// freeAddr reserves a loopback port, so LETHE_PUBLIC_URL can name it.
func freeAddr(t testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// api calls the embedded app's JSON API with a fresh session token.
func (s *stack) api(method, path string, body string, out any) int {
	s.t.Helper()
	req, _ := http.NewRequest(method, s.base+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+shopifytest.SessionToken(s.domain, s.app.ClientID, s.app.ClientSecret, time.Now()))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil && len(b) > 0 {
		if err := json.Unmarshal(b, out); err != nil {
			s.t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
	return resp.StatusCode
}

type apiRequest struct {
	ID       int64  `json:"id"`
	Type     string `json:"type"`
	Status   string `json:"status"`
	Failure  string `json:"failure"`
	DueAt    string `json:"due_at"`
	Partial  bool   `json:"partial"`
	Received string `json:"received_at"`
}

func (s *stack) requests() []apiRequest {
	var out struct{ Requests []apiRequest }
	if code := s.api("GET", "/api/requests", "", &out); code != 200 {
		s.t.Fatalf("list requests: %d", code)
	}
	return out.Requests
}

// waitStatus polls until the request reaches status (a hang guard, not a
// performance limit).
func (s *stack) waitStatus(id int64, status string) apiRequest {
	s.t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	var r apiRequest
	for time.Now().Before(deadline) {
		s.api("GET", fmt.Sprintf("/api/requests/%d", id), "", &r)
		if r.Status == status {
			return r
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("request %d is %q (failure %q), want %q", id, r.Status, r.Failure, status)
	return r
}

func get(t testing.TB, url string) (int, http.Header, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}
