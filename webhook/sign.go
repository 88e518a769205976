package webhook

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"

	"huoban/models"
)

// SecretPrefix starts every signing secret.
const SecretPrefix = "whsec_"

// NewSecret returns a fresh signing secret: "whsec_" and the base64 of 32
// random bytes.
func NewSecret() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return SecretPrefix + base64.StdEncoding.EncodeToString(b[:])
}

// secretKey returns the HMAC key of a secret: the base64-decoded part after the prefix.
func secretKey(secret string) ([]byte, error) {
	raw, ok := strings.CutPrefix(secret, SecretPrefix)
	if !ok {
		return nil, errors.New("webhook secret without the whsec_ prefix")
	}
	return base64.StdEncoding.DecodeString(raw)
}

// Sign returns one Standard Webhooks signature, "v1," and the base64 of
// HMAC-SHA256(key, id + "." + timestamp + "." + body).
func Sign(secret, id string, timestamp int64, body []byte) (string, error) {
	key, err := secretKey(secret)
	if err != nil {
		return "", err
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id))
	m.Write([]byte{'.'})
	m.Write([]byte(strconv.FormatInt(timestamp, 10)))
	m.Write([]byte{'.'})
	m.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil)), nil
}

// signatures returns the webhook-signature header of a delivery: the
// signature of the current secret and, during the overlap after a
// rotation, of the previous one too, space-separated.
func signatures(w *models.Webhook, now time.Time, id string, timestamp int64, body []byte) (string, error) {
	sig, err := Sign(w.Secret, id, timestamp, body)
	if err != nil {
		return "", err
	}
	if w.PrevSecret != "" && w.PrevUntil != nil && now.Before(*w.PrevUntil) {
		old, err := Sign(w.PrevSecret, id, timestamp, body)
		if err != nil {
			return "", err
		}
		sig += " " + old
	}
	return sig, nil
}
