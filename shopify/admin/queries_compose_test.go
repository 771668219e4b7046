package admin

import (
	"strings"
	"testing"
)

func TestSharedFragmentsAreComposedAndUsed(t *testing.T) {
	used := map[string]bool{}
	for name, doc := range Queries() {
		for frag := range sharedFragments {
			if strings.Contains(doc, "..."+frag) {
				used[frag] = true
				if strings.Count(doc, "fragment "+frag+" on ") != 1 {
					t.Errorf("%s: fragment %s defined %d times", name, frag, strings.Count(doc, "fragment "+frag+" on "))
				}
			}
		}
	}
	for frag := range sharedFragments {
		if !used[frag] {
			t.Errorf("shared fragment %s is used by no document", frag)
		}
	}
	if len(sharedFragments) == 0 {
		t.Fatal("no shared fragments loaded")
	}
}
