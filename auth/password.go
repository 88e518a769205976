// Package auth holds password hashing, JWT access tokens, opaque refresh and
// API tokens, and the attempt limiter used by login-like endpoints.
package auth

import (
	"crypto/sha256"
	"encoding/base64"

	"golang.org/x/crypto/bcrypt"

	"huoban/models"
)

// PasswordCost is the bcrypt cost used for new passwords.
const PasswordCost = 11

// Password length limits from the API contract, in characters.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 128
)

// Hasher hashes and checks passwords with bcrypt. Cost is configurable so
// tests stay fast; zero means PasswordCost.
type Hasher struct {
	Cost      int
	dummyHash []byte
}

// NewHasher returns a Hasher with the given bcrypt cost (0 for the default).
func NewHasher(cost int) *Hasher {
	if cost == 0 {
		cost = PasswordCost
	}
	h := &Hasher{Cost: cost}
	h.dummyHash, _ = bcrypt.GenerateFromPassword(prehash("huoban-dummy-password"), cost)
	return h
}

// prehash maps any password to 44 bytes, since bcrypt reads at most 72 bytes
// and a 128-character Chinese password can be 512.
func prehash(password string) []byte {
	sum := sha256.Sum256([]byte(password))
	return []byte(base64.StdEncoding.EncodeToString(sum[:]))
}

// Hash returns a bcrypt hash of password.
func (h *Hasher) Hash(password string) (string, error) {
	b, err := bcrypt.GenerateFromPassword(prehash(password), h.Cost)
	return string(b), err
}

// Check reports whether password matches hash.
func (h *Hasher) Check(hash, password string) bool {
	return bcrypt.CompareHashAndPassword([]byte(hash), prehash(password)) == nil
}

// CheckMissing spends the time of one comparison and reports false; call it
// when the account does not exist so timing does not reveal which emails exist.
func (h *Hasher) CheckMissing(password string) bool {
	_ = bcrypt.CompareHashAndPassword(h.dummyHash, prehash(password))
	return false
}

// ValidatePassword returns a client-facing problem with password, or nil.
func ValidatePassword(password string) error {
	n := len([]rune(password))
	if n < MinPasswordLen {
		return models.MinLength(MinPasswordLen).Err()
	}
	if n > MaxPasswordLen {
		return models.MaxLength(MaxPasswordLen).Err()
	}
	return nil
}
