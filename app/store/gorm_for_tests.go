package store

import "gorm.io/gorm"

// GormForTests is the GORM handle under s (the pool, or the transaction s
// is bound to), for tests that read or write rows no store method covers.
// Only tests call it: the store is the only place that talks to the
// database, and TestOnlyTheStoreTalksToTheDatabase fails on a call outside
// a _test.go file.
func (s *Store) GormForTests() *gorm.DB { return s.db }
