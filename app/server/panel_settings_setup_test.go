package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
)

// The connected systems show what a system asks the merchant to set up in
// it, as the system gives it — the steps, a download, values to copy (a
// secret behind a disclosure), whether it answers and why not — in the
// page's language; a system that has nothing to set up shows nothing.
func TestSettingsShowASystemsSetup(t *testing.T) {
	working := true
	reg := connect.NewRegistry()
	reg.RegisterSetup("forum", func(_ context.Context, sh *store.Shop) ([]connect.Setup, error) {
		if sh.Domain != "forum.myshopify.com" {
			return nil, nil
		}
		s := connect.Setup{System: "forum", Title: connect.Text{"Forum-Erweiterung", "Forum extension"},
			Steps:   []connect.Text{{"Installieren Sie die Erweiterung.", "Install the extension."}},
			Links:   []connect.SetupLink{{Label: connect.Text{"Erweiterung herunterladen", "Download the extension"}, URL: "https://lethe.example/forum.zip"}},
			Values:  []connect.SetupValue{{Label: connect.Text{"Adresse", "Address"}, Value: "https://lethe.example/hook/1"}, {Label: connect.Text{"Schlüssel", "Secret"}, Value: "s3cr3t-value", Secret: true}},
			Working: working, Status: "Erweiterung 2.0"}
		if !working {
			s.Problem = connect.Text{"Die Erweiterung antwortet nicht.", "The extension does not answer."}
		}
		return []connect.Setup{s}, nil
	})
	e := newSettingsEnv(t, server.PanelConfig{Connectors: reg})
	sh := e.shop(t, "forum.myshopify.com", "Forum GmbH", "Weg 1", "80331", "München", "f@forum.example")
	p := e.get(t, sh, "de", "/app/settings")
	if p.status != http.StatusOK {
		t.Fatalf("%d %s", p.status, p.body)
	}
	p.contains(t, "Forum-Erweiterung", "Antwortet", "Erweiterung 2.0", "Installieren Sie die Erweiterung.", `href="https://lethe.example/forum.zip"`,
		"Erweiterung herunterladen", `value="https://lethe.example/hook/1"`, `value="s3cr3t-value"`, "Schlüssel anzeigen", `data-copy="setup-0-1"`, "Kopieren")
	if i, j := strings.Index(p.body, "<details>"), strings.Index(p.body, "s3cr3t-value"); i < 0 || j < i {
		t.Errorf("the secret is not behind the disclosure")
	}
	working = false
	e.get(t, sh, "en", "/app/settings").contains(t, "Forum extension", "Does not answer", "The extension does not answer.", "Install the extension.", "Show the secret", "Copy")

	other := e.shop(t, "other.myshopify.com", "Other GmbH", "Weg 2", "80331", "München", "o@other.example")
	if p := e.get(t, other, "de", "/app/settings"); strings.Contains(p.body, "Forum-Erweiterung") || strings.Contains(p.body, "data-copy") {
		t.Errorf("a shop without the system shows its setup")
	}
}
