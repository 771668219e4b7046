package gdpr

import (
	"errors"
	"strings"
	"testing"
)

func TestParsePlace(t *testing.T) {
	tests := []struct {
		country, region string
		want            string
		errHas          string
	}{
		{"", "", "DE", ""},
		{"de", "by", "DE-BY", ""},
		{" DE ", " th ", "DE-TH", ""},
		{"AT", "", "AT", ""},
		{"DE", "XX", "", "BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH, TH"},
		{"AT", "W", "", "valid: empty"},
		{"FR", "", "", "valid: DE, AT"},
	}
	for _, tt := range tests {
		p, err := ParsePlace(tt.country, tt.region)
		if tt.errHas != "" {
			if !errors.Is(err, ErrInvalidPlace) || !strings.Contains(err.Error(), tt.errHas) || strings.Contains(err.Error(), "\n") {
				t.Errorf("ParsePlace(%q, %q) err = %v, want one line naming %q", tt.country, tt.region, err, tt.errHas)
			}
			continue
		}
		if err != nil || p.String() != tt.want {
			t.Errorf("ParsePlace(%q, %q) = %s, %v; want %s", tt.country, tt.region, p, err, tt.want)
		}
	}
	if len(Regions("DE")) != 16 || Regions("AT") != nil || RegionName("SN") != "Sachsen" {
		t.Error("regions table")
	}
	if err := (Place{}).Validate(); err != nil {
		t.Errorf("the zero Place is Germany, national holidays: %v", err)
	}
}
