package auth

import (
	"errors"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Access token parameters.
const (
	// AccessTTL is the lifetime of an access token.
	AccessTTL = 15 * time.Minute
	// Issuer is the iss claim of every access token.
	Issuer = "huoban"
	// Audience is the aud claim of every access token.
	Audience = "huoban-api"
	// MaxTokenLen caps the bearer token length accepted before parsing.
	MaxTokenLen = 4096
)

// ErrInvalidToken is returned for any token that does not verify.
var ErrInvalidToken = errors.New("invalid token")

// Claims are the access token claims: the user, when the token ends, and the
// user's session version when it was issued (sv; a token whose version is
// behind the user's no longer signs in: logout, password and role changes
// bump it).
type Claims struct {
	jwt.RegisteredClaims
	SessionVersion int64 `json:"sv,omitempty"`
}

// TokenIssuer signs and verifies HS256 access tokens with a key set
// (keys.go): signs with the current key and names it in the kid header;
// verifies with the key the kid names, while that key is still valid.
type TokenIssuer struct {
	keys   atomic.Pointer[KeySet]
	now    func() time.Time
	parser *jwt.Parser
}

// NewTokenIssuer returns an issuer over keys; now may be nil for time.Now.
func NewTokenIssuer(keys *KeySet, now func() time.Time) *TokenIssuer {
	if now == nil {
		now = time.Now
	}
	t := &TokenIssuer{
		now: now,
		parser: jwt.NewParser(
			jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
			jwt.WithExpirationRequired(),
			jwt.WithIssuedAt(),
			jwt.WithIssuer(Issuer),
			jwt.WithAudience(Audience),
			jwt.WithTimeFunc(now),
			jwt.WithLeeway(5*time.Second),
		),
	}
	t.keys.Store(keys)
	return t
}

// SetKeys replaces the key set (after a rotation), for the next token.
func (t *TokenIssuer) SetKeys(keys *KeySet) { t.keys.Store(keys) }

// Keys returns the key set in use.
func (t *TokenIssuer) Keys() *KeySet { return t.keys.Load() }

// Issue returns a signed access token for userID at its session version.
func (t *TokenIssuer) Issue(userID, sessionVersion int64) (string, error) {
	now := t.now()
	c := Claims{RegisteredClaims: jwt.RegisteredClaims{
		Issuer:    Issuer,
		Subject:   strconv.FormatInt(userID, 10),
		Audience:  jwt.ClaimStrings{Audience},
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(AccessTTL)),
	}, SessionVersion: sessionVersion}
	k := t.keys.Load().Current()
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, c)
	tok.Header["kid"] = k.ID
	return tok.SignedString(k.Secret)
}

// Verify checks signature, algorithm, exp, iss and aud and returns the user
// id and the session version the token was issued at.
func (t *TokenIssuer) Verify(token string) (userID, sessionVersion int64, err error) {
	if len(token) > MaxTokenLen {
		return 0, 0, ErrInvalidToken
	}
	var c Claims
	_, err = t.parser.ParseWithClaims(token, &c, t.key)
	if err != nil {
		return 0, 0, ErrInvalidToken
	}
	id, err := strconv.ParseInt(c.Subject, 10, 64)
	if err != nil || id <= 0 || c.SessionVersion < 0 {
		return 0, 0, ErrInvalidToken
	}
	return id, c.SessionVersion, nil
}

// key finds the verification key a token names. A token without a kid (made
// before key ids) is checked against the current key only.
func (t *TokenIssuer) key(tok *jwt.Token) (any, error) {
	ks := t.keys.Load()
	kid, ok := tok.Header["kid"]
	if !ok {
		return ks.Current().Secret, nil
	}
	s, _ := kid.(string)
	k, ok := ks.Lookup(s, t.now())
	if !ok {
		return nil, ErrInvalidToken
	}
	return k.Secret, nil
}
