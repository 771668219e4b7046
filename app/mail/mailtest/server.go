// Package mailtest is a real SMTP server for tests and the demo, started
// in-process on 127.0.0.1 (emersion/go-smtp): it speaks the protocol over
// TCP, can require AUTH PLAIN and offer STARTTLS or implicit TLS with a
// throwaway certificate, keeps every accepted message parsed, and replies
// with injected 4xx/5xx codes on request. It is not a mock: a client that
// does not speak SMTP correctly fails against it.
package mailtest

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Options configure Start.
type Options struct {
	// Username and Password require AUTH PLAIN with these credentials.
	Username, Password string
	// TLS offers STARTTLS with a self-signed certificate (connect with
	// ?insecure=1).
	TLS bool
	// ImplicitTLS serves TLS from the first byte (smtps://…?insecure=1).
	ImplicitTLS bool
}

// Server is a running test SMTP server.
type Server struct {
	opts     Options
	srv      *smtp.Server
	addr     string
	mu       sync.Mutex
	messages []Message
	rejects  []int // reply codes for the next RCPT commands
	rcpts    int   // RCPT commands seen
}

// Start runs a server on 127.0.0.1:0 until the test ends.
func Start(t testing.TB, opts ...Options) *Server {
	t.Helper()
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	s, err := Listen(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Listen runs a server on 127.0.0.1:0 until Close, outside a test (the
// demo catches its mail with it).
func Listen(opts Options) (*Server, error) {
	s := &Server{opts: opts}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{s: s}, nil
	}))
	srv.Domain = "mailtest.localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.MaxMessageBytes = 10 << 20
	srv.MaxRecipients = 50
	srv.AllowInsecureAuth = true
	srv.ErrorLog = log.New(io.Discard, "", 0)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	if s.opts.TLS || s.opts.ImplicitTLS {
		cert, err := selfSigned()
		if err != nil {
			ln.Close()
			return nil, err
		}
		cfg := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		if s.opts.ImplicitTLS {
			ln = tls.NewListener(ln, cfg)
		} else {
			srv.TLSConfig = cfg
		}
	}
	s.srv, s.addr = srv, ln.Addr().String()
	go func() { _ = srv.Serve(ln) }()
	return s, nil
}

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }

// Addr is host:port.
func (s *Server) Addr() string { return s.addr }

// URL is the LETHE_SMTP_URL that reaches this server.
func (s *Server) URL() string {
	scheme, query := "smtp", "?tls=none"
	switch {
	case s.opts.ImplicitTLS:
		scheme, query = "smtps", "?insecure=1"
	case s.opts.TLS:
		query = "?tls=starttls&insecure=1"
	}
	user := ""
	if s.opts.Username != "" {
		user = s.opts.Username + ":" + s.opts.Password + "@"
	}
	return fmt.Sprintf("%s://%s%s%s", scheme, user, s.addr, query)
}

// Messages returns the messages accepted so far, oldest first.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// RejectNext makes the next n RCPT TO commands fail with code: 4xx
// (451 4.7.1, "try again later") or 5xx (550 5.1.1, naming the address,
// as real servers do).
func (s *Server) RejectNext(n int, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.rejects = append(s.rejects, code)
	}
}

// RcptAttempts counts RCPT TO commands, accepted or refused.
func (s *Server) RcptAttempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rcpts
}

// WaitMessages waits until at least n messages arrived (or the timeout
// passed) and returns them.
func (s *Server) WaitMessages(n int, timeout time.Duration) []Message {
	deadline := time.Now().Add(timeout)
	for {
		ms := s.Messages()
		if len(ms) >= n || time.Now().After(deadline) {
			return ms
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (s *Server) nextReject() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rcpts++
	if len(s.rejects) == 0 {
		return 0
	}
	code := s.rejects[0]
	s.rejects = s.rejects[1:]
	return code
}

func (s *Server) accept(m Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.messages = append(s.messages, m)
}

// session is one SMTP connection's transaction state.
type session struct {
	s      *Server
	authed bool
	from   string
	to     []string
}

var errAuthRequired = &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "Authentication required"}

func (ss *session) AuthMechanisms() []string {
	if ss.s.opts.Username == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (ss *session) Auth(mech string) (sasl.Server, error) {
	if mech != sasl.Plain {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != ss.s.opts.Username || password != ss.s.opts.Password {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "Authentication credentials invalid"}
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if ss.s.opts.Username != "" && !ss.authed {
		return errAuthRequired
	}
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	switch code := ss.s.nextReject(); {
	case code >= 500:
		return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "<" + to + ">: Recipient address rejected: User unknown"}
	case code >= 400:
		return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{4, 7, 1}, Message: "Greylisted, please try again later"}
	}
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if len(ss.to) == 0 {
		return errors.New("no recipients")
	}
	m, err := parse(raw)
	if err != nil {
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "Malformed message: " + err.Error()}
	}
	m.EnvelopeFrom, m.EnvelopeTo = ss.from, append([]string(nil), ss.to...)
	m.Received = time.Now()
	ss.s.accept(m)
	return nil
}

func (ss *session) Reset() { ss.from, ss.to = "", nil }

func (ss *session) Logout() error { return nil }
