package wctest

import (
	"crypto/rand"
	"encoding/hex"
	"time"
)

type apiKey struct {
	KeyID       int64
	UserID      int64
	Description string
	Permissions string // read, write, read_write
	Key         string // ck_…
	Secret      string // cs_…
	LastAccess  time.Time
}

// Key is an API key as the test sees it.
type Key struct {
	KeyID          int64
	UserID         int64 // the WordPress user the key acts as
	Description    string
	Permissions    string
	ConsumerKey    string
	ConsumerSecret string
	LastAccess     time.Time
}

func randHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// newKey creates a key for a WordPress user; e.mu is held.
func (e *Emulator) newKey(userID int64, description, permissions string) *apiKey {
	k := &apiKey{
		KeyID: e.newID(), UserID: userID, Description: description, Permissions: permissions,
		Key: "ck_" + randHex(20), Secret: "cs_" + randHex(20),
	}
	e.keys[k.Key] = k
	return k
}

// CreateKey adds a key for the administrator as WooCommerce → Settings →
// Advanced → REST API does (permissions read, write or read_write).
func (e *Emulator) CreateKey(permissions string) Key {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.newKey(e.settings.AdminUserID, "Lethe test", permissions).public()
}

// RevokeKey deletes a key (the merchant's "Revoke"); false when unknown.
func (e *Emulator) RevokeKey(consumerKey string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	_, ok := e.keys[consumerKey]
	delete(e.keys, consumerKey)
	return ok
}

// Keys lists the store's keys.
func (e *Emulator) Keys() []Key {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []Key
	for _, k := range e.keys {
		out = append(out, k.public())
	}
	return out
}

// DeleteUser deletes a WordPress user as wp_delete_user does: their orders
// keep their personal data but lose the customer id, and keys owned by the
// user stop working.
func (e *Emulator) DeleteUser(id int64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.deleteUser(id)
}

func (e *Emulator) deleteUser(id int64) {
	delete(e.customers, id)
	for _, o := range e.orders {
		if o.CustomerID == id {
			o.CustomerID = 0
		}
	}
}

func (k *apiKey) public() Key {
	return Key{KeyID: k.KeyID, UserID: k.UserID, Description: k.Description, Permissions: k.Permissions,
		ConsumerKey: k.Key, ConsumerSecret: k.Secret, LastAccess: k.LastAccess}
}
