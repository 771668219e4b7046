package fault

import "errors"

// ErrPermanent marks a failure that retrying cannot fix: a step that
// returns an error for which errors.Is(err, ErrPermanent) holds fails at
// once instead of being retried. Wrap with Permanent, or return
// fmt.Errorf("%w: …", ErrPermanent).
var ErrPermanent = errors.New("permanent failure")

type permanent struct{ err error }

func (p permanent) Error() string        { return p.err.Error() }
func (p permanent) Unwrap() error        { return p.err }
func (p permanent) Is(target error) bool { return target == ErrPermanent }

// Permanent marks err as permanent, keeping it in the chain (errors.Is and
// errors.As still find what it wraps). Permanent(nil) is nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanent{err}
}

// IsPermanent reports whether err is marked permanent.
func IsPermanent(err error) bool { return errors.Is(err, ErrPermanent) }
