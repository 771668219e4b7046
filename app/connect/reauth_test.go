package connect_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/fault"
)

// A refused credential is permanent for the worker, whichever platform's
// sentinel says so, and keeps its platform's message.
func TestReauthIsPermanent(t *testing.T) {
	platform := connect.ReauthError("shop: open the app again")
	wrapped := &connect.SystemError{System: "shop", Err: fmt.Errorf("read orders: %w", platform)}
	for i, err := range []error{connect.ErrReauth, platform, wrapped} {
		if !errors.Is(err, connect.ErrReauth) || !errors.Is(err, fault.ErrPermanent) {
			t.Errorf("%d (%v): reauth %v, permanent %v", i, err, errors.Is(err, connect.ErrReauth), errors.Is(err, fault.ErrPermanent))
		}
	}
	if platform.Error() != "shop: open the app again" {
		t.Errorf("message %q", platform.Error())
	}
	if errors.Is(errors.New("shop: 503"), connect.ErrReauth) {
		t.Error("any error is reauth")
	}
}
