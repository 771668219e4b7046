package fault

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
)

func TestPermanent(t *testing.T) {
	base := errors.New("refused")
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"plain", base, false},
		{"wrapped", Permanent(base), true},
		{"sentinel", fmt.Errorf("%w: step 3", ErrPermanent), true},
		{"deep", fmt.Errorf("erase: %w", Permanent(base)), true},
	}
	for _, tt := range tests {
		if got := IsPermanent(tt.err); got != tt.want {
			t.Errorf("%s: IsPermanent = %v, want %v", tt.name, got, tt.want)
		}
	}
	if !errors.Is(Permanent(base), base) {
		t.Error("Permanent hides its cause")
	}
	if Permanent(nil) != nil {
		t.Error("Permanent(nil) != nil")
	}
}

func TestError(t *testing.T) {
	cause := errors.New("db down")
	e := Wrap(http.StatusServiceUnavailable, "unavailable", "try later", cause)
	if !errors.Is(e, cause) || e.Error() != "try later: db down" {
		t.Fatalf("Wrap: %v", e)
	}
	got, ok := As(fmt.Errorf("handler: %w", e))
	if !ok || got.Status != 503 || got.Code != "unavailable" {
		t.Fatalf("As: %v %v", got, ok)
	}
	if in := Internal(cause); in.Status != 500 || in.Message != "internal error" {
		t.Fatalf("Internal: %+v", in)
	}
}
