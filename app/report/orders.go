package report

import (
	"slices"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// orderRow is one order of the readable answer, one table row: what it
// was, who received its data (the payment provider actually used, the
// carrier that shipped it), and which documents of it are kept.
type orderRow struct {
	Number, Date, Total, Status string
	Payment, Carrier, IP        string
	Documents                   []orderDoc
	Overdue                     bool // a document's period has ended
}

// orderDoc is one kind of document kept of an order: Count of them (an
// order has one confirmation but may have several notes).
type orderDoc struct {
	Label   string
	Count   int
	Overdue bool
}

// docOrder is the order documents are listed in.
var docOrder = []retention.RecordType{
	retention.OpenOrder, retention.OrderConfirmation, retention.Invoice, retention.CreditNote, retention.PaymentRecord,
	retention.DeliveryNote, retention.WarrantyData, retention.BusinessLetter, retention.OrderNote, retention.AccountingRecord, retention.TechnicalData,
}

// orderRows writes each order's records as one row, oldest first.
func orderRows(orders [][]Item, lang string) []orderRow {
	type dated struct {
		row orderRow
		on  gdpr.Date
	}
	rows := make([]dated, 0, len(orders))
	for _, items := range orders {
		var d dated
		d.row.Number = orderNumber(items[0])
		var payment, carrier []string
		var financial, fulfillment string
		cancelled, open := false, false
		slices.SortStableFunc(items, func(a, b Item) int {
			return slices.Index(docOrder, retention.RecordType(a.RecordType)) - slices.Index(docOrder, retention.RecordType(b.RecordType))
		})
		for _, it := range items {
			if it.Date != nil && (d.on.IsZero() || it.Date.Before(d.on)) {
				d.on = *it.Date
			}
			if d.row.Total == "" {
				d.row.Total = amount(it, lang)
			}
			if s, ok := it.Fields["financial_status"].(string); ok && financial == "" {
				financial = s
			}
			if s, ok := it.Fields["fulfillment_status"].(string); ok && fulfillment == "" {
				fulfillment = s
			}
			if v, ok := it.Fields["cancelled_at"]; ok && v != nil && v != "" {
				cancelled = true
			}
			if ip, ok := it.Fields["client_ip"].(string); ok && d.row.IP == "" {
				d.row.IP = ip
			}
			open = open || it.RecordType == string(retention.OpenOrder)
			for _, r := range it.Recipients {
				switch r.Category {
				case answer.CategoryPaymentProvider:
					payment = appendNew(payment, r.Name)
				case answer.CategoryBank:
					payment = appendNew(payment, labelFor(messages, "bank_transfer", lang))
				case answer.CategoryCarrier:
					carrier = appendNew(carrier, r.Name)
				}
			}
			doc := orderDoc{Label: labelFor(recordTypeLabels, it.RecordType, lang), Count: 1, Overdue: it.OverdueSince != nil}
			d.row.Overdue = d.row.Overdue || doc.Overdue
			if n := len(d.row.Documents); n > 0 && d.row.Documents[n-1].Label == doc.Label && d.row.Documents[n-1].Overdue == doc.Overdue {
				d.row.Documents[n-1].Count++ // the order's second note: "Interne Notiz zur Bestellung (2)"
			} else {
				d.row.Documents = append(d.row.Documents, doc)
			}
		}
		d.row.Date = d.on.Short(lang)
		d.row.Payment, d.row.Carrier = strings.Join(payment, ", "), strings.Join(carrier, ", ")
		d.row.Status = orderStatus(financial, fulfillment, cancelled, open, lang)
		rows = append(rows, d)
	}
	slices.SortStableFunc(rows, func(a, b dated) int { return a.on.Compare(b.on) })
	out := make([]orderRow, len(rows))
	for i, d := range rows {
		out[i] = d.row
	}
	return out
}

// amount is the order's total as the language writes money: "49,90 EUR",
// "49.90 EUR".
func amount(it Item, lang string) string {
	v := it.Fields[retention.FieldTotalAmount]
	if v == nil {
		v = it.Fields[retention.FieldAmount]
	}
	if v == nil {
		return ""
	}
	s := cell(v)
	if lang == "de" {
		s = strings.ReplaceAll(s, ".", ",")
	}
	if c, ok := it.Fields[retention.FieldCurrency].(string); ok && c != "" {
		s += " " + c
	}
	return s
}

// orderStatus is the order's state in words: paid or not, shipped or
// not, cancelled, still open.
func orderStatus(financial, fulfillment string, cancelled, open bool, lang string) string {
	var parts []string
	if cancelled {
		parts = append(parts, labelFor(messages, "order_cancelled", lang))
	}
	if financial != "" {
		parts = append(parts, valueLabel("financial_status", financial, lang))
	}
	if fulfillment != "" && !cancelled {
		parts = append(parts, valueLabel("fulfillment_status", fulfillment, lang))
	}
	if open {
		parts = append(parts, labelFor(messages, "order_open", lang))
	}
	return strings.Join(parts, ", ")
}

func appendNew(list []string, s string) []string {
	if s = strings.TrimSpace(s); s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
