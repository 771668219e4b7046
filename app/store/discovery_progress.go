package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"gorm.io/gorm/clause"
)

// DiscoveryProgress is how far a request's discovery has got, for the
// merchant's request page: systems asked of how many, and the orders the
// current system has read of how many (0: not known). Counts only.
type DiscoveryProgress struct {
	RequestID    int64 `gorm:"primaryKey;autoIncrement:false"`
	ShopID       int64
	SystemsTotal int
	SystemsDone  int
	System       string // the system being asked now ("" once all answered)
	OrdersRead   int
	OrdersTotal  int
	StartedAt    time.Time
	UpdatedAt    time.Time
	FinishedAt   *time.Time
	// Limits are what the systems could not search (JSON: a list of
	// DiscoveryLimit), set with the items found.
	Limits string
}

// DiscoveryLimit is one part of a system discovery could not search: a
// stable code and the merchant's text in German and English (no personal
// data).
type DiscoveryLimit struct {
	System string `json:"system"`
	Code   string `json:"code"`
	DE     string `json:"de"`
	EN     string `json:"en"`
}

// LimitList decodes Limits (none when empty or unreadable).
func (p *DiscoveryProgress) LimitList() []DiscoveryLimit {
	var out []DiscoveryLimit
	if strings.TrimSpace(p.Limits) == "" || json.Unmarshal([]byte(p.Limits), &out) != nil {
		return nil
	}
	return out
}

// TableName is discovery_progress.
func (DiscoveryProgress) TableName() string { return "discovery_progress" }

// StartDiscovery records that a run of discovery begins over systems
// systems, replacing what an earlier run recorded.
func (s *Store) StartDiscovery(ctx context.Context, shopID, requestID int64, systems int) error {
	now := s.Now()
	p := DiscoveryProgress{RequestID: requestID, ShopID: shopID, SystemsTotal: systems, StartedAt: now, UpdatedAt: now}
	return translate(s.q(ctx).Clauses(clause.OnConflict{
		Columns: []clause.Column{{Name: "request_id"}},
		DoUpdates: clause.Assignments(map[string]any{"systems_total": systems, "systems_done": 0, "system": "",
			"orders_read": 0, "orders_total": 0, "started_at": now, "updated_at": now, "finished_at": nil, "limits": ""}),
		Where: clause.Where{Exprs: []clause.Expression{clause.Expr{SQL: "discovery_progress.shop_id = ?", Vars: []any{shopID}}}},
	}).Create(&p).Error)
}

// DiscoveringSystem records that system is being asked now, after done
// systems have answered; its order counts start again.
func (s *Store) DiscoveringSystem(ctx context.Context, shopID, requestID int64, system string, done int) error {
	return s.updateProgress(ctx, shopID, requestID, map[string]any{"system": system, "systems_done": done, "orders_read": 0, "orders_total": 0})
}

// DiscoveryOrders records the orders the current system has read so far,
// of total (0: not known): one UPDATE, at most once per page the system
// reads.
func (s *Store) DiscoveryOrders(ctx context.Context, shopID, requestID int64, read, total int) error {
	return s.updateProgress(ctx, shopID, requestID, map[string]any{"orders_read": read, "orders_total": total})
}

// FinishDiscovery records that every system answered; call it in the
// transaction that saves the items.
func (s *Store) FinishDiscovery(ctx context.Context, shopID, requestID int64) error {
	return translate(s.q(ctx).Model(&DiscoveryProgress{}).Where("shop_id = ? AND request_id = ?", shopID, requestID).
		Updates(map[string]any{"systems_done": clause.Expr{SQL: "systems_total"}, "system": "", "finished_at": s.Now(), "updated_at": s.Now()}).Error)
}

// DiscoveryLimits records what the systems could not search (none clears
// it); call it in the transaction that saves the items.
func (s *Store) DiscoveryLimits(ctx context.Context, shopID, requestID int64, limits []DiscoveryLimit) error {
	raw := ""
	if len(limits) > 0 {
		b, err := json.Marshal(limits)
		if err != nil {
			return err
		}
		raw = string(b)
	}
	return s.updateProgress(ctx, shopID, requestID, map[string]any{"limits": raw})
}

func (s *Store) updateProgress(ctx context.Context, shopID, requestID int64, cols map[string]any) error {
	cols["updated_at"] = s.Now()
	return translate(s.q(ctx).Model(&DiscoveryProgress{}).Where("shop_id = ? AND request_id = ?", shopID, requestID).Updates(cols).Error)
}

// DiscoveryProgressOf loads a request's discovery progress; ErrNotFound
// when no discovery has started (or the request is another shop's).
func (s *Store) DiscoveryProgressOf(ctx context.Context, shopID, requestID int64) (*DiscoveryProgress, error) {
	var p DiscoveryProgress
	if err := s.q(ctx).Where("shop_id = ? AND request_id = ?", shopID, requestID).Take(&p).Error; err != nil {
		return nil, translate(err)
	}
	return &p, nil
}
