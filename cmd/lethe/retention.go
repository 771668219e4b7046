package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

const retentionUsage = `lethe retention --record TYPE [--date DATE] [--country DE] [--delivered DATE]
                [--consent-ended DATE] [--invoiced DATE] [--open] [--legal-hold]
                [--today DATE] [--format json|table]

Prints what an erasure request does to one record: erase now, retain
(restricted) until a date, or defer while the order is performed, with the
legal reference and the fields the duty allows to keep.

  --record         invoice credit_note payment_record order_confirmation business_letter
                   order_note accounting_record delivery_note customer_account
                   product_review comment analytics_record technical_data
                   newsletter_subscription marketing_consent_proof warranty_data open_order
                   request_record
  --date           the document date (issue, sent, created, last entry)
  --country        DE (default) or AT
  --delivered      delivery date of the goods (warranty_data)
  --consent-ended  date consent ended (marketing_consent_proof; default: this request)
  --invoiced       date the invoice was issued (delivery_note)
  --open           the order is still being performed
  --legal-hold     an open tax audit or litigation blocks erasure
  --today          evaluate as of this day (default: today in Europe/Berlin)
  --format         json (default) or table

retain_until is the last day the record is kept; for erase it is the day the
duty ended, or null if there never was one.`

// retentionOutput is the JSON of `lethe retention`; the field names are stable.
type retentionOutput struct {
	Record         retention.RecordType `json:"record"`
	Country        string               `json:"country"`
	Action         retention.Action     `json:"action"`
	RetainUntil    *gdpr.Date           `json:"retain_until"`
	LegalReference string               `json:"legal_reference"`
	KeepFields     []string             `json:"keep_fields"`
	KeepAll        bool                 `json:"keep_all,omitempty"`
	Basis          retention.Basis      `json:"basis"`
	Reason         string               `json:"reason"`
	LegalHold      bool                 `json:"legal_hold,omitempty"`
	Today          gdpr.Date            `json:"today"`
}

func init() {
	register(command{
		name:    "retention",
		summary: "show what an erasure request does to one record, and why",
		usage:   retentionUsage,
		run:     runRetention,
	})
}

func runRetention(_ context.Context, args []string, stdout, stderr io.Writer) int {
	c := commands["retention"]
	fs := rulesFlagSet(c.name)
	record := fs.String("record", "", "")
	date := fs.String("date", "", "")
	country := fs.String("country", "DE", "")
	deliveredS := fs.String("delivered", "", "")
	consentS := fs.String("consent-ended", "", "")
	invoicedS := fs.String("invoiced", "", "")
	open := fs.Bool("open", false, "")
	hold := fs.Bool("legal-hold", false, "")
	todayS := fs.String("today", "", "")
	format := fs.String("format", "json", "")
	if err := rulesParseFlags(fs, args); err != nil {
		return rulesFinish(stdout, stderr, c, err)
	}
	out, err := retentionFor(retentionInput{*record, *date, *country, *deliveredS, *consentS, *invoicedS, *todayS, *format, *open, *hold})
	if err != nil {
		return rulesFail(stderr, c.name, err)
	}
	if *format == "table" {
		keep := strings.Join(out.KeepFields, ", ")
		if out.KeepAll {
			keep = "all fields"
		}
		err = rulesWriteTable(stdout, [][2]string{
			{"record", string(out.Record)}, {"country", out.Country}, {"action", string(out.Action)},
			{"retain until", rulesDateOrDash(out.RetainUntil)}, {"keep fields", keep},
			{"basis", string(out.Basis)}, {"reason", out.Reason}, {"legal reference", out.LegalReference},
			{"as of", out.Today.String()},
		})
	} else {
		err = rulesWriteJSON(stdout, out)
	}
	if err != nil {
		return rulesFail(stderr, c.name, err)
	}
	return 0
}

type retentionInput struct {
	record, date, country, delivered, consentEnded, invoiced, today, format string
	open, hold                                                              bool
}

func retentionFor(in retentionInput) (retentionOutput, error) {
	if err := rulesCheckFormat(in.format); err != nil {
		return retentionOutput{}, err
	}
	if in.record == "" {
		var names []string
		for _, rt := range retention.RecordTypes() {
			names = append(names, string(rt))
		}
		return retentionOutput{}, fmt.Errorf("--record is required (valid: %s)", strings.Join(names, ", "))
	}
	rt, err := retention.ParseRecordType(in.record)
	if err != nil {
		return retentionOutput{}, err
	}
	place, err := gdpr.ParsePlace(in.country, "")
	if err != nil {
		return retentionOutput{}, err
	}
	set, err := retention.ForCountry(place.Country)
	if err != nil {
		return retentionOutput{}, err
	}
	rule, err := set.Rule(rt)
	if err != nil {
		return retentionOutput{}, err
	}
	item := gdpr.Item{System: "cli", RecordType: rt, Open: in.open, LegalHold: in.hold}
	if doc, err := rulesDateFlag("date", in.date); err != nil {
		return retentionOutput{}, err
	} else if doc != nil {
		item.Date = *doc
	}
	for _, f := range []struct {
		name, value string
		dst         **gdpr.Date
	}{{"delivered", in.delivered, &item.Delivered}, {"consent-ended", in.consentEnded, &item.ConsentEnded}, {"invoiced", in.invoiced, &item.Invoiced}} {
		if *f.dst, err = rulesDateFlag(f.name, f.value); err != nil {
			return retentionOutput{}, err
		}
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		return retentionOutput{}, err
	}
	today, err := rulesToday(in.today, berlin)
	if err != nil {
		return retentionOutput{}, err
	}
	d, err := retention.Evaluate(rule, item, today)
	if err != nil {
		return retentionOutput{}, err
	}
	return retentionOutput{
		Record: rt, Country: place.Country, Action: d.Action, RetainUntil: d.RetainUntil,
		LegalReference: d.LegalReference, KeepFields: d.KeepFields, KeepAll: d.KeepAll,
		Basis: d.Basis, Reason: d.Reason, LegalHold: d.LegalHold, Today: today,
	}, nil
}
