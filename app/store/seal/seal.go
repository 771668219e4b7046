// Package seal encrypts secrets and personal data at rest with AES-256-GCM.
//
// A sealed value is  version(1) | key id(4) | nonce(12) | ciphertext+tag.
// The key id is the first four bytes of SHA-256 of the key, so a value sealed
// under an earlier key stays readable after a rotation as long as that key is
// still given (LETHE_SECRET_KEYS_OLD). Every value is bound to a purpose
// string (additional data), so a sealed token cannot be swapped into another
// column.
package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
)

const (
	version   = 1
	keySize   = 32
	headerLen = 1 + 4 + 12
)

var (
	// ErrUnknownKey means the value was sealed under a key that is not configured.
	ErrUnknownKey = errors.New("seal: sealed under a key that is not configured (add it to LETHE_SECRET_KEYS_OLD)")
	// ErrCorrupt means the value is not a sealed value or was altered.
	ErrCorrupt = errors.New("seal: value is corrupt or was altered")
)

// Keyring seals with its primary key and opens with any of its keys.
type Keyring struct {
	primary uint32
	aeads   map[uint32]cipher.AEAD
	hashKey []byte
}

// New builds a keyring; primary seals, old keys only open.
func New(primary []byte, old ...[]byte) (*Keyring, error) {
	k := &Keyring{aeads: map[uint32]cipher.AEAD{}}
	for i, key := range append([][]byte{primary}, old...) {
		if len(key) != keySize {
			return nil, fmt.Errorf("seal: key %d has %d bytes, need %d", i, len(key), keySize)
		}
		block, err := aes.NewCipher(key)
		if err != nil {
			return nil, err
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, err
		}
		id := KeyID(key)
		if i == 0 {
			k.primary = id
			m := hmac.New(sha256.New, key)
			m.Write([]byte("lethe hash key v1"))
			k.hashKey = m.Sum(nil)
		}
		if _, dup := k.aeads[id]; !dup {
			k.aeads[id] = aead
		}
	}
	return k, nil
}

// KeyID identifies a key without revealing it.
func KeyID(key []byte) uint32 {
	sum := sha256.Sum256(key)
	return binary.BigEndian.Uint32(sum[:4])
}

// Seal encrypts plaintext for the given purpose under the primary key.
func (k *Keyring) Seal(purpose string, plaintext []byte) ([]byte, error) {
	out := make([]byte, headerLen, headerLen+len(plaintext)+16)
	out[0] = version
	binary.BigEndian.PutUint32(out[1:5], k.primary)
	if _, err := rand.Read(out[5:headerLen]); err != nil {
		return nil, err
	}
	return k.aeads[k.primary].Seal(out, out[5:headerLen], plaintext, []byte(purpose)), nil
}

// Open decrypts a sealed value for the given purpose.
func (k *Keyring) Open(purpose string, sealed []byte) ([]byte, error) {
	if len(sealed) < headerLen+16 || sealed[0] != version {
		return nil, ErrCorrupt
	}
	aead, ok := k.aeads[binary.BigEndian.Uint32(sealed[1:5])]
	if !ok {
		return nil, ErrUnknownKey
	}
	pt, err := aead.Open(nil, sealed[5:headerLen], sealed[headerLen:], []byte(purpose))
	if err != nil {
		return nil, ErrCorrupt
	}
	return pt, nil
}

// NeedsRewrap reports whether a sealed value is under an old key.
func (k *Keyring) NeedsRewrap(sealed []byte) bool {
	return len(sealed) >= 5 && binary.BigEndian.Uint32(sealed[1:5]) != k.primary
}

// Hash is a keyed, stable, hex HMAC-SHA256 of value, for matching and for the
// audit trail without storing the value. It is keyed with a key derived from
// the primary key, so it cannot be reversed by hashing guesses without the key.
func (k *Keyring) Hash(purpose, value string) string {
	return hashWith(k.hashKey, purpose, value)
}

func hashWith(key []byte, purpose, value string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(purpose))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil))
}
