package tenant

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// clock is a test clock the store (and so the logins) read.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time               { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration)          { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }
func newClock() *clock                        { return &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)} }
func withClock(c *clock) func(*store.Options) { return func(o *store.Options) { o.Now = c.Now } }

type loginsEnv struct {
	st    *store.Store
	l     *Logins
	clock *clock
	shop  *store.Shop
}

func newLoginsEnv(t *testing.T, dialect string) *loginsEnv {
	t.Helper()
	c := newClock()
	st := testenv.Store(t, dialect, withClock(c))
	sh := &store.Shop{Platform: "woocommerce", Domain: "moebel.example", Name: "Möbel Beispiel"}
	if err := st.UpsertShop(context.Background(), sh); err != nil {
		t.Fatal(err)
	}
	return &loginsEnv{st: st, l: NewLogins(st), clock: c, shop: sh}
}

const goodPassword = "korrekt-pferd-batterie"

// user makes a user with a password set through their invitation.
func (e *loginsEnv) user(t *testing.T, email string) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := e.l.CreateUser(ctx, e.shop.ID, email)
	if err != nil {
		t.Fatal(err)
	}
	link, err := e.l.InviteLink(ctx, id, "https://lethe.example/")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.l.Redeem(ctx, store.LoginInvite, tokenOf(t, link), goodPassword); err != nil {
		t.Fatal(err)
	}
	return id
}

var linkRE = regexp.MustCompile(`https://lethe\.example/app/(invite|reset)/([A-Za-z0-9_-]{43})`)

func tokenOf(t *testing.T, link string) string {
	t.Helper()
	m := linkRE.FindStringSubmatch(link)
	if m == nil {
		t.Fatalf("no link in %q", link)
	}
	return m[2]
}

