package retention

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestApplyOverride(t *testing.T) {
	inv, _ := DE().Rule(Invoice)
	proof, _ := DE().Rule(MarketingConsentProof)
	note, _ := DE().Rule(DeliveryNote)
	tests := []struct {
		rule Rule
		o    Override
		err  error
		why  string
	}{
		{inv, override(Invoice, 10), nil, "lengthening 8 → 10 years is allowed"},
		{inv, override(Invoice, 8), nil, "equal to the minimum is allowed"},
		{inv, override(Invoice, 7), ErrOverrideShorter, "below §14b UStG / §147 AO"},
		{inv, Override{RecordType: Invoice, Period: Period{Years: 7, Months: 11}, By: "x", Reason: "y", At: adviserAt}, ErrOverrideShorter, "95 months < 96"},
		{inv, override(CreditNote, 10), ErrOverrideMismatch, "wrong record type"},
		{inv, Override{RecordType: Invoice, Period: Period{Years: 10}, Reason: "y", At: adviserAt}, ErrOverrideIncomplete, "who is missing"},
		{inv, Override{RecordType: Invoice, Period: Period{Years: 10}, By: "x", At: adviserAt}, ErrOverrideIncomplete, "why is missing"},
		{inv, Override{RecordType: Invoice, Period: Period{Years: 10}, By: "x", Reason: "y"}, ErrOverrideIncomplete, "when is missing"},
		{proof, override(MarketingConsentProof, 2), ErrOverrideShorter, "policy periods are not shortened either"},
		{proof, override(MarketingConsentProof, 4), nil, "policy period lengthened"},
		{note, override(DeliveryNote, 1), ErrOverrideNoPeriod, "until-invoice rule has no period"},
	}
	for _, tt := range tests {
		got, err := ApplyOverride(tt.rule, tt.o)
		if !errors.Is(err, tt.err) {
			t.Errorf("%s: err = %v, want %v", tt.why, err, tt.err)
			continue
		}
		if err == nil && (got.Override == nil || got.Override.Period != tt.o.Period || got.Period != tt.rule.Period) {
			t.Errorf("%s: override not recorded or legal period changed: %+v", tt.why, got)
		}
		if errors.Is(err, ErrOverrideShorter) && !strings.Contains(err.Error(), tt.rule.Period.String()) {
			t.Errorf("%s: the error should name the minimum: %v", tt.why, err)
		}
	}
}

func TestLongerOverrideWins(t *testing.T) {
	set, err := DE().WithOverrides(override(Invoice, 12), override(Invoice, 10))
	if err != nil {
		t.Fatal(err)
	}
	r, _ := set.Rule(Invoice)
	if r.Override.Period.Years != 12 {
		t.Errorf("override = %v, want the longer 12 years", r.Override.Period)
	}
	if base, _ := DE().Rule(Invoice); base.Override != nil {
		t.Error("WithOverrides changed the base set")
	}
	if _, err := DE().WithOverrides(Override{RecordType: "receipt", Period: Period{Years: 1}, By: "x", Reason: "y", At: time.Now()}); !errors.Is(err, ErrUnknownRecordType) {
		t.Errorf("unknown type: %v", err)
	}
}
