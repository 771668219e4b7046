package store

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm/clause"

	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
)

// ErasurePlan is the rules core's plan for an erasure request.
type ErasurePlan struct {
	ID         int64
	ShopID     int64
	RequestID  int64
	Entries    []plan.Entry `gorm:"-"`
	EntriesRaw string       `gorm:"column:entries"`
	Automatic  bool         // approved by policy (Shopify's customers/redact, or the shop's setting)
	ApprovedBy string
	ApprovedAt *time.Time
	CreatedAt  time.Time
}

// SavePlan stores (or replaces, while unapproved) a request's plan.
func (s *Store) SavePlan(ctx context.Context, p *ErasurePlan) error {
	b, err := json.Marshal(p.Entries)
	if err != nil {
		return err
	}
	p.EntriesRaw = string(b)
	return translate(s.q(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "request_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"entries", "automatic", "approved_by", "approved_at"}),
		Where:     clause.Where{Exprs: []clause.Expression{clause.Expr{SQL: "erasure_plans.approved_at IS NULL"}}},
	}).Create(p).Error)
}

// Plan loads a request's plan.
func (s *Store) Plan(ctx context.Context, shopID, requestID int64) (*ErasurePlan, error) {
	var p ErasurePlan
	if err := s.q(ctx).Where("shop_id = ? AND request_id = ?", shopID, requestID).Take(&p).Error; err != nil {
		return nil, translate(err)
	}
	return &p, json.Unmarshal([]byte(p.EntriesRaw), &p.Entries)
}

// ApprovePlan marks an unapproved plan approved; ErrConflict when it was
// approved already.
func (s *Store) ApprovePlan(ctx context.Context, shopID, requestID int64, by string) error {
	res := s.q(ctx).Model(&ErasurePlan{}).Where("shop_id = ? AND request_id = ? AND approved_at IS NULL", shopID, requestID).
		Updates(map[string]any{"approved_by": by, "approved_at": s.Now()})
	if res.Error != nil {
		return translate(res.Error)
	}
	if res.RowsAffected == 0 {
		if _, err := s.Plan(ctx, shopID, requestID); err != nil {
			return err
		}
		return ErrConflict
	}
	return nil
}
