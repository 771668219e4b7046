package server

import "testing"

// shortID keeps a GID's number and leaves every other id as it is (the
// archive's legal holds and the request page show it).
func TestShortID(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"gid://shopify/Order/5502112345", "5502112345"},
		{"gid://shopify/Customer/207119551", "207119551"},
		{"gid://shopify/MailingAddress/42?model_name=CustomerAddress", "42"},
		{"gid://shopify/Order/", "gid://shopify/Order/"},
		{"1004", "1004"},
		{"#1004", "#1004"},
		{"INV-7", "INV-7"},
		{"", ""},
	} {
		if got := shortID(tc.in); got != tc.want {
			t.Errorf("shortID(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	n := recordNames{"gid://shopify/Order/1": "#1001"}
	if got := n.of("gid://shopify/Order/1"); got != "#1001" {
		t.Errorf("named order: %q", got)
	}
	if got := n.of("gid://shopify/Order/2"); got != "2" {
		t.Errorf("unnamed order: %q", got)
	}
}
