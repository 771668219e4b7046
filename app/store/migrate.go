package store

import (
	"context"
	"fmt"

	"github.com/pressly/goose/v3"

	"github.com/lethe-gdpr/lethe/migrations"
)

// MigrationState is the schema version against the binary's migrations.
type MigrationState struct {
	Current int64
	Target  int64
	Pending []int64
}

// Behind reports whether migrations are pending.
func (m MigrationState) Behind() bool { return len(m.Pending) > 0 }

func (s *Store) provider() (*goose.Provider, error) {
	fsys, err := migrations.FS(s.dialect)
	if err != nil {
		return nil, err
	}
	d := goose.DialectPostgres
	if s.dialect == SQLite {
		d = goose.DialectSQLite3
	}
	return goose.NewProvider(d, s.SQL(), fsys)
}

// Migrate applies every pending migration, each in its own transaction.
func (s *Store) Migrate(ctx context.Context) ([]int64, error) {
	p, err := s.provider()
	if err != nil {
		return nil, err
	}
	res, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	applied := make([]int64, 0, len(res))
	for _, r := range res {
		applied = append(applied, r.Source.Version)
	}
	return applied, nil
}

// MigrationStatus reports the schema version and what is pending.
func (s *Store) MigrationStatus(ctx context.Context) (MigrationState, error) {
	p, err := s.provider()
	if err != nil {
		return MigrationState{}, err
	}
	st, err := p.Status(ctx)
	if err != nil {
		return MigrationState{}, err
	}
	var m MigrationState
	for _, r := range st {
		v := r.Source.Version
		if v > m.Target {
			m.Target = v
		}
		if r.State == goose.StateApplied {
			if v > m.Current {
				m.Current = v
			}
		} else {
			m.Pending = append(m.Pending, v)
		}
	}
	return m, nil
}
