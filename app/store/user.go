package store

import (
	"context"
	"strings"
	"time"
)

// purposeUserEmail binds a user's sealed e-mail address to its column.
const purposeUserEmail = "user.email"

// User is a standalone panel login of one shop. The e-mail address is
// personal data: stored sealed and found by its keyed hash, which is
// unique across the installation. PasswordHash is an argon2id PHC string,
// empty until the user sets a password through an invitation.
type User struct {
	ID            int64
	ShopID        int64
	Email         string `gorm:"-"`
	EmailSealed   []byte `gorm:"column:email" json:"-"`
	EmailHash     string `json:"-"`
	PasswordHash  string `json:"-"`
	CreatedAt     time.Time
	PasswordSetAt *time.Time
	LastLoginAt   *time.Time
	DisabledAt    *time.Time
}

// TableName is users.
func (User) TableName() string { return "users" }

// UserEmailHash is the keyed hash of a normalised e-mail address (trimmed,
// lower case) that finds its user.
func (s *Store) UserEmailHash(email string) string {
	return s.keys.Hash(purposeUserEmail, strings.ToLower(strings.TrimSpace(email)))
}

// CreateUser stores u with its e-mail address sealed and hashed and sets
// its id; ErrConflict when a user with that address exists (in any shop).
func (s *Store) CreateUser(ctx context.Context, u *User) error {
	sealed, err := s.keys.Seal(purposeUserEmail, []byte(strings.TrimSpace(u.Email)))
	if err != nil {
		return err
	}
	u.EmailSealed, u.EmailHash = sealed, s.UserEmailHash(u.Email)
	return translate(s.q(ctx).Create(u).Error)
}

func (s *Store) openUser(u *User) error {
	b, err := s.keys.Open(purposeUserEmail, u.EmailSealed)
	u.Email = string(b)
	return err
}

// UserByEmail finds the user of an e-mail address, in whichever shop
// (before a login there is no shop yet); ErrNotFound when none.
func (s *Store) UserByEmail(ctx context.Context, email string) (*User, error) {
	var u User
	if err := s.q(ctx).Where("email_hash = ?", s.UserEmailHash(email)).Take(&u).Error; err != nil {
		return nil, translate(err)
	}
	return &u, s.openUser(&u)
}

// User loads a shop's user; ErrNotFound when the shop has none with id.
func (s *Store) User(ctx context.Context, shopID, id int64) (*User, error) {
	var u User
	if err := s.q(ctx).Where("shop_id = ? AND id = ?", shopID, id).Take(&u).Error; err != nil {
		return nil, translate(err)
	}
	return &u, s.openUser(&u)
}

// Users lists a shop's users, oldest first.
func (s *Store) Users(ctx context.Context, shopID int64) ([]User, error) {
	var us []User
	if err := s.q(ctx).Where("shop_id = ?", shopID).Order("id").Find(&us).Error; err != nil {
		return nil, translate(err)
	}
	for i := range us {
		if err := s.openUser(&us[i]); err != nil {
			return nil, err
		}
	}
	return us, nil
}

// SetUserPassword stores a shop's user's new password hash, set at at;
// ErrNotFound when there is no such user.
func (s *Store) SetUserPassword(ctx context.Context, shopID, id int64, hash string, at time.Time) error {
	return s.updateUser(ctx, shopID, id, map[string]any{"password_hash": hash, "password_set_at": at})
}

// TouchUserLogin records a user's login at at.
func (s *Store) TouchUserLogin(ctx context.Context, shopID, id int64, at time.Time) error {
	return s.updateUser(ctx, shopID, id, map[string]any{"last_login_at": at})
}

// SetUserDisabled disables a shop's user at at, or enables them again
// (at nil).
func (s *Store) SetUserDisabled(ctx context.Context, shopID, id int64, at *time.Time) error {
	return s.updateUser(ctx, shopID, id, map[string]any{"disabled_at": at})
}

func (s *Store) updateUser(ctx context.Context, shopID, id int64, cols map[string]any) error {
	res := s.q(ctx).Model(&User{}).Where("shop_id = ? AND id = ?", shopID, id).Updates(cols)
	if res.Error == nil && res.RowsAffected == 0 {
		return ErrNotFound
	}
	return translate(res.Error)
}

// UserByID loads a user by id alone, for the operator's tools (the CLI,
// the demo) that hold the id of a user they made; requests of a shop use
// User.
func (s *Store) UserByID(ctx context.Context, id int64) (*User, error) {
	var u User
	if err := s.q(ctx).Where("id = ?", id).Take(&u).Error; err != nil {
		return nil, translate(err)
	}
	return &u, s.openUser(&u)
}
