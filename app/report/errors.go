package report

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
)

var (
	// ErrInvalid: the input cannot make a report (missing request, shop or
	// language, or inconsistent with itself).
	ErrInvalid = errors.New("report: invalid input")
	// ErrIncomplete: an answer lacks an element Art. 15 requires; the error
	// is an *IncompleteError listing them.
	ErrIncomplete = errors.New("report: the answer is incomplete")
	// ErrLanguage: the report has no text in the requested language.
	ErrLanguage = errors.New("report: unsupported language")
	// ErrExpired: the link expired or was revoked.
	ErrExpired = errors.New("report: link expired")
	// ErrNoReport: the request has no report yet.
	ErrNoReport = errors.New("report: no report for this request yet")
)

// IncompleteError lists, per language, what answer.Validate found missing.
type IncompleteError struct {
	Missing map[string][]answer.Missing
}

func (e *IncompleteError) Error() string {
	langs := make([]string, 0, len(e.Missing))
	for l := range e.Missing {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	var parts []string
	for _, l := range langs {
		for _, m := range e.Missing[l] {
			parts = append(parts, l+": "+m.String())
		}
	}
	return fmt.Sprintf("%v: %s", ErrIncomplete, strings.Join(parts, "; "))
}

func (e *IncompleteError) Unwrap() error { return ErrIncomplete }

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}
