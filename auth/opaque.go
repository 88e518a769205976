package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// Prefixes of the opaque tokens Huoban hands out.
const (
	// APITokenPrefix starts every API token.
	APITokenPrefix = "hb_"
	// RefreshTokenPrefix starts every refresh token.
	RefreshTokenPrefix = "hbr_"
)

// RandomToken returns prefix followed by 32 random bytes in URL-safe base64.
func RandomToken(prefix string) string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// RandomCode returns a short human-typable invite code (uppercase, no 0/O/1/I).
func RandomCode() string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	var sb strings.Builder
	for i, v := range b {
		if i > 0 && i%4 == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(alphabet[int(v)%len(alphabet)])
	}
	return sb.String()
}

// HashToken returns the SHA-256 hex digest stored in place of a token or code.
// Tokens are random and long, so a fast hash is enough; no salt is needed.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NormalizeCode upper-cases an invite code and drops spaces so typed codes match.
func NormalizeCode(code string) string {
	return strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(code), " ", ""))
}

// RandomSecret returns n random bytes hex-encoded, for generated signing secrets.
func RandomSecret(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return hex.EncodeToString(b)
}
