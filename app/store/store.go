// Package store is Lethe's persistence: GORM models, repositories, and the
// sealing of secrets and personal data at rest. It never decides policy.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/lethe-gdpr/lethe/app/store/seal"
)

// Dialects.
const (
	Postgres = "postgres"
	SQLite   = "sqlite"
)

// Store is the database handle. A Store obtained inside Tx runs every call in
// that transaction.
type Store struct {
	db      *gorm.DB
	dialect string
	keys    *seal.Keyring
	now     func() time.Time
	reqIDs  *idPool // shared by the Stores of one database
}

// Options opens a store.
type Options struct {
	// DatabaseURL is a postgres:// URL; empty means SQLitePath.
	DatabaseURL string
	SQLitePath  string
	Keys        *seal.Keyring
	// Now is the clock (tests move it); default time.Now.
	Now func() time.Time
}

// Open connects and checks that the database answers. It creates nothing
// but the SQLite file itself.
func Open(ctx context.Context, o Options) (*Store, error) {
	if o.Keys == nil {
		return nil, errors.New("store: no keyring")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	cfg := &gorm.Config{
		Logger:                 logger.Discard, // queries carry personal data; never log them
		NowFunc:                func() time.Time { return o.Now().UTC() },
		SkipDefaultTransaction: true,
		TranslateError:         true,
	}
	var (
		db      *gorm.DB
		err     error
		dialect string
	)
	if o.DatabaseURL != "" {
		dialect = Postgres
		db, err = gorm.Open(postgres.Open(o.DatabaseURL), cfg)
	} else {
		dialect = SQLite
		// WAL for concurrent readers; IMMEDIATE transactions so that two
		// writers queue on busy_timeout instead of failing with SQLITE_BUSY.
		// No _time_format: the driver stops reading parameters after it (so
		// _txlock would be ignored), and its default is the same format.
		dsn := "file:" + o.SQLitePath + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)" +
			"&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate"
		db, err = gorm.Open(sqlite.Open(dsn), cfg)
	}
	if err != nil {
		return nil, connectError(o.DatabaseURL, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	if dialect == SQLite {
		sqlDB.SetMaxOpenConns(4)
	} else {
		// As many idle connections as open ones: a smaller idle pool closes
		// connections after every burst and opens them again (a backend
		// process each) for the next one.
		sqlDB.SetMaxOpenConns(40)
		sqlDB.SetMaxIdleConns(40)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	}
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pctx); err != nil {
		sqlDB.Close()
		return nil, connectError(o.DatabaseURL, err)
	}
	return &Store{db: db, dialect: dialect, keys: o.Keys, now: o.Now, reqIDs: &idPool{}}, nil
}

// connectError says which database could not be reached without echoing a
// password from the URL.
func connectError(dbURL string, err error) error {
	if dbURL == "" {
		return fmt.Errorf("cannot open the SQLite database: %w", err)
	}
	where := "the database"
	if u, perr := url.Parse(dbURL); perr == nil {
		where = u.Host + u.Path
	}
	return fmt.Errorf("cannot reach %s: %w", where, errors.Unwrap(err))
}

// Dialect is "postgres" or "sqlite".
func (s *Store) Dialect() string { return s.dialect }

// Keys is the keyring the store seals with.
func (s *Store) Keys() *seal.Keyring { return s.keys }

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now().UTC() }

// SQL is the underlying database/sql handle.
func (s *Store) SQL() *sql.DB {
	d, _ := s.db.DB()
	return d
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	return s.SQL().PingContext(ctx)
}

// Close closes the connection pool.
func (s *Store) Close() error { return s.SQL().Close() }

// Tx runs fn in one transaction; fn's Store is bound to it.
func (s *Store) Tx(ctx context.Context, fn func(tx *Store) error) error {
	return s.db.WithContext(ctx).Transaction(func(gtx *gorm.DB) error {
		return fn(&Store{db: gtx, dialect: s.dialect, keys: s.keys, now: s.now, reqIDs: s.reqIDs})
	})
}

func (s *Store) q(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

// sqlConn is the database/sql handle under s — the pool, or the transaction
// s is bound to — for hot paths that skip GORM.
func (s *Store) sqlConn(ctx context.Context) gorm.ConnPool { return s.q(ctx).Statement.ConnPool }

// EnsureDir creates the data directory of the embedded default.
func EnsureDir(dir string) error { return os.MkdirAll(dir, 0o700) }
