package retention

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestInvoiceKeepFields pins the contract with the connectors: the §14(4)
// UStG contents and nothing else.
func TestInvoiceKeepFields(t *testing.T) {
	want := []string{
		"seller_name", "seller_address", "seller_tax_number", "seller_vat_id",
		"buyer_name", "buyer_address", "buyer_vat_id",
		"invoice_date", "invoice_number", "line_items", "delivery_date",
		"net_amounts", "agreed_reductions", "tax_rates", "tax_amounts",
		"tax_exemption_note", "currency",
	}
	rule, err := DE().Rule(Invoice)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rule.KeepFields, want) {
		t.Errorf("invoice keep fields = %v, want %v", rule.KeepFields, want)
	}
}

// TestRuleSets checks both sets for completeness and coherence.
func TestRuleSets(t *testing.T) {
	forbidden := []string{"email", "phone", "ip", "ip_address", "user_agent", "notes", "tags", "accepts_marketing", "birthday"}
	for _, set := range []Set{DE(), AT()} {
		for _, rt := range RecordTypes() {
			r, err := set.Rule(rt)
			if err != nil {
				t.Errorf("%s: %v", set.Country, err)
				continue
			}
			if r.Country != set.Country || r.LegalReference == "" || r.Title == "" || r.Basis == "" {
				t.Errorf("%s %s: country, reference, title and basis are required: %+v", set.Country, rt, r)
			}
			switch r.Action {
			case ActionRetain:
				if len(r.KeepFields) == 0 || (r.Period.IsZero() && r.Start != StartUntilInvoice) {
					t.Errorf("%s %s: a retain rule needs keep fields and a period", set.Country, rt)
				}
			case ActionErase, ActionDefer:
				if len(r.KeepFields) != 0 || !r.Period.IsZero() || r.Start != StartNone {
					t.Errorf("%s %s: an erase/defer rule keeps nothing by period", set.Country, rt)
				}
			default:
				t.Errorf("%s %s: unknown action %q", set.Country, rt, r.Action)
			}
			if rt != MarketingConsentProof {
				for _, f := range forbidden {
					if slices.Contains(r.KeepFields, f) {
						t.Errorf("%s %s keeps %q, which no duty covers", set.Country, rt, f)
					}
				}
			}
		}
		if len(set.Rules) != len(RecordTypes()) {
			t.Errorf("%s has %d rules, want %d", set.Country, len(set.Rules), len(RecordTypes()))
		}
	}
	proof, _ := DE().Rule(MarketingConsentProof)
	if proof.Basis != BasisPolicy || !strings.Contains(proof.LegalReference, "policy") {
		t.Errorf("the consent proof rule is policy, not law: %+v", proof)
	}
	for _, set := range []Set{DE(), AT()} {
		rr, _ := set.Rule(RequestRecord)
		if rr.Basis != BasisPolicy || !strings.Contains(rr.LegalReference, "Art. 5(2), 12 GDPR") ||
			!strings.Contains(rr.Note, "subject_hash") || !slices.Contains(rr.KeepFields, FieldSubjectHash) || slices.Contains(rr.KeepFields, "email") {
			t.Errorf("%s: the request record rule is policy (accountability), keeps only the keyed hash and the dates: %+v", set.Country, rr)
		}
	}
	inv, _ := DE().Rule(Invoice)
	if !strings.Contains(inv.LegalReference, "Art. 97 §19a EGAO") || !strings.Contains(inv.LegalReference, "Bürokratieentlastungsgesetz IV") {
		t.Errorf("the invoice reference must state the 2025 transition: %s", inv.LegalReference)
	}
}

func TestLookupErrors(t *testing.T) {
	if _, err := ForCountry("FR"); !errors.Is(err, ErrUnknownCountry) || !strings.Contains(err.Error(), "DE, AT") {
		t.Errorf("ForCountry(FR) = %v, want an error naming DE, AT", err)
	}
	if _, err := ParseRecordType("receipt"); !errors.Is(err, ErrUnknownRecordType) || !strings.Contains(err.Error(), "invoice, credit_note") {
		t.Errorf("ParseRecordType(receipt) = %v", err)
	}
	if rt, err := ParseRecordType(" Invoice "); err != nil || rt != Invoice {
		t.Errorf("ParseRecordType(Invoice) = %v, %v", rt, err)
	}
	if s, err := ForCountry(""); err != nil || s.Country != "DE" {
		t.Errorf("ForCountry(\"\") = %v, %v; want DE (the default)", s.Country, err)
	}
}

// TestSetsAreCopies: changing a returned set does not change the next one.
func TestSetsAreCopies(t *testing.T) {
	s := DE()
	s.Rules[0].KeepFields[0] = "email"
	if DE().Rules[0].KeepFields[0] == "email" {
		t.Fatal("DE() shares its slices")
	}
}
