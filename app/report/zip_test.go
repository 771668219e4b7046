package report_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/report"
)

func unzip(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return out
}

func readCSV(t *testing.T, b []byte) []map[string]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\uFEFF")) {
		t.Error("CSV without UTF-8 BOM")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func TestZipOneCSVPerRecordType(t *testing.T) {
	r := positive(t)
	b, err := report.RenderZip(r)
	if err != nil {
		t.Fatal(err)
	}
	files := unzip(t, b)
	var names []string
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	want := []string{"README.txt", "customer_account.csv", "invoice.csv", "marketing_consent_proof.csv", "order_confirmation.csv", "report.json"}
	if !slices.Equal(names, want) {
		t.Fatalf("files %v, want %v", names, want)
	}

	orders := readCSV(t, files["order_confirmation.csv"])
	if len(orders) != 2 || orders[0]["record_id"] != "gid://shopify/Order/1001" || orders[1]["record_id"] != "gid://shopify/Order/1002" {
		t.Fatalf("orders: %v", orders)
	}
	o := orders[1]
	if o["order_number"] != "#1002" || o["total_amount"] != "-5.00" || o["date"] != "2025-06-02" || o["delivered"] != "2025-06-02" ||
		o["system"] != "shopify" || o["category"] != "orders" || o["currency"] != "EUR" {
		t.Errorf("order row: %v", o)
	}
	var addr map[string]string
	if err := json.Unmarshal([]byte(o["shipping_address"]), &addr); err != nil || addr["city"] != "Berlin" {
		t.Errorf("nested value not JSON: %q", o["shipping_address"])
	}

	header, _ := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(files["invoice.csv"], []byte("\uFEFF")))).Read()
	wantHeader := []string{"record_id", "system", "category", "date", "delivered", "invoiced", "consent_ended",
		"buyer_address", "buyer_name", "currency", "invoice_date", "invoice_number", "line_items", "net_amounts", "field_system", "tax_amounts", "tax_rates"}
	if !slices.Equal(header, wantHeader) {
		t.Errorf("invoice columns\n%v\nwant\n%v", header, wantHeader)
	}
	inv := readCSV(t, files["invoice.csv"])
	if len(inv) != 1 || inv[0]["system"] != "shopify" || inv[0]["field_system"] != "Kasse 2" || inv[0]["tax_rates"] != `["19"]` {
		t.Errorf("invoice row: %v", inv)
	}

	acct := readCSV(t, files["customer_account.csv"])
	if acct[0]["note"] != `'=HYPERLINK("http://evil.example")` {
		t.Errorf("formula not defused: %q", acct[0]["note"])
	}
	if acct[0]["phone"] != "'+49 170 1234567" || acct[0]["accepts_marketing"] != "true" || acct[0]["first_name"] != "Jane" {
		t.Errorf("account row: %v", acct[0])
	}

	js, _ := report.RenderJSON(r)
	if !bytes.Equal(files["report.json"], js) {
		t.Error("report.json in the zip differs from RenderJSON")
	}
	readme := string(files["README.txt"])
	for _, w := range []string{"report.json", "invoice.csv", "Rechnung", "Invoice", "Art. 20 DSGVO", "Art. 20 GDPR", "UTF-8"} {
		if !strings.Contains(readme, w) {
			t.Errorf("README.txt lacks %q", w)
		}
	}
}

func TestZipNegative(t *testing.T) {
	b, err := report.RenderZip(negative(t))
	if err != nil {
		t.Fatal(err)
	}
	files := unzip(t, b)
	if len(files) != 2 || files["README.txt"] == nil || files["report.json"] == nil {
		t.Fatalf("negative zip: %v", len(files))
	}
	if !strings.Contains(string(files["README.txt"]), "keine CSV-Dateien") {
		t.Error("README does not say there are no CSV files")
	}
}

func TestZipDeterministic(t *testing.T) {
	a, _ := report.RenderZip(positive(t))
	b, _ := report.RenderZip(positive(t))
	if !bytes.Equal(a, b) {
		t.Error("the same report zips differently")
	}
}
