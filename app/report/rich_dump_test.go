package report_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/report/reporttest"
)

// TestRichDump writes the rich customer's answer (RICH_ORDERS orders, 20 by
// default) to $LETHE_DUMP for reading, when that is set.
func TestRichDump(t *testing.T) {
	dir := os.Getenv("LETHE_DUMP")
	if dir == "" {
		t.Skip("LETHE_DUMP not set")
	}
	r, err := reporttest.Rich(20)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range report.Languages {
		b, err := report.RenderHTML(r, lang)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "answer."+lang+".html"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	js, _ := report.RenderJSON(r)
	_ = os.WriteFile(filepath.Join(dir, "report.json"), js, 0o644)
}
