package mail

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// ErrNotConfigured is the permanent failure of every send when no SMTP
// server is configured; drafts stay reviewable.
var ErrNotConfigured = errors.New("SMTP is not configured (LETHE_SMTP_URL)")

// Sender delivers e-mails to one SMTP server. It is safe for concurrent
// use: every Send opens its own connection.
type Sender struct {
	client *gomail.Client // nil: not configured
	from   *netmail.Address
	host   string // right-hand side of Message-IDs
}

// SenderOption configures NewSender.
type SenderOption func(*Sender)

// WithMessageIDHost sets the host of the Message-IDs (the public host of
// the installation); default: the domain of the From address.
func WithMessageIDHost(host string) SenderOption {
	return func(s *Sender) {
		if host = strings.TrimSpace(host); host != "" {
			s.host = host
		}
	}
}

// NewSender builds a sender from LETHE_SMTP_URL and LETHE_MAIL_FROM:
//
//	smtp://user:pass@host:587    STARTTLS when the server offers it (default port 587)
//	smtp://…?tls=starttls        STARTTLS required
//	smtps://user:pass@host:465   implicit TLS (default port 465)
//	smtp://127.0.0.1:2525?tls=none   no TLS (local test servers)
//	…&insecure=1                 no certificate checks (tests only)
//
// An empty URL gives a sender whose every Send fails with ErrNotConfigured.
func NewSender(rawURL, from string, opts ...SenderOption) (*Sender, error) {
	addr, err := netmail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("mail: the sender %q is not an e-mail address (LETHE_MAIL_FROM)", from)
	}
	s := &Sender{from: addr}
	if _, domain, ok := strings.Cut(addr.Address, "@"); ok {
		s.host = domain
	}
	for _, o := range opts {
		o(s)
	}
	if rawURL == "" {
		return s, nil
	}
	s.client, err = newClient(rawURL)
	return s, err
}

func newClient(rawURL string) (*gomail.Client, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // without the URL, which may carry a password
		}
		return nil, fmt.Errorf("mail: LETHE_SMTP_URL is not a URL: %v", err)
	}
	q := u.Query()
	opts := []gomail.Option{gomail.WithTimeout(30 * time.Second)}
	port := 587
	switch u.Scheme {
	case "smtp":
		switch q.Get("tls") {
		case "":
			opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
		case "starttls":
			opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
		case "none":
			opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
		default:
			return nil, fmt.Errorf("mail: LETHE_SMTP_URL: tls=%q is not none or starttls", q.Get("tls"))
		}
	case "smtps":
		port = 465
		opts = append(opts, gomail.WithSSL())
	default:
		return nil, fmt.Errorf("mail: LETHE_SMTP_URL: scheme %q is not smtp or smtps", u.Scheme)
	}
	host := u.Hostname()
	if host == "" {
		return nil, errors.New("mail: LETHE_SMTP_URL has no host")
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("mail: LETHE_SMTP_URL: port %q is not a number", p)
		}
	}
	opts = append(opts, gomail.WithPort(port))
	tc := &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	if v := q.Get("insecure"); v != "" {
		insecure, err := strconv.ParseBool(v)
		if err != nil {
			return nil, fmt.Errorf("mail: LETHE_SMTP_URL: insecure=%q is not 1 or 0", v)
		}
		tc.InsecureSkipVerify = insecure // tests only, documented
	}
	opts = append(opts, gomail.WithTLSConfig(tc))
	if u.User != nil && u.User.Username() != "" {
		pass, _ := u.User.Password()
		auth := gomail.SMTPAuthAutoDiscover
		if q.Get("tls") == "none" {
			auth = gomail.SMTPAuthPlainNoEnc // asked for explicitly: local test servers
		}
		opts = append(opts, gomail.WithSMTPAuth(auth), gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	c, err := gomail.NewClient(host, opts...)
	if err != nil {
		return nil, fmt.Errorf("mail: LETHE_SMTP_URL: %w", err)
	}
	return c, nil
}

// Configured reports whether an SMTP server is set.
func (s *Sender) Configured() bool { return s != nil && s.client != nil }

// NewMessageID returns a fresh Message-ID for an e-mail:
// "<lethe-{id}-{random}@{host}>".
func (s *Sender) NewMessageID(emailID int64) string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return fmt.Sprintf("<lethe-%d-%s@%s>", emailID, hex.EncodeToString(b), s.host)
}

// Message is one e-mail to deliver.
type Message struct {
	FromName  string // display name; empty: the configured one
	To        string
	ReplyTo   string // optional
	Subject   string
	Text      string
	HTML      string // optional
	MessageID string // "<…@…>"
	Date      time.Time
	// AutoSubmitted marks machine-made notices (RFC 3834), so that
	// out-of-office replies are not sent back.
	AutoSubmitted bool
}

// Send delivers m. Its errors never carry the recipient; IsPermanent tells
// whether retrying can help.
func (s *Sender) Send(ctx context.Context, m Message) error {
	if !s.Configured() {
		return &SendError{Stage: "config", fatal: true, err: ErrNotConfigured}
	}
	msg, err := s.build(m)
	if err != nil {
		return err
	}
	c, err := s.client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return classify("connect", err)
	}
	defer func() { _ = s.client.CloseWithSMTPClient(c) }()
	err = s.client.SendWithSMTPClient(c, msg)
	if msg.IsDelivered() { // accepted; a failing RSET or QUIT afterwards changes nothing
		return nil
	}
	if err == nil {
		return nil
	}
	return classify("send", err)
}

func (s *Sender) build(m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	name := s.from.Name
	if m.FromName != "" {
		name = m.FromName
	}
	if err := msg.FromFormat(name, s.from.Address); err != nil {
		return nil, &SendError{Stage: "from", fatal: true, err: errors.New("the sender address is invalid (LETHE_MAIL_FROM)")}
	}
	if err := msg.To(m.To); err != nil {
		return nil, &SendError{Stage: "recipient", fatal: true, err: errors.New("the recipient address is invalid")}
	}
	if m.ReplyTo != "" {
		if err := msg.ReplyTo(m.ReplyTo); err != nil {
			return nil, &SendError{Stage: "reply-to", fatal: true, err: errors.New("the reply-to address is invalid")}
		}
	}
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(strings.TrimSuffix(strings.TrimPrefix(m.MessageID, "<"), ">"))
	if m.Date.IsZero() {
		m.Date = time.Now()
	}
	msg.SetDateWithValue(m.Date)
	msg.SetGenHeader(gomail.HeaderXMailer, "Lethe")
	if m.AutoSubmitted {
		msg.SetGenHeader("Auto-Submitted", "auto-generated")
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}
