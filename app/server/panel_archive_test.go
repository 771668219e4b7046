package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
)

// archive puts n records with purge date until into sh's archive and
// returns their ids.
func (e *settingsEnv) archive(t *testing.T, sh *store.Shop, until store.Day, n int) []int64 {
	t.Helper()
	var ids []int64
	for i := 0; i < n; i++ {
		en := &store.ArchiveEntry{ShopID: sh.ID, System: "shopify", RecordType: "invoice",
			RecordID: until.String() + "-" + string(rune('a'+i)), LegalReference: "§ 147 Abs. 1 Nr. 4 AO",
			RetainUntil: until, Fields: map[string]any{"total": "19.99", "name": "Erika Muster"}}
		if err := e.st.CreateArchiveEntry(context.Background(), en, []string{"total", "name"}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, en.ID)
	}
	return ids
}

// The archive counts records by the month of their purge date; records on
// legal hold are counted and listed with their reason; another shop's
// records are not counted.
func TestArchivePageCountsByPurgeMonth(t *testing.T) {
	e := newSettingsEnv(t, server.PanelConfig{})
	ctx := context.Background()
	sh := e.shop(t, "a.myshopify.com", "A GmbH", "Weg 1", "80331", "München", "a@a.example")
	other := e.shop(t, "b.myshopify.com", "B GmbH", "Weg 2", "80331", "München", "b@b.example")
	e.archive(t, sh, store.DayOf(2031, 3, 1), 2)
	held := e.archive(t, sh, store.DayOf(2031, 3, 31), 1)
	e.archive(t, sh, store.DayOf(2034, 12, 31), 4)
	e.archive(t, other, store.DayOf(2031, 3, 5), 5)
	if _, err := e.st.SetLegalHold(ctx, sh.ID, held[0], true, "Betriebsprüfung 2030"); err != nil {
		t.Fatal(err)
	}
	row := func(month string, count, hold int) *regexp.Regexp {
		return regexp.MustCompile(`<tr><td>` + month + `</td><td>` + strconv.Itoa(count) + `</td><td>` + strconv.Itoa(hold) + `</td></tr>`)
	}
	for lang, c := range map[string]struct {
		march, december string
		wants           []string
	}{
		"de": {"März 2031", "Dezember 2034", []string{"<h1>Archiv</h1>", "7 Unterlagen im Archiv.", "Aufbewahrungssperren", "Betriebsprüfung 2030",
			"Rechnungen", "31. März 2031", "Bevor Sie Lethe deinstallieren", "auch das Archiv", "Sichern Sie vorher:"}},
		"en": {"March 2031", "December 2034", []string{"<h1>Archive</h1>", "7 records in the archive.", "Legal holds", "31 March 2031",
			"Before you uninstall Lethe", "the archive too", "Save these first:"}},
	} {
		p := e.get(t, sh, lang, "/app/archive")
		if p.status != http.StatusOK {
			t.Fatalf("%s: %d %s", lang, p.status, p.body)
		}
		p.contains(t, c.wants...)
		if !row(c.march, 3, 1).MatchString(p.body) || !row(c.december, 4, 0).MatchString(p.body) {
			t.Errorf("%s: month rows wrong:\n%s", lang, p.body)
		}
		if strings.Count(p.body, "<tr><td>") != 2+1 { // two months, one hold
			t.Errorf("%s: %d rows", lang, strings.Count(p.body, "<tr><td>"))
		}
		p.lacks(t, "Erika", "19.99") // counts and holds only, never the data
	}
	e.get(t, other, "de", "/app/archive").contains(t, "5 Unterlagen im Archiv.")
}

// An export without a stated reason is refused with the reason asked for,
// nothing exported and nothing audited; with one, the archive downloads
// and the export is in the audit trail with the count and the reason.
func TestArchiveExportNeedsAStatedReason(t *testing.T) {
	e := newSettingsEnv(t, server.PanelConfig{})
	ctx := context.Background()
	sh := e.shop(t, "a.myshopify.com", "A GmbH", "Weg 1", "80331", "München", "a@a.example")
	e.archive(t, sh, store.DayOf(2031, 3, 1), 2)
	for lang, want := range map[string]string{
		"de": "Bitte nennen Sie den Grund (mindestens 10 Zeichen). Ohne Grund wird nichts exportiert.",
		"en": "Please state the reason (at least 10 characters). Without a reason nothing is exported.",
	} {
		p := e.post(t, sh, lang, "/app/archive/export", url.Values{"reason": {"Prüfung"}})
		if p.status != http.StatusBadRequest || !strings.HasPrefix(p.header.Get("Content-Type"), "text/html") {
			t.Fatalf("%s: %d %s", lang, p.status, p.header.Get("Content-Type"))
		}
		p.contains(t, want, `value="Prüfung"`, `aria-invalid="true"`)
		p.lacks(t, "Erika")
		if p.header.Get("X-Frame-Options") != "" {
			t.Error("the refusal page cannot be shown in the admin's frame")
		}
	}
	evs, _ := e.st.ShopEvents(ctx, sh.ID)
	for _, ev := range evs {
		if ev.Action == "archive.exported" {
			t.Fatal("a refused export is audited as an export")
		}
	}
	p := e.post(t, sh, "de", "/app/archive/export", url.Values{"reason": {"Betriebsprüfung 2027, Finanzamt München"}})
	if p.status != http.StatusOK || !strings.Contains(p.header.Get("Content-Disposition"), `attachment; filename="lethe-archive-a.myshopify.com-`) {
		t.Fatalf("%d %v %s", p.status, p.header, p.body)
	}
	if p.header.Get("Cache-Control") != "no-store" || p.header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("the download lacks the answer headers: %v", p.header)
	}
	var got struct {
		Reason  string
		Count   int
		Records []struct{ Fields map[string]any }
	}
	if err := json.Unmarshal([]byte(p.body), &got); err != nil || got.Count != 2 || len(got.Records) != 2 || got.Records[0].Fields["name"] != "Erika Muster" {
		t.Fatalf("%v %s", err, p.body)
	}
	evs, _ = e.st.ShopEvents(ctx, sh.ID)
	var audited string
	for _, ev := range evs {
		if ev.Action == "archive.exported" {
			audited = ev.Detail
		}
	}
	if audited != "count=2 reason=Betriebsprüfung 2027, Finanzamt München" {
		t.Errorf("audit %q", audited)
	}
}
