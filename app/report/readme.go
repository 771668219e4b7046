package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// readme is report.zip's README.txt, in German and English.
func readme(r *Report, csvFiles []string) []byte {
	var b strings.Builder
	loc, err := time.LoadLocation(r.Request.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	on := gdpr.FromTime(r.GeneratedAt, loc)
	de := func(format string, args ...any) { fmt.Fprintf(&b, format+"\r\n", args...) }
	de("Auskunft nach Art. 15 DSGVO – %s", r.Controller.Name)
	de("Vorgang %d, erstellt am %s", r.Request.ID, on.Long("de"))
	de("")
	de("Dieses Archiv enthält:")
	de("- report.json: die vollständige Auskunft, maschinenlesbar (Schema %s).", r.Schema)
	if len(csvFiles) == 0 {
		de("- keine CSV-Dateien: es sind keine Datensätze über Sie gespeichert.")
	}
	for _, f := range csvFiles {
		de("- %s: %s, eine Zeile je Datensatz.", f, labelFor(recordTypeLabels, strings.TrimSuffix(f, ".csv"), "de"))
	}
	de("")
	de("Die CSV-Dateien (Art. 20 DSGVO, Datenübertragbarkeit) sind UTF-8 mit BOM, durch Kommas getrennt.")
	de("Die ersten Spalten sind record_id, system, category, date, delivered, invoiced, consent_ended;")
	de("danach folgt je gespeichertem Feld eine Spalte. Verschachtelte Werte stehen als JSON in der Zelle.")
	de("Text, den eine Tabellenkalkulation als Formel ausführen würde (beginnend mit = + - @), ist mit")
	de("einem vorangestellten Apostroph (') geschützt. Die unveränderten Werte stehen in report.json.")
	de("Die lesbare Fassung mit allen Angaben nach Art. 15 DSGVO erhalten Sie als report.html.")
	de("")
	de("----------------------------------------------------------------------")
	de("")
	de("Access to personal data under Art. 15 GDPR – %s", r.Controller.Name)
	de("Request %d, generated on %s", r.Request.ID, on.Long("en"))
	de("")
	de("This archive holds:")
	de("- report.json: the complete answer, machine-readable (schema %s).", r.Schema)
	if len(csvFiles) == 0 {
		de("- no CSV files: no records about you are stored.")
	}
	for _, f := range csvFiles {
		de("- %s: %s, one row per record.", f, labelFor(recordTypeLabels, strings.TrimSuffix(f, ".csv"), "en"))
	}
	de("")
	de("The CSV files (Art. 20 GDPR, data portability) are UTF-8 with BOM, comma-separated.")
	de("The first columns are record_id, system, category, date, delivered, invoiced, consent_ended;")
	de("then one column per stored field. Nested values are written as JSON into the cell.")
	de("Text a spreadsheet would run as a formula (starting with = + - @) is protected by a leading")
	de("apostrophe ('). The unchanged values are in report.json.")
	de("The readable version with all the information required by Art. 15 GDPR is report.html.")
	return []byte(b.String())
}
