package server

import "testing"

// addressParts lets a narrow column break an address only between its
// parts (after the "@", and a long domain also after a hyphen or a dot),
// never inside one; the parts are escaped.
func TestAddressParts(t *testing.T) {
	for in, want := range map[string]string{
		"k•••@e•••.de": `<span class="nowrap">k•••@</span><wbr><span class="nowrap">e•••.de</span>`,
		"datenschutz@nordlicht-naturwaren.example": `<span class="nowrap">datenschutz@</span><wbr><span class="nowrap">nordlicht-</span>` +
			`<wbr><span class="nowrap">naturwaren.</span><wbr><span class="nowrap">example</span>`,
		"J••• D•••": "J••• D•••",
		"<b>@x":     `<span class="nowrap">&lt;b&gt;@</span><wbr><span class="nowrap">x</span>`,
		"a@b-":      `<span class="nowrap">a@</span><wbr><span class="nowrap">b-</span>`,
	} {
		if got := string(addressParts(in)); got != want {
			t.Errorf("addressParts(%q) = %s, want %s", in, got, want)
		}
	}
}
