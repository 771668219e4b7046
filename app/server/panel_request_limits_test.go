package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// What a system could not search (connect.Result.Limits) is kept with the
// discovery and shown on the request page once the search is done, in the
// page's language, named by its system; the next run of discovery starts
// without it.
func TestPanelRequestShowsLimits(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			g := newRequestRig(t, dialect)
			g.fake.limits = []connect.Limit{{Code: "extension_missing",
				DE: "Die Erweiterung fehlt; Kommentare wurden nicht durchsucht.", EN: "The extension is missing; comments were not searched."}}
			r, discover := g.request(t, store.TypeAccess, time.Now())
			g.run(t, discover)

			text, raw := g.page(t, "a", "de", r.ID)
			contains(t, "page de", text, "Nicht alles konnte durchsucht werden:", "testshop: Die Erweiterung fehlt; Kommentare wurden nicht durchsucht.")
			contains(t, "page de", raw, `class="banner warning"`)
			text, _ = g.page(t, "a", "en", r.ID)
			contains(t, "page en", text, "Not everything could be searched:", "testshop: The extension is missing; comments were not searched.")
			if strings.Contains(text, "Kommentare") {
				t.Errorf("English page shows the German text")
			}
			_, _, frag := g.do(t, "GET", "a", "de", fmt.Sprintf("/app/requests/%d/progress", r.ID), nil, "HX-Request", "true")
			contains(t, "fragment", plain(frag), "Die Erweiterung fehlt")

			ctx := context.Background()
			dp, err := g.st.DiscoveryProgressOf(ctx, g.shops["a"].ID, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if l := dp.LimitList(); len(l) != 1 || l[0].System != "testshop" || l[0].Code != "extension_missing" {
				t.Fatalf("stored limits %+v", l)
			}
			if err := g.st.StartDiscovery(ctx, g.shops["a"].ID, r.ID, 2); err != nil {
				t.Fatal(err)
			}
			if dp, err = g.st.DiscoveryProgressOf(ctx, g.shops["a"].ID, r.ID); err != nil || dp.Limits != "" {
				t.Fatalf("a new run keeps %q (%v)", dp.Limits, err)
			}
			// Another shop's request page is not reachable.
			if code, _, _ := g.do(t, "GET", "b", "de", fmt.Sprintf("/app/requests/%d/progress", r.ID), nil); code != 404 {
				t.Fatalf("other shop: %d", code)
			}
		})
	}
}
