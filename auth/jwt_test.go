package auth

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

var testSecret = []byte("0123456789abcdef0123456789abcdef")

var testNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func testKeys() *KeySet { return &KeySet{Keys: []Key{NewKey(string(testSecret))}} }

func testIssuer() *TokenIssuer {
	return NewTokenIssuer(testKeys(), func() time.Time { return testNow })
}

// claims returns valid claims for user 7, which each case then spoils.
func claims() jwt.MapClaims {
	return jwt.MapClaims{
		"iss": Issuer, "aud": []string{Audience}, "sub": "7",
		"iat": testNow.Unix(), "exp": testNow.Add(AccessTTL).Unix(),
	}
}

func sign(t *testing.T, m jwt.SigningMethod, key any, c jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(m, c).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestVerifyAcceptsIssuedToken(t *testing.T) {
	iss := testIssuer()
	tok, err := iss.Issue(42, 3)
	if err != nil {
		t.Fatal(err)
	}
	id, version, err := iss.Verify(tok)
	if err != nil || id != 42 || version != 3 {
		t.Fatalf("Verify = %d, %d, %v", id, version, err)
	}
	// A hand-made valid token verifies too, so the negative cases below fail
	// for their one defect; without sv it is at session version 0 (tokens
	// issued before the claim existed).
	if id, version, err := iss.Verify(sign(t, jwt.SigningMethodHS256, testSecret, claims())); err != nil || id != 7 || version != 0 {
		t.Fatalf("hand-made token: %d, %d, %v", id, version, err)
	}
}

func TestIssuedTokenShape(t *testing.T) {
	tok, _ := testIssuer().Issue(42, 0)
	var c jwt.MapClaims
	p, _, err := jwt.NewParser().ParseUnverified(tok, &c)
	if err != nil {
		t.Fatal(err)
	}
	if p.Method.Alg() != "HS256" {
		t.Errorf("alg = %s", p.Method.Alg())
	}
	exp, _ := c.GetExpirationTime()
	if exp == nil || exp.Sub(testNow) > 15*time.Minute {
		t.Errorf("exp = %v, want at most 15 minutes", exp)
	}
	if c["iss"] != Issuer {
		t.Errorf("iss = %v", c["iss"])
	}
	if aud, _ := c.GetAudience(); len(aud) != 1 || aud[0] != Audience {
		t.Errorf("aud = %v", aud)
	}
}

func TestVerifyRefusesBadTokens(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	with := func(k string, v any) jwt.MapClaims { c := claims(); c[k] = v; return c }
	without := func(k string) jwt.MapClaims { c := claims(); delete(c, k); return c }
	valid := sign(t, jwt.SigningMethodHS256, testSecret, claims())
	parts := strings.Split(valid, ".")

	cases := []struct {
		name  string
		token string
	}{
		{"alg none", sign(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, claims())},
		{"alg none hand-made", base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + parts[1] + "."},
		{"HS384 same key", sign(t, jwt.SigningMethodHS384, testSecret, claims())},
		{"HS512 same key", sign(t, jwt.SigningMethodHS512, testSecret, claims())},
		{"RS256", sign(t, jwt.SigningMethodRS256, rsaKey, claims())},
		{"expired", sign(t, jwt.SigningMethodHS256, testSecret, with("exp", testNow.Add(-time.Minute).Unix()))},
		{"missing exp", sign(t, jwt.SigningMethodHS256, testSecret, without("exp"))},
		{"missing iss", sign(t, jwt.SigningMethodHS256, testSecret, without("iss"))},
		{"wrong iss", sign(t, jwt.SigningMethodHS256, testSecret, with("iss", "someone-else"))},
		{"missing aud", sign(t, jwt.SigningMethodHS256, testSecret, without("aud"))},
		{"wrong aud", sign(t, jwt.SigningMethodHS256, testSecret, with("aud", []string{"other-api"}))},
		{"issued in the future", sign(t, jwt.SigningMethodHS256, testSecret, with("iat", testNow.Add(time.Hour).Unix()))},
		{"missing sub", sign(t, jwt.SigningMethodHS256, testSecret, without("sub"))},
		{"non-numeric sub", sign(t, jwt.SigningMethodHS256, testSecret, with("sub", "admin"))},
		{"zero sub", sign(t, jwt.SigningMethodHS256, testSecret, with("sub", "0"))},
		{"negative sv", sign(t, jwt.SigningMethodHS256, testSecret, with("sv", -1))},
		{"text sv", sign(t, jwt.SigningMethodHS256, testSecret, with("sv", "1"))},
		{"wrong key", sign(t, jwt.SigningMethodHS256, []byte("another-secret-another-secret-!!"), claims())},
		{"tampered payload", parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(
			`{"iss":"huoban","aud":["huoban-api"],"sub":"1","iat":`+itoa(testNow.Unix())+`,"exp":`+itoa(testNow.Add(AccessTTL).Unix())+`}`)) + "." + parts[2]},
		{"tampered signature", parts[0] + "." + parts[1] + "." + flip(parts[2])},
		{"no signature", parts[0] + "." + parts[1] + "."},
		{"two parts", parts[0] + "." + parts[1]},
		{"garbage", "not-a-jwt"},
		{"empty", ""},
		{"oversized", valid + strings.Repeat("A", MaxTokenLen)},
	}
	iss := testIssuer()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if id, _, err := iss.Verify(tc.token); err == nil {
				t.Fatalf("accepted (user %d)", id)
			}
		})
	}
}

func TestVerifyExpiresWithClock(t *testing.T) {
	now := testNow
	iss := NewTokenIssuer(testKeys(), func() time.Time { return now })
	tok, _ := iss.Issue(1, 0)
	now = now.Add(AccessTTL - time.Second)
	if _, _, err := iss.Verify(tok); err != nil {
		t.Fatalf("still valid: %v", err)
	}
	now = now.Add(time.Minute)
	if _, _, err := iss.Verify(tok); err == nil {
		t.Fatal("accepted after expiry")
	}
}

func flip(s string) string {
	b := []byte(s)
	if b[0] == 'A' {
		b[0] = 'B'
	} else {
		b[0] = 'A'
	}
	return string(b)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
