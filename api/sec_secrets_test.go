package api_test

// Issue 17: the JWT signing secret lived in the settings table, so every
// copy or backup of the database could forge a token for any user. It now
// lives in HUOBAN_JWT_SECRET or a 0600 key file; tokens name their key (kid)
// and `huoban rotate-secret` rotates without signing anyone out.

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"huoban/api"
	"huoban/auth"
	"huoban/db"
	"huoban/db/dbtest"
)

// forge signs an access token for userID with secret, as someone holding a
// copy of the database would.
func forge(t *testing.T, secret string, userID int64, now time.Time, kid string) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{Issuer: auth.Issuer, Subject: itoa(userID),
		Audience: jwt.ClaimStrings{auth.Audience}, IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(10 * time.Minute))})
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString([]byte(secret))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestDatabaseCopyCannotForgeTokens: the reported case. An install of an
// older version kept its secret in settings: on first start it moves to the
// key file (sessions survive) and leaves the database; nothing a copy of the
// database holds signs a token the server takes.
func TestDatabaseCopyCannotForgeTokens(t *testing.T) {
	d := dbtest.Open(t, db.Options{})
	legacy := strings.Repeat("L", 40)
	if err := d.W.Exec("INSERT INTO settings (key, value) VALUES ('jwt_secret', ?)", legacy).Error; err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}
	keyFile := filepath.Join(t.TempDir(), "data", "jwt.key")
	srv, err := api.NewServer(api.Config{BcryptCost: 4, Now: clk.Now, Quiet: true, JWTKeyFile: keyFile}, d)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, srv: srv, db: d, now: clk, keyFile: keyFile}
	o := e.register("迁移")
	// A token of the old secret (made before the move, no kid) still works: nobody is signed out.
	e.must(200, "GET", "/api/v1/me", forge(t, legacy, o.UserID, clk.Now(), ""), nil)
	// The file holds it, readable by its owner only; the database does not.
	if st, err := os.Stat(keyFile); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", st, err)
	}
	if b, _ := os.ReadFile(keyFile); !strings.Contains(string(b), legacy) {
		t.Fatal("the legacy secret did not move into the key file")
	}
	var values []string
	d.R.Raw("SELECT value FROM settings").Scan(&values)
	for _, v := range values {
		if v == legacy {
			t.Fatal("the secret is still in the settings table")
		}
		// Whatever a database copy holds, it signs nothing the server takes.
		if len(v) > 0 {
			wantErr(t, e.do("GET", "/api/v1/me", forge(t, v, o.UserID, clk.Now(), ""), nil), 401, "unauthorized")
		}
	}
	// A server on the same database without the key file does not take the tokens.
	other, err := api.NewServer(api.Config{BcryptCost: 4, Now: clk.Now, Quiet: true, JWTKeyFile: filepath.Join(t.TempDir(), "jwt.key")}, d)
	if err != nil {
		t.Fatal(err)
	}
	e2 := &env{t: t, srv: other, db: d, now: clk}
	wantErr(t, e2.do("GET", "/api/v1/me", o.Token, nil), 401, "unauthorized")
}

// kidOf returns the kid header of a JWT.
func kidOf(t *testing.T, token string) string {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(strings.Split(token, ".")[0])
	if err != nil {
		t.Fatal(err)
	}
	var h map[string]any
	_ = json.Unmarshal(b, &h)
	if h["alg"] != "HS256" {
		t.Fatalf("alg %v", h["alg"])
	}
	s, _ := h["kid"].(string)
	return s
}

// TestRotateSecretKeepsSessions: after a rotation of the key file (what
// `huoban rotate-secret` does) and a restart, a token of the previous key
// still works, new tokens name the new key, and once the overlap is over
// the previous key's tokens stop.
func TestRotateSecretKeepsSessions(t *testing.T) {
	e := newEnv(t)
	o := e.register("轮换")
	before := kidOf(t, o.Token)
	if before == "" {
		t.Fatal("the token names no key")
	}
	newKid, err := auth.RotateKeyFile(e.keyFile, e.now.Now())
	if err != nil || newKid == before {
		t.Fatalf("rotate: %q %v", newKid, err)
	}
	srv, err := api.NewServer(api.Config{BcryptCost: 4, Now: e.now.Now, Quiet: true, JWTKeyFile: e.keyFile}, e.db)
	if err != nil {
		t.Fatal(err)
	}
	e2 := &env{t: t, srv: srv, db: e.db, now: e.now, keyFile: e.keyFile}
	e2.must(200, "GET", "/api/v1/me", o.Token, nil)
	fresh := e2.must(200, "POST", "/api/v1/auth/login", "", map[string]any{"email": o.Email, "password": pw}).JSON()["access_token"].(string)
	if kidOf(t, fresh) != newKid {
		t.Fatalf("a new token's kid %q, want %q", kidOf(t, fresh), newKid)
	}
	// Forged with a known kid but another secret: refused.
	wantErr(t, e2.do("GET", "/api/v1/me", forge(t, strings.Repeat("x", 40), o.UserID, e.now.Now(), newKid), nil), 401, "unauthorized")
	e.now.Advance(auth.RotationOverlap + time.Second)
	fresh = e2.must(200, "POST", "/api/v1/auth/login", "", map[string]any{"email": o.Email, "password": pw}).JSON()["access_token"].(string)
	e2.must(200, "GET", "/api/v1/me", fresh, nil)
	// The old token is long expired by now anyway; one signed with the
	// retired key and a fresh exp is refused for its key.
	ks, _ := auth.ReadKeyFile(e.keyFile)
	wantErr(t, e2.do("GET", "/api/v1/me", forge(t, string(ks.Keys[1].Secret), o.UserID, e.now.Now(), ks.Keys[1].ID), nil), 401, "unauthorized")
}

// TestHSTS: HUOBAN_HSTS=true adds Strict-Transport-Security; off by default.
func TestHSTS(t *testing.T) {
	e := newEnv(t)
	if h := e.do("GET", "/healthz", "", nil).Header.Get("Strict-Transport-Security"); h != "" {
		t.Fatalf("HSTS without asking: %q", h)
	}
	e = newEnv(t, func(c *api.Config) { c.HSTS = true })
	for _, p := range []string{"/healthz", "/api/v1/me", "/"} {
		if h := e.do("GET", p, "", nil).Header.Get("Strict-Transport-Security"); !strings.HasPrefix(h, "max-age=31536000") {
			t.Fatalf("%s: HSTS %q", p, h)
		}
	}
}
