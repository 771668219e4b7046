package seal

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func key(b byte) []byte { return bytes.Repeat([]byte{b}, 32) }

func TestSealOpenRoundTrip(t *testing.T) {
	k, err := New(key(1))
	if err != nil {
		t.Fatal(err)
	}
	s, err := k.Seal("shop.token", []byte("shpat_secret"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(s, []byte("shpat_secret")) {
		t.Fatal("plaintext visible in sealed value")
	}
	got, err := k.Open("shop.token", s)
	if err != nil || string(got) != "shpat_secret" {
		t.Fatalf("Open = %q, %v", got, err)
	}
	s2, _ := k.Seal("shop.token", []byte("shpat_secret"))
	if bytes.Equal(s, s2) {
		t.Fatal("two seals of the same value are equal: nonce reused")
	}
}

func TestOpenRejects(t *testing.T) {
	k, _ := New(key(1))
	s, _ := k.Seal("a", []byte("x"))
	tampered := append([]byte(nil), s...)
	tampered[len(tampered)-1] ^= 1
	other, _ := New(key(2))
	cases := []struct {
		name    string
		ring    *Keyring
		purpose string
		value   []byte
		want    error
	}{
		{"wrong purpose", k, "b", s, ErrCorrupt},
		{"tampered", k, "a", tampered, ErrCorrupt},
		{"too short", k, "a", s[:10], ErrCorrupt},
		{"unknown key", other, "a", s, ErrUnknownKey},
		{"bad version", k, "a", append([]byte{9}, s[1:]...), ErrCorrupt},
	}
	for _, c := range cases {
		if _, err := c.ring.Open(c.purpose, c.value); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}
}

func TestRotationKeepsOldValuesReadable(t *testing.T) {
	old, _ := New(key(1))
	s, _ := old.Seal("p", []byte("v"))
	rotated, err := New(key(2), key(1))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := rotated.Open("p", s); err != nil || string(got) != "v" {
		t.Fatalf("old value after rotation: %q, %v", got, err)
	}
	if !rotated.NeedsRewrap(s) {
		t.Fatal("value under old key not flagged for rewrap")
	}
	s2, _ := rotated.Seal("p", []byte("v"))
	if rotated.NeedsRewrap(s2) {
		t.Fatal("new value flagged for rewrap")
	}
	if _, err := old.Open("p", s2); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("old ring opened new value: %v", err)
	}
}

func TestNewRejectsShortKey(t *testing.T) {
	if _, err := New(make([]byte, 16)); err == nil {
		t.Fatal("16-byte key accepted")
	}
}

func TestKeyFileCreatedOnceWithMode0600(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secret.key")
	k1, err := LoadOrCreateKeyFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode = %v, want 0600", fi.Mode().Perm())
	}
	k2, err := LoadOrCreateKeyFile(path)
	if err != nil || !bytes.Equal(k1, k2) {
		t.Fatalf("second load differs: %v", err)
	}
	os.WriteFile(path, []byte("short"), 0o600)
	if _, err := LoadOrCreateKeyFile(path); err == nil {
		t.Fatal("corrupt key file accepted")
	}
}

func TestHashIsKeyedAndStable(t *testing.T) {
	a, _ := New(key(1))
	b, _ := New(key(2))
	h := a.Hash("email", "jane@example.com")
	if h != a.Hash("email", "jane@example.com") {
		t.Fatal("hash not stable")
	}
	if h == b.Hash("email", "jane@example.com") || h == a.Hash("phone", "jane@example.com") {
		t.Fatal("hash ignores key or purpose")
	}
	if len(h) != 64 {
		t.Fatalf("len = %d", len(h))
	}
}
