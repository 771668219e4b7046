package report

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
)

// DefaultLinkTTL is how long a customer link works unless configured
// otherwise (LETHE_REPORT_LINK_TTL).
const DefaultLinkTTL = 7 * 24 * time.Hour

// tokenBytes is the entropy of a link token: 256 bits, so guessing needs no
// rate limit.
const tokenBytes = 32

// linkHashPurpose keys the token hash; only the hash is stored.
const linkHashPurpose = "report.link"

// Link is a signed customer link to a request's report. It is made
// inactive, with the answer's draft: it works from the moment the answer
// is sent (Activate), for Lifetime.
type Link struct {
	ID       int64
	URL      string // {publicURL}/r/{token}; the token exists nowhere else
	Lifetime time.Duration
}

// Target is what a valid token opens.
type Target struct {
	LinkID    int64
	ShopID    int64
	RequestID int64
	ExpiresAt time.Time
}

// NewLink makes an inactive link to the report of a shop's request that,
// once activated (the answer carrying it was sent: Activate), works for
// ttl (DefaultLinkTTL when ttl <= 0, whole seconds). Links made earlier
// that were never activated end: only the newest draft's link can start
// working. It stores only the token's keyed hash. The request must be the
// shop's (else store.ErrNotFound) and have a report (else ErrNoReport).
func NewLink(ctx context.Context, tx *store.Store, shopID, requestID int64, publicURL string, ttl time.Duration, now time.Time) (Link, error) {
	if ttl <= 0 {
		ttl = DefaultLinkTTL
	}
	ttl = max(ttl.Truncate(time.Second), time.Second)
	if ok, err := Exists(ctx, tx, shopID, requestID); err != nil {
		return Link{}, err
	} else if !ok {
		return Link{}, fmt.Errorf("%w (request %d)", ErrNoReport, requestID)
	}
	if _, err := tx.RevokeInactiveReportLinks(ctx, shopID, requestID, dbTime(now)); err != nil {
		return Link{}, err
	}
	raw := make([]byte, tokenBytes)
	if _, err := rand.Read(raw); err != nil {
		return Link{}, err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	row := store.ReportLink{
		ShopID: shopID, RequestID: requestID,
		TokenHash: tx.Keys().Hash(linkHashPurpose, token),
		ExpiresAt: dbTime(now.Add(ttl)), LifetimeSeconds: int64(ttl / time.Second),
		CreatedAt: dbTime(now),
	}
	if err := tx.CreateReportLink(ctx, &row); err != nil {
		return Link{}, err
	}
	return Link{ID: row.ID, URL: strings.TrimRight(publicURL, "/") + "/r/" + token, Lifetime: ttl}, nil
}

// Activate lets the request's inactive link work from now, for its
// lifetime: the answer carrying it was sent. Call it inside the
// transaction that records the sending.
func Activate(ctx context.Context, tx *store.Store, shopID, requestID int64, now time.Time) (int64, error) {
	return tx.ActivateReportLinks(ctx, shopID, requestID, dbTime(now))
}

// dbTime is t as both databases store it: UTC, microseconds.
func dbTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// Resolve finds what token opens at now: store.ErrNotFound for a token that
// is malformed or unknown, or whose link was never activated (its answer
// was not sent: it answers like an unknown one, giving no hint that
// anything exists), ErrExpired (with the target, so the page can name the
// shop) for one that expired or was revoked after it worked.
func Resolve(ctx context.Context, st *store.Store, token string, now time.Time) (*Target, error) {
	if raw, err := base64.RawURLEncoding.DecodeString(token); err != nil || len(raw) != tokenBytes {
		return nil, store.ErrNotFound
	}
	row, err := st.ReportLinkByHash(ctx, st.Keys().Hash(linkHashPurpose, token))
	if err != nil {
		return nil, err
	}
	if row.ActivatedAt == nil {
		return nil, store.ErrNotFound
	}
	t := &Target{LinkID: row.ID, ShopID: row.ShopID, RequestID: row.RequestID, ExpiresAt: row.ExpiresAt}
	if !usable(row, now) {
		return t, ErrExpired
	}
	return t, nil
}

func usable(row *store.ReportLink, now time.Time) bool {
	return row.ActivatedAt != nil && row.RevokedAt == nil && now.Before(row.ExpiresAt)
}

// RevokeLinks ends every live link to a shop's request at now and returns
// how many it ended.
func RevokeLinks(ctx context.Context, tx *store.Store, shopID, requestID int64, now time.Time) (int64, error) {
	return tx.RevokeReportLinks(ctx, shopID, requestID, dbTime(now))
}

// Download formats, as the audit trail names them.
const (
	FormatHTML = "html"
	FormatJSON = "json"
	FormatZip  = "zip"
)

// RecordDownload counts one download of format through t's link and writes
// the audit event (actor customer, action report.downloaded, the request's
// subject hash; no address or user agent), in one transaction. ErrExpired
// when the link stopped working meanwhile.
func RecordDownload(ctx context.Context, st *store.Store, t *Target, format string, now time.Time) error {
	return st.Tx(ctx, func(tx *store.Store) error {
		row, err := tx.ReportLink(ctx, t.LinkID)
		if err != nil {
			return err
		}
		if !usable(row, now) {
			return ErrExpired
		}
		if err := tx.CountReportDownload(ctx, row.ID, dbTime(now)); err != nil {
			return err
		}
		r, err := tx.Request(ctx, row.ShopID, row.RequestID)
		if err != nil {
			return err
		}
		rid := row.RequestID
		return tx.AddEvent(ctx, &store.Event{
			ShopID: row.ShopID, RequestID: &rid, Actor: "customer", Action: "report.downloaded",
			Detail:      fmt.Sprintf("format=%s link=%d", format, row.ID),
			SubjectHash: r.SubjectHash, At: dbTime(now),
		})
	})
}
