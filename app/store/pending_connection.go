package store

import (
	"context"
	"time"
)

// PendingConnection is a store connection under way: the app sent the
// merchant to the platform with State and waits for the platform's key
// callback (then ShopID and LoginUserID are set) and the merchant's return.
type PendingConnection struct {
	State       string `gorm:"primaryKey"`
	Platform    string
	StoreURL    string
	ShopID      *int64
	LoginUserID *int64
	CreatedAt   time.Time
	ExpiresAt   time.Time
	CompletedAt *time.Time
}

// TableName is the connections' table.
func (PendingConnection) TableName() string { return "pending_connections" }

// CreatePendingConnection stores a new pending connection, forgetting the
// ones expired at its creation time on the way.
func (s *Store) CreatePendingConnection(ctx context.Context, pc *PendingConnection) error {
	if err := s.q(ctx).Where("expires_at < ?", pc.CreatedAt.UTC()).Delete(&PendingConnection{}).Error; err != nil {
		return translate(err)
	}
	pc.CreatedAt, pc.ExpiresAt = pc.CreatedAt.UTC(), pc.ExpiresAt.UTC()
	return translate(s.q(ctx).Create(pc).Error)
}

// PendingConnectionByState finds the connection of platform with state,
// live at now; ErrNotFound when there is none or it expired.
func (s *Store) PendingConnectionByState(ctx context.Context, platform, state string, now time.Time) (*PendingConnection, error) {
	var pc PendingConnection
	err := s.q(ctx).Where("platform = ? AND state = ? AND expires_at >= ?", platform, state, now.UTC()).Take(&pc).Error
	return &pc, translate(err)
}

// CompletePendingConnection records that the connection's keys arrived and
// its shop (and the merchant's login) exist: once only — ErrConflict when
// it was completed already, ErrNotFound when there is no such row.
func (s *Store) CompletePendingConnection(ctx context.Context, platform, state string, shopID, loginUserID int64, at time.Time) error {
	at = at.UTC()
	res := s.q(ctx).Model(&PendingConnection{}).
		Where("platform = ? AND state = ? AND completed_at IS NULL", platform, state).
		Updates(map[string]any{"shop_id": shopID, "login_user_id": loginUserID, "completed_at": at})
	if res.Error != nil {
		return translate(res.Error)
	}
	if res.RowsAffected == 0 {
		if _, err := s.PendingConnectionByState(ctx, platform, state, time.Time{}); err != nil {
			return err
		}
		return ErrConflict
	}
	return nil
}

// DeletePendingConnection forgets a connection (the merchant came back).
func (s *Store) DeletePendingConnection(ctx context.Context, platform, state string) error {
	return translate(s.q(ctx).Where("platform = ? AND state = ?", platform, state).Delete(&PendingConnection{}).Error)
}
