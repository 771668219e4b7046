package server

import "testing"

func TestAcceptLanguage(t *testing.T) {
	tests := []struct{ header, want string }{
		{"", ""},
		{"de", "de"},
		{"de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7", "de"},
		{"en-GB,en;q=0.9,de;q=0.8", "en"},
		{"fr-FR,fr;q=0.9,en;q=0.5,de;q=0.6", "de"},
		{"fr-FR, it", ""},
		{"EN-us", "en"},
		{"de;q=0.1, en;q=0.2", "en"},
		{"de;q=0, en;q=0", ""},
		{"de;q=abc, en;q=0.3", "en"},
		{"*", ""},
		{" de-AT ; q=0.8 , en ; q=0.7", "de"},
	}
	for _, tt := range tests {
		if got := acceptLanguage(tt.header); got != tt.want {
			t.Errorf("acceptLanguage(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

func TestPickLang(t *testing.T) {
	tests := []struct {
		locales []string
		want    string
	}{
		{[]string{"de-DE", "en"}, "de"},
		{[]string{"", "de"}, "de"},
		{[]string{"en_GB"}, "en"},
		{[]string{"fr", "it"}, "en"},
		{nil, "en"},
		{[]string{"fr", "DE"}, "de"},
	}
	for _, tt := range tests {
		if got := pickLang(tt.locales...); got != tt.want {
			t.Errorf("pickLang(%q) = %q, want %q", tt.locales, got, tt.want)
		}
	}
}
