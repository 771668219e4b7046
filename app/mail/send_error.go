package mail

import (
	"errors"
	"fmt"
	"net/textproto"
	"regexp"
	"strings"

	gomail "github.com/wneessen/go-mail"
)

// SendError is a failed delivery. Its Error text is safe to log and store:
// the SMTP code, the stage and, for errors that are not SMTP replies, the
// cause — never the recipient or the server's words.
type SendError struct {
	Code     int    // SMTP reply code; 0 when the server did not answer (network, TLS)
	Enhanced string // RFC 3463 status, e.g. "5.1.1"
	Stage    string // "connect", "send", "config", …
	// Detail is the server's reply with e-mail addresses removed, for the
	// merchant (stored with the e-mail, not logged).
	Detail string
	fatal  bool // not an SMTP reply, and retrying cannot help (configuration, message)
	err    error
}

func (e *SendError) Error() string {
	switch {
	case e.Code != 0 && e.Enhanced != "":
		return fmt.Sprintf("smtp %s: %d %s", e.Stage, e.Code, e.Enhanced)
	case e.Code != 0:
		return fmt.Sprintf("smtp %s: %d", e.Stage, e.Code)
	case e.err != nil:
		return fmt.Sprintf("smtp %s: %v", e.Stage, e.err)
	}
	return "smtp " + e.Stage + " failed"
}

func (e *SendError) Unwrap() error { return e.err }

// Permanent reports whether retrying cannot help: a 5xx reply, or no SMTP
// configuration, or a message that cannot be built.
func (e *SendError) Permanent() bool {
	if e.Code != 0 {
		return e.Code >= 500
	}
	return e.fatal
}

// IsPermanent reports whether err is a send failure retrying cannot fix.
func IsPermanent(err error) bool {
	var se *SendError
	return errors.As(err, &se) && se.Permanent()
}

// Reason is the merchant-facing text of a failure: the safe error and the
// server's reply without addresses.
func Reason(err error) string {
	var se *SendError
	if errors.As(err, &se) && se.Detail != "" {
		return se.Error() + " (" + se.Detail + ")"
	}
	return err.Error()
}

var addressRe = regexp.MustCompile(`<?[A-Za-z0-9._%+\-=/!#$&'*?^{|}~]+@[A-Za-z0-9.\-\[\]:]+>?`)

// scrub removes e-mail addresses from a server's reply.
func scrub(s string) string {
	s = addressRe.ReplaceAllString(s, "[address]")
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = strings.ToValidUTF8(s[:300], "") + "…"
	}
	return s
}

// classify turns go-mail's and the network's errors into a SendError.
// go-mail's own error text lists the recipients, so it is never kept whole.
func classify(stage string, err error) error {
	out := &SendError{Stage: stage}
	var ge *gomail.SendError
	var te *textproto.Error
	switch {
	case errors.As(err, &ge):
		out.Code, out.Enhanced = ge.ErrorCode(), ge.EnhancedStatusCode()
		out.Stage = stages[ge.Reason]
		if out.Stage == "" {
			out.Stage = stage
		}
		text := ge.Error()
		for _, cut := range []string{", affected recipient(s):", ", affected message ID:"} {
			if i := strings.Index(text, cut); i >= 0 {
				text = text[:i]
			}
		}
		text = strings.TrimPrefix(text, ge.Reason.String()+":")
		out.Detail = scrub(strings.ReplaceAll(text, `"`, ""))
		if out.Code == 0 {
			out.err = errors.New(out.Detail)
		}
	case errors.As(err, &te):
		out.Code, out.Detail = te.Code, scrub(te.Msg)
		out.Enhanced = enhancedRe.FindString(te.Msg)
	default:
		out.err = errors.New(scrub(err.Error()))
	}
	if out.Enhanced == "" {
		out.Enhanced = enhancedRe.FindString(out.Detail)
	}
	return out
}

// stages names the SMTP command a go-mail failure happened at.
var stages = map[gomail.SendErrReason]string{
	gomail.ErrSMTPMailFrom:  "MAIL FROM",
	gomail.ErrSMTPRcptTo:    "RCPT TO",
	gomail.ErrSMTPData:      "DATA",
	gomail.ErrSMTPDataClose: "DATA",
	gomail.ErrWriteContent:  "DATA",
	gomail.ErrConnCheck:     "connect",
	gomail.ErrSMTPReset:     "RSET",
}

var enhancedRe = regexp.MustCompile(`\b[245]\.\d{1,3}\.\d{1,3}\b`)
