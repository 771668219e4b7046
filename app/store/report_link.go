package store

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// ReportLink is a customer link to a request's report: only the keyed
// hash of its token is stored. A link is made inactive with the answer's
// draft and works from ActivatedAt (the answer was sent) until ExpiresAt,
// LifetimeSeconds after it; an inactive link's ExpiresAt means nothing.
type ReportLink struct {
	ID              int64
	ShopID          int64
	RequestID       int64
	TokenHash       string
	ExpiresAt       time.Time
	ActivatedAt     *time.Time
	LifetimeSeconds int64
	RevokedAt       *time.Time
	Downloads       int
	LastDownloadAt  *time.Time
	CreatedAt       time.Time
}

// TableName is report_links.
func (ReportLink) TableName() string { return "report_links" }

// CreateReportLink stores a link and sets its id.
func (s *Store) CreateReportLink(ctx context.Context, l *ReportLink) error {
	return translate(s.q(ctx).Create(l).Error)
}

// ReportLinkByHash finds the link of a token hash; ErrNotFound when none.
func (s *Store) ReportLinkByHash(ctx context.Context, tokenHash string) (*ReportLink, error) {
	var l ReportLink
	if err := s.q(ctx).Where("token_hash = ?", tokenHash).Take(&l).Error; err != nil {
		return nil, translate(err)
	}
	return &l, nil
}

// ReportLink loads a link by id; ErrNotFound when none.
func (s *Store) ReportLink(ctx context.Context, id int64) (*ReportLink, error) {
	var l ReportLink
	if err := s.q(ctx).Where("id = ?", id).Take(&l).Error; err != nil {
		return nil, translate(err)
	}
	return &l, nil
}

// RevokeReportLinks ends every live link to a shop's request at at and
// returns how many it ended.
func (s *Store) RevokeReportLinks(ctx context.Context, shopID, requestID int64, at time.Time) (int64, error) {
	res := s.q(ctx).Model(&ReportLink{}).
		Where("shop_id = ? AND request_id = ? AND revoked_at IS NULL", shopID, requestID).
		Update("revoked_at", at)
	return res.RowsAffected, translate(res.Error)
}

// ActivateReportLinks lets every inactive, unrevoked link to a shop's
// request work from at, each until at plus its lifetime (the answer that
// carries it was sent), and returns how many it activated.
func (s *Store) ActivateReportLinks(ctx context.Context, shopID, requestID int64, at time.Time) (int64, error) {
	var rows []ReportLink
	if err := s.q(ctx).Where("shop_id = ? AND request_id = ? AND activated_at IS NULL AND revoked_at IS NULL", shopID, requestID).
		Find(&rows).Error; err != nil {
		return 0, translate(err)
	}
	var n int64
	for _, l := range rows {
		res := s.q(ctx).Model(&ReportLink{}).Where("id = ? AND activated_at IS NULL", l.ID).Updates(map[string]any{
			"activated_at": at, "expires_at": at.Add(time.Duration(l.LifetimeSeconds) * time.Second),
		})
		if res.Error != nil {
			return n, translate(res.Error)
		}
		n += res.RowsAffected
	}
	return n, nil
}

// RevokeInactiveReportLinks ends the links to a shop's request that were
// never activated (the draft they were made for was replaced).
func (s *Store) RevokeInactiveReportLinks(ctx context.Context, shopID, requestID int64, at time.Time) (int64, error) {
	res := s.q(ctx).Model(&ReportLink{}).
		Where("shop_id = ? AND request_id = ? AND activated_at IS NULL AND revoked_at IS NULL", shopID, requestID).
		Update("revoked_at", at)
	return res.RowsAffected, translate(res.Error)
}

// CountReportDownload counts one download through a link at at.
func (s *Store) CountReportDownload(ctx context.Context, id int64, at time.Time) error {
	return translate(s.q(ctx).Model(&ReportLink{}).Where("id = ?", id).Updates(map[string]any{
		"downloads":        gorm.Expr("downloads + 1"),
		"last_download_at": at,
	}).Error)
}
