package auth

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The access-token signing keys (issue 17). The secret lives outside the
// database, so a copy or backup of the database cannot forge tokens: in
// HUOBAN_JWT_SECRET, or in a key file beside the SQLite file (0600). Every
// token names its key in the kid header; a rotation adds a new current key
// and keeps the previous one for verification for RotationOverlap, so no
// one is signed out at once. docs/RELIABILITY.md says why.

// MinSecretLen is the shortest accepted signing secret.
const MinSecretLen = 32

// RotationOverlap is how long a rotated-out key still verifies tokens: the
// access-token lifetime, plus time for running servers to reload the file.
const RotationOverlap = AccessTTL + KeyReloadEvery + time.Minute

// KeyReloadEvery is how often a server looks at its key file for a rotation.
const KeyReloadEvery = 10 * time.Second

// Key is one signing secret and its id.
type Key struct {
	ID     string
	Secret []byte
	// Until is when a rotated-out key stops verifying; zero for keys kept
	// until removed by hand (the current one, HUOBAN_JWT_PREVIOUS_SECRET).
	Until time.Time
}

// KeySet is the current signing key and the previous keys that still verify.
type KeySet struct {
	// Keys are current first.
	Keys []Key
}

// KeyID derives a key's id from its secret: a short hash that names the
// key without telling anything about it.
func KeyID(secret []byte) string {
	sum := sha256.Sum256(secret)
	return hex.EncodeToString(sum[:8])
}

// NewKey returns the key of secret.
func NewKey(secret string) Key { return Key{ID: KeyID([]byte(secret)), Secret: []byte(secret)} }

// KeysFromSecrets is the key set of HUOBAN_JWT_SECRET (current) and, when
// set, HUOBAN_JWT_PREVIOUS_SECRET (verification only).
func KeysFromSecrets(current, previous string) (*KeySet, error) {
	if len(current) < MinSecretLen {
		return nil, fmt.Errorf("HUOBAN_JWT_SECRET must be at least %d characters", MinSecretLen)
	}
	ks := &KeySet{Keys: []Key{NewKey(current)}}
	if previous != "" {
		if len(previous) < MinSecretLen {
			return nil, fmt.Errorf("HUOBAN_JWT_PREVIOUS_SECRET must be at least %d characters", MinSecretLen)
		}
		ks.Keys = append(ks.Keys, NewKey(previous))
	}
	return ks, nil
}

// Current is the key new tokens are signed with.
func (ks *KeySet) Current() Key { return ks.Keys[0] }

// Lookup returns the key named kid if it still verifies at now.
func (ks *KeySet) Lookup(kid string, now time.Time) (Key, bool) {
	for _, k := range ks.Keys {
		if k.ID == kid && (k.Until.IsZero() || now.Before(k.Until)) {
			return k, true
		}
	}
	return Key{}, false
}

// ErrNoKeyFile is returned by ReadKeyFile when the file does not exist.
var ErrNoKeyFile = errors.New("no key file")

// ReadKeyFile reads a key file: one key a line, "secret" or "secret until"
// (RFC 3339), current first; blank lines and # comments are skipped.
func ReadKeyFile(path string) (*KeySet, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoKeyFile
	}
	if err != nil {
		return nil, err
	}
	ks := &KeySet{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f[0]) < MinSecretLen || len(f) > 2 {
			return nil, fmt.Errorf("%s line %d: want a secret of at least %d characters and an optional RFC 3339 time", path, n, MinSecretLen)
		}
		k := NewKey(f[0])
		if len(f) == 2 {
			if k.Until, err = time.Parse(time.RFC3339, f[1]); err != nil {
				return nil, fmt.Errorf("%s line %d: %v", path, n, err)
			}
		}
		ks.Keys = append(ks.Keys, k)
	}
	if len(ks.Keys) == 0 {
		return nil, fmt.Errorf("%s holds no key", path)
	}
	return ks, sc.Err()
}

// WriteKeyFile replaces the key file with ks, readable by its owner only,
// atomically (a reader sees the old file or the new one, never half).
func WriteKeyFile(path string, ks *KeySet) error {
	var b strings.Builder
	b.WriteString("# Huoban access-token signing keys: current first. Keep this file secret (0600) and out of backups\n" +
		"# of the database; `huoban rotate-secret` adds a new key. Format: secret [retire-at RFC 3339]\n")
	for _, k := range ks.Keys {
		b.Write(k.Secret)
		if !k.Until.IsZero() {
			b.WriteString(" " + k.Until.UTC().Format(time.RFC3339))
		}
		b.WriteString("\n")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".jwt-key-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.WriteString(b.String()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// RotateKeyFile adds a new current key to the key file at path; the
// previous current key verifies for RotationOverlap more, and keys whose
// time has passed are dropped. It returns the new key's id.
func RotateKeyFile(path string, now time.Time) (string, error) {
	ks, err := ReadKeyFile(path)
	if err != nil {
		return "", err
	}
	next := &KeySet{Keys: []Key{NewKey(RandomSecret(32))}}
	for i, k := range ks.Keys {
		if i == 0 {
			k.Until = now.Add(RotationOverlap)
		}
		if k.Until.IsZero() || now.Before(k.Until) {
			next.Keys = append(next.Keys, k)
		}
	}
	if err := WriteKeyFile(path, next); err != nil {
		return "", err
	}
	return next.Current().ID, nil
}