func TestPasswordHashRoundTrip(t *testing.T) {
	h, err := hashPassword(goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^\$argon2id\$v=19\$m=65536,t=1,p=2\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`).MatchString(h) {
		t.Fatalf("not a PHC string: %s", h)
	}
	if ok, err := checkPassword(h, goodPassword); err != nil || !ok {
		t.Fatalf("right password: %v %v", ok, err)
	}
	for _, wrong := range []string{"", "korrekt-pferd-batteriE", goodPassword + " "} {
		if ok, err := checkPassword(h, wrong); err != nil || ok {
			t.Errorf("wrong password %q: %v %v", wrong, ok, err)
		}
	}
	h2, _ := hashPassword(goodPassword)
	if h2 == h {
		t.Error("two hashes of one password are equal: no salt")
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=65536,t=1,p=2$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=16$m=65536,t=1,p=2$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "$argon2id$v=19$m=99999999,t=1,p=2$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		strings.Replace(h, "$argon2id$", "$bcrypt$", 1)} {
		if _, err := checkPassword(bad, goodPassword); !errors.Is(err, errBadHash) {
			t.Errorf("%q: %v, want errBadHash", bad, err)
		}
	}
}

// An invitation sets the password and logs in once; then the password logs
// in, a wrong one or an unknown address does not, and the session opens
// with its user, shop and CSRF token.
func TestInvitationThenLogin(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newLoginsEnv(t, dialect)
			ctx := context.Background()
			id, err := e.l.CreateUser(ctx, e.shop.ID, "Inhaberin@Moebel.example")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := e.l.Login(ctx, "inhaberin@moebel.example", "", "192.0.2.1"); !errors.Is(err, ErrBadLogin) {
				t.Fatalf("login before the password is set: %v", err)
			}
			link, err := e.l.InviteLink(ctx, id, "https://lethe.example/")
			if err != nil || !strings.HasPrefix(link, "https://lethe.example/app/invite/") {
				t.Fatalf("invite link %q %v", link, err)
			}
			tok := tokenOf(t, link)
			got, err := e.l.CheckLink(ctx, store.LoginInvite, tok)
			if err != nil || got.UserID != id || got.Email != "Inhaberin@Moebel.example" {
				t.Fatalf("check link: %+v %v", got, err)
			}
			if _, err := e.l.CheckLink(ctx, store.LoginReset, tok); !errors.Is(err, ErrBadLink) {
				t.Fatalf("an invitation as a reset link: %v", err)
			}
			if _, _, err := e.l.Redeem(ctx, store.LoginInvite, tok, "kurz"); !errors.Is(err, ErrPasswordLength) {
				t.Fatalf("short password: %v", err)
			}
			raw, first, err := e.l.Redeem(ctx, store.LoginInvite, tok, goodPassword)
			if err != nil || !first || !isSecret(raw) {
				t.Fatalf("redeem: %q %v %v", raw, first, err)
			}
			if _, _, err := e.l.Redeem(ctx, store.LoginInvite, tok, goodPassword); !errors.Is(err, ErrBadLink) {
				t.Fatalf("invitation used twice: %v", err)
			}
			sess, ls, err := e.l.Open(ctx, raw)
			if err != nil || sess.Shop.ID != e.shop.ID || sess.User != UserRef(id) || ls.UserID != id || ls.Email != "Inhaberin@Moebel.example" || !isSecret(ls.CSRF) {
				t.Fatalf("open: %+v %+v %v", sess, ls, err)
			}

			raw2, err := e.l.Login(ctx, "  INHABERIN@moebel.example ", goodPassword, "192.0.2.1")
			if err != nil || raw2 == raw {
				t.Fatalf("login: %q %v", raw2, err)
			}
			_, ls2, err := e.l.Open(ctx, raw2)
			if err != nil || ls2.CSRF == ls.CSRF {
				t.Fatalf("second session: %+v %v", ls2, err)
			}
			if _, err := e.l.Login(ctx, "inhaberin@moebel.example", goodPassword+"x", "192.0.2.1"); !errors.Is(err, ErrBadLogin) {
				t.Fatalf("wrong password: %v", err)
			}
			if _, err := e.l.Login(ctx, "niemand@moebel.example", goodPassword, "192.0.2.1"); !errors.Is(err, ErrBadLogin) {
				t.Fatalf("unknown address: %v", err)
			}
			for _, bad := range []string{"", "x", strings.Repeat("A", 43), raw + "x"} {
				if _, _, err := e.l.Open(ctx, bad); !errors.Is(err, ErrNoLogin) {
					t.Errorf("open %q: %v", bad, err)
				}
			}
			if err := e.st.SetUserDisabled(ctx, e.shop.ID, id, ptr(e.clock.Now())); err != nil {
				t.Fatal(err)
			}
			if _, _, err := e.l.Open(ctx, raw2); !errors.Is(err, ErrNoLogin) {
				t.Fatalf("a disabled user's session: %v", err)
			}
			if _, err := e.l.Login(ctx, "inhaberin@moebel.example", goodPassword, "192.0.2.1"); !errors.Is(err, ErrBadLogin) {
				t.Fatalf("a disabled user logs in: %v", err)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestCreateUserRefusesBadAndTakenAddresses(t *testing.T) {
	e := newLoginsEnv(t, store.SQLite)
	ctx := context.Background()
	other := &store.Shop{Platform: "woocommerce", Domain: "other.example"}
	if err := e.st.UpsertShop(ctx, other); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", "kein-at", "Ines <ines@moebel.example>", "a@b@c"} {
		if _, err := e.l.CreateUser(ctx, e.shop.ID, bad); !errors.Is(err, ErrBadEmail) {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if _, err := e.l.CreateUser(ctx, e.shop.ID, "ines@moebel.example"); err != nil {
		t.Fatal(err)
	}
	for _, shop := range []int64{e.shop.ID, other.ID} {
		if _, err := e.l.CreateUser(ctx, shop, "INES@moebel.example"); !errors.Is(err, ErrEmailTaken) {
			t.Errorf("shop %d: the same address again: %v", shop, err)
		}
	}
	if _, err := e.l.CreateUser(ctx, 999, "x@moebel.example"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("no such shop: %v", err)
	}
}

// Five failures lock the account for 15 minutes, from every address, and
// the locked attempt is refused even with the right password.
func TestLoginRateLimitPerAccount(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newLoginsEnv(t, dialect)
			ctx := context.Background()
			e.user(t, "ines@moebel.example")
			for i := range 5 {
				if _, err := e.l.Login(ctx, "ines@moebel.example", "falsch-falsch-falsch", "192.0.2.1"); !errors.Is(err, ErrBadLogin) {
					t.Fatalf("failure %d: %v", i+1, err)
				}
				e.clock.add(time.Minute)
			}
			for _, ip := range []string{"192.0.2.1", "198.51.100.7"} {
				if _, err := e.l.Login(ctx, "Ines@moebel.example", goodPassword, ip); !errors.Is(err, ErrLimited) {
					t.Fatalf("6th attempt from %s: %v, want ErrLimited", ip, err)
				}
			}
			e.clock.add(11 * time.Minute) // 15 min after the first failure
			if _, err := e.l.Login(ctx, "ines@moebel.example", goodPassword, "192.0.2.1"); err != nil {
				t.Fatalf("after the window: %v", err)
			}
			// A success forgets the account's failures.
			for range 4 {
				e.l.Login(ctx, "ines@moebel.example", "falsch-falsch-falsch", "192.0.2.1")
			}
			if _, err := e.l.Login(ctx, "ines@moebel.example", goodPassword, "192.0.2.1"); err != nil {
				t.Fatalf("4 failures after a success: %v", err)
			}
		})
	}
}

// Parallel guesses cannot pass the limit: of 15 at once, at most 5 have
// their password checked.
func TestLoginRateLimitHoldsUnderConcurrency(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newLoginsEnv(t, dialect)
			e.user(t, "ines@moebel.example")
			var wg sync.WaitGroup
			errs := make(chan error, 15)
			for i := range 15 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, err := e.l.Login(context.Background(), "ines@moebel.example", "falsch-falsch-falsch", "198.51.100."+string(rune('1'+i%9)))
					errs <- err
				}()
			}
			wg.Wait()
			close(errs)
			bad := 0
			for err := range errs {
				switch {
				case errors.Is(err, ErrBadLogin):
					bad++
				case !errors.Is(err, ErrLimited):
					t.Fatalf("unexpected %v", err)
				}
			}
			if bad > 5 { // 0 is possible: all counted before any was checked
				t.Fatalf("%d of 15 parallel guesses were checked, want at most 5", bad)
			}
			if _, err := e.l.Login(context.Background(), "ines@moebel.example", goodPassword, "192.0.2.1"); bad == 5 && !errors.Is(err, ErrLimited) {
				t.Fatalf("after 5 failures: %v", err)
			}
		})
	}
}

// Twenty failures from one address (whatever the accounts) lock that
// address — an IPv6 /64 counts as one — and no other.
func TestLoginRateLimitPerAddress(t *testing.T) {
	e := newLoginsEnv(t, store.SQLite)
	ctx := context.Background()
	e.user(t, "ines@moebel.example")
	for i := range 20 {
		ip := "2001:db8:1:2::" + string(rune('a'+i%6))
		if _, err := e.l.Login(ctx, "rate"+string(rune('a'+i))+"@moebel.example", goodPassword, ip); !errors.Is(err, ErrBadLogin) {
			t.Fatalf("failure %d: %v", i+1, err)
		}
	}
	if _, err := e.l.Login(ctx, "ines@moebel.example", goodPassword, "2001:db8:1:2:ffff::1"); !errors.Is(err, ErrLimited) {
		t.Fatalf("21st attempt from the /64: %v", err)
	}
	if _, err := e.l.Login(ctx, "ines@moebel.example", goodPassword, "2001:db8:1:3::1"); err != nil {
		t.Fatalf("another network: %v", err)
	}
	if clientAddress("::ffff:192.0.2.1") != "192.0.2.1" || clientAddress("192.0.2.1") != "192.0.2.1" || clientAddress("2001:db8::1") != "2001:db8::/64" {
		t.Error("clientAddress")
	}
}

// A session ends after 12 hours unused, and 7 days after the login however
// much it is used.
func TestSessionIdleAndAbsoluteExpiry(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newLoginsEnv(t, dialect)
			ctx := context.Background()
			e.user(t, "ines@moebel.example")
			idle, err := e.l.Login(ctx, "ines@moebel.example", goodPassword, "192.0.2.1")
			if err != nil {
				t.Fatal(err)
			}
			used, _ := e.l.Login(ctx, "ines@moebel.example", goodPassword, "192.0.2.1")
			end := e.clock.Now().Add(7 * 24 * time.Hour)
			e.clock.add(11 * time.Hour)
			if _, _, err := e.l.Open(ctx, used); err != nil {
				t.Fatalf("after 11 h: %v", err)
			}
			e.clock.add(time.Hour + time.Second)
			if _, _, err := e.l.Open(ctx, idle); !errors.Is(err, ErrNoLogin) {
				t.Fatalf("12 h unused: %v", err)
			}
			if _, _, err := e.l.Open(ctx, used); err != nil {
				t.Fatalf("used an hour ago: %v", err)
			}
			for e.clock.Now().Add(10 * time.Hour).Before(end) {
				e.clock.add(10 * time.Hour)
				if _, _, err := e.l.Open(ctx, used); err != nil {
					t.Fatalf("used every 10 h, at %s: %v", e.clock.Now(), err)
				}
			}
			e.clock.add(end.Sub(e.clock.Now()) + time.Second)
			if _, _, err := e.l.Open(ctx, used); !errors.Is(err, ErrNoLogin) {
				t.Fatalf("after 7 days: %v", err)
			}
		})
	}
}

func TestLogoutEndsTheSession(t *testing.T) {
	e := newLoginsEnv(t, store.SQLite)
	ctx := context.Background()
	e.user(t, "ines@moebel.example")
	a, _ := e.l.Login(ctx, "ines@moebel.example", goodPassword, "192.0.2.1")
	b, _ := e.l.Login(ctx, "ines@moebel.example", goodPassword, "192.0.2.1")
	if err := e.l.Logout(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.l.Open(ctx, a); !errors.Is(err, ErrNoLogin) {
		t.Fatalf("after logout: %v", err)
	}
	if _, _, err := e.l.Open(ctx, b); err != nil {
		t.Fatalf("the other session: %v", err)
	}
	if err := e.l.Logout(ctx, a); err != nil || e.l.Logout(ctx, "nonsense") != nil {
		t.Fatal("logging out twice or of nothing is an error")
	}
}

// A reset request e-mails a link (queued for email:send) that works for an
// hour, once, ends the user's other sessions, and tells nothing about
// unknown addresses.
func TestPasswordReset(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newLoginsEnv(t, dialect)
			ctx := context.Background()
			e.user(t, "ines@moebel.example")
			old, _ := e.l.Login(ctx, "ines@moebel.example", goodPassword, "192.0.2.1")

			if st, err := e.l.RequestReset(ctx, "niemand@moebel.example", "192.0.2.1", "https://lethe.example", "de"); err != nil || st != nil {
				t.Fatalf("unknown address: %v %v", st, err)
			}
			st, err := e.l.RequestReset(ctx, "Ines@moebel.example", "192.0.2.1", "https://lethe.example", "en")
			if err != nil || st == nil || st.Kind != step.Send {
				t.Fatalf("reset: %+v %v", st, err)
			}
			p, _ := step.Read(st)
			m, err := e.st.Email(ctx, e.shop.ID, p.EmailID)
			if err != nil || m.To != "ines@moebel.example" || m.Status != store.EmailQueued || m.Locale != "en" ||
				!strings.Contains(m.Subject, "new password") || strings.Contains(m.Subject, "ines") {
				t.Fatalf("reset e-mail: %+v %v", m, err)
			}
			tok := tokenOf(t, m.BodyText)
			if !strings.Contains(m.BodyHTML, tok) {
				t.Fatal("the HTML body lacks the link")
			}

			// Expires after an hour.
			e.clock.add(61 * time.Minute)
			if _, _, err := e.l.Redeem(ctx, store.LoginReset, tok, "ein-ganz-neues-passwort"); !errors.Is(err, ErrBadLink) {
				t.Fatalf("reset link after 61 min: %v", err)
			}
			st2, err := e.l.RequestReset(ctx, "ines@moebel.example", "192.0.2.1", "https://lethe.example", "de")
			if err != nil || st2 == nil {
				t.Fatal(err)
			}
			p2, _ := step.Read(st2)
			m2, _ := e.st.Email(ctx, e.shop.ID, p2.EmailID)
			if !strings.Contains(m2.Subject, "Neues Passwort") {
				t.Fatalf("German subject: %q", m2.Subject)
			}
			tok2 := tokenOf(t, m2.BodyText)
			if _, err := e.l.CheckLink(ctx, store.LoginInvite, tok2); !errors.Is(err, ErrBadLink) {
				t.Fatalf("a reset link as an invitation: %v", err)
			}
			raw, first, err := e.l.Redeem(ctx, store.LoginReset, tok2, "ein-ganz-neues-passwort")
			if err != nil || first {
				t.Fatalf("redeem reset: %v first=%v", err, first)
			}
			if _, _, err := e.l.Open(ctx, raw); err != nil {
				t.Fatal(err)
			}
			if _, _, err := e.l.Open(ctx, old); !errors.Is(err, ErrNoLogin) {
				t.Fatalf("a session from before the reset: %v", err)
			}
			if _, _, err := e.l.Redeem(ctx, store.LoginReset, tok2, "noch-ein-neues-passwort"); !errors.Is(err, ErrBadLink) {
				t.Fatalf("reset link used twice: %v", err)
			}
			if _, err := e.l.Login(ctx, "ines@moebel.example", goodPassword, "192.0.2.1"); !errors.Is(err, ErrBadLogin) {
				t.Fatalf("the old password: %v", err)
			}
			if _, err := e.l.Login(ctx, "ines@moebel.example", "ein-ganz-neues-passwort", "192.0.2.1"); err != nil {
				t.Fatalf("the new password: %v", err)
			}
			// Three links within the hour go (st2 was the first), a fourth
			// not, with the same answer as for an unknown address.
			for i := 2; i <= 3; i++ {
				if st, _ := e.l.RequestReset(ctx, "ines@moebel.example", "192.0.2.9", "https://lethe.example", "de"); st == nil {
					t.Fatalf("link %d within the hour not sent", i)
				}
			}
			if st, err := e.l.RequestReset(ctx, "ines@moebel.example", "192.0.2.9", "https://lethe.example", "de"); err != nil || st != nil {
				t.Fatalf("fourth link within the hour: %v %v", st, err)
			}
		})
	}
}
