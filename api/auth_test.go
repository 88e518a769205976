package api_test

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"huoban/api"
)

const pw = "correct horse"

func TestRegister(t *testing.T) {
	e := newEnv(t)
	r := e.must(201, "POST", "/api/v1/auth/register", "", map[string]any{
		"brand_name": " 山茶花 ", "name": "王店长", "email": " Wang@Example.COM ", "password": pw})
	m := r.JSON()
	u := m["user"].(map[string]any)
	if m["access_token"] == "" || !strings.HasPrefix(m["refresh_token"].(string), "hbr_") || m["expires_in"].(float64) > 900 || m["expires_in"].(float64) <= 0 {
		t.Fatalf("session %s", r.Body)
	}
	if u["role"] != "owner" || u["email"] != "wang@example.com" || u["locale"] != "zh-CN" || u["brand_id"] == nil || u["name"] != "王店长" {
		t.Fatalf("user %v", u)
	}
	if strings.Contains(string(r.Body), "password") {
		t.Fatalf("answer mentions the password: %s", r.Body)
	}
	// The same email in another case is taken.
	wantErr(t, e.do("POST", "/api/v1/auth/register", "", map[string]any{
		"brand_name": "b", "name": "n", "email": "WANG@example.com", "password": pw}), 409, "conflict")

	good := func(k string, v any) map[string]any {
		b := map[string]any{"brand_name": "品牌", "name": "名字", "email": "x@example.com", "password": pw}
		if v == nil {
			delete(b, k)
		} else {
			b[k] = v
		}
		return b
	}
	var users int64
	e.db.R.Raw("SELECT count(*) FROM users").Scan(&users)
	for _, c := range []struct {
		field string
		v     any
	}{
		{"brand_name", nil}, {"brand_name", "  "}, {"brand_name", strings.Repeat("品", 101)}, {"brand_name", 5},
		{"name", nil}, {"name", ""}, {"email", nil}, {"email", "not-an-email"}, {"email", "a@b@c"}, {"email", 7},
		{"password", nil}, {"password", "short"}, {"password", strings.Repeat("p", 129)}, {"password", true},
	} {
		wantField(t, e.do("POST", "/api/v1/auth/register", "", good(c.field, c.v)), c.field)
	}
	var after int64
	e.db.R.Raw("SELECT count(*) FROM users").Scan(&after)
	if after != users {
		t.Fatalf("bad registrations made users: %d → %d", users, after)
	}
	e.must(201, "POST", "/api/v1/auth/register", "", good("password", strings.Repeat("密", 128)))
}

func TestLogin(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	r := e.must(200, "POST", "/api/v1/auth/login", "", map[string]any{"email": "  " + strings.ToUpper(o.Email), "password": pw})
	if s := sessionOf(r, o.Email); s.UserID != o.UserID || s.Token == "" || s.Refresh == "" {
		t.Fatalf("login %s", r.Body)
	}
	e.must(200, "GET", "/api/v1/me", r.JSON()["access_token"].(string), nil)

	wrong := e.do("POST", "/api/v1/auth/login", "", map[string]any{"email": o.Email, "password": "wrong password"})
	unknown := e.do("POST", "/api/v1/auth/login", "", map[string]any{"email": "nobody@example.com", "password": "wrong password"})
	wantErr(t, wrong, 401, "unauthorized")
	wantErr(t, unknown, 401, "unauthorized")
	if string(wrong.Body) != string(unknown.Body) {
		t.Fatalf("unknown email and wrong password answer differently:\n%s\n%s", wrong.Body, unknown.Body)
	}
	wantErr(t, e.do("POST", "/api/v1/auth/login", "", map[string]any{"email": o.Email, "password": strings.Repeat("x", 10000)}), 401, "unauthorized")
	wantField(t, e.do("POST", "/api/v1/auth/login", "", map[string]any{"email": o.Email}), "password")
	wantField(t, e.do("POST", "/api/v1/auth/login", "", map[string]any{"password": pw}), "email")
	wantField(t, e.do("POST", "/api/v1/auth/login", "", map[string]any{"email": o.Email, "password": 12345678}), "password")
}

func TestMeAndPatchMe(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	m := e.must(200, "GET", "/api/v1/me", o.Token, nil).JSON()
	if jnum(m, "id") != o.UserID || m["role"] != "owner" || jnum(m, "brand_id") != o.BrandID || m["locale"] != "zh-CN" || m["email"] != o.Email {
		t.Fatalf("me %v", m)
	}
	m = e.must(200, "PATCH", "/api/v1/me", o.Token, map[string]any{"locale": "en"}).JSON()
	if m["locale"] != "en" || m["name"] != "Owner 品牌" {
		t.Fatalf("patch locale: %v", m)
	}
	m = e.must(200, "PATCH", "/api/v1/me", o.Token, map[string]any{"name": " 新名字 "}).JSON()
	if m["locale"] != "en" || m["name"] != "新名字" {
		t.Fatalf("patch name changed more than the name: %v", m)
	}
	before := e.must(200, "GET", "/api/v1/me", o.Token, nil).JSON()
	for _, c := range []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"locale": "fr"}, "locale"},
		{map[string]any{"locale": nil}, "locale"},
		{map[string]any{"name": ""}, "name"},
		{map[string]any{"name": nil}, "name"},
		{map[string]any{"name": strings.Repeat("名", 101)}, "name"},
		{map[string]any{"name": "ok", "locale": "fr"}, "locale"}, // one bad field: nothing changes
		{map[string]any{"password": "new password 1"}, "current_password"},
		{map[string]any{"password": "new password 1", "current_password": ""}, "current_password"},
		{map[string]any{"password": "short", "current_password": pw}, "password"},
		{map[string]any{"password": "new password 1", "current_password": "wrong password"}, "current_password"},
		{map[string]any{"email": "x@example.com"}, "email"},
	} {
		wantField(t, e.do("PATCH", "/api/v1/me", o.Token, c.body), c.field)
	}
	if after := e.must(200, "GET", "/api/v1/me", o.Token, nil).JSON(); !jsonEq(before, after) {
		t.Fatalf("bad PATCH /me changed the user: %v → %v", before, after)
	}
	e.must(200, "POST", "/api/v1/auth/login", "", map[string]any{"email": o.Email, "password": pw})
}

func TestPasswordChangeRevokesEveryRefreshToken(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	second := sessionOf(e.must(200, "POST", "/api/v1/auth/login", "", map[string]any{"email": o.Email, "password": pw}), o.Email)
	rotated := sessionOf(e.must(200, "POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": second.Refresh}), o.Email)
	other := e.register("别家") // another user's session must survive

	e.must(200, "PATCH", "/api/v1/me", o.Token, map[string]any{"password": "brand new secret", "current_password": pw})
	for _, rt := range []string{o.Refresh, rotated.Refresh} {
		wantErr(t, e.do("POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": rt}), 401, "unauthorized")
	}
	e.must(200, "POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": other.Refresh})
	wantErr(t, e.do("POST", "/api/v1/auth/login", "", map[string]any{"email": o.Email, "password": pw}), 401, "unauthorized")
	e.must(200, "POST", "/api/v1/auth/login", "", map[string]any{"email": o.Email, "password": "brand new secret"})
}

func TestRefreshRotationAndReuse(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	parallel := sessionOf(e.must(200, "POST", "/api/v1/auth/login", "", map[string]any{"email": o.Email, "password": pw}), o.Email)

	r1 := e.must(200, "POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": o.Refresh})
	s1 := sessionOf(r1, o.Email)
	if s1.Refresh == o.Refresh || s1.UserID != o.UserID {
		t.Fatalf("refresh did not rotate: %s", r1.Body)
	}
	e.must(200, "GET", "/api/v1/me", s1.Token, nil)
	s2 := sessionOf(e.must(200, "POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": s1.Refresh}), o.Email)

	// The spent token again: refused, and the family's live token dies with it.
	wantErr(t, e.do("POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": o.Refresh}), 401, "unauthorized")
	wantErr(t, e.do("POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": s2.Refresh}), 401, "unauthorized")
	wantErr(t, e.do("POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": s1.Refresh}), 401, "unauthorized")
	// Another family (another sign-in) is untouched.
	e.must(200, "POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": parallel.Refresh})

	for _, bad := range []string{"hbr_unknown", "", strings.Repeat("x", 300), o.Token} {
		r := e.do("POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": bad})
		if bad == "" {
			wantField(t, r, "refresh_token")
			continue
		}
		wantErr(t, r, 401, "unauthorized")
	}
	// Refresh tokens are stored only as hashes.
	var n int64
	e.db.R.Raw("SELECT count(*) FROM refresh_tokens WHERE token_hash = ?", parallel.Refresh).Scan(&n)
	if n != 0 {
		t.Fatal("a refresh token is stored in clear")
	}
}

func TestRefreshTokenExpires(t *testing.T) {
	e := newEnv(t, func(c *api.Config) { c.RefreshTTL = time.Hour })
	o := e.register("品牌")
	e.now.Advance(time.Hour + time.Second)
	wantErr(t, e.do("POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": o.Refresh}), 401, "unauthorized")
}

func TestAccessTokenExpires(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	e.now.Advance(14 * time.Minute)
	e.must(200, "GET", "/api/v1/me", o.Token, nil)
	e.now.Advance(2 * time.Minute)
	wantErr(t, e.do("GET", "/api/v1/me", o.Token, nil), 401, "unauthorized")
	// The refresh token still gives a new access token.
	s := sessionOf(e.must(200, "POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": o.Refresh}), o.Email)
	e.must(200, "GET", "/api/v1/me", s.Token, nil)
}

func TestLogout(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	s1 := sessionOf(e.must(200, "POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": o.Refresh}), o.Email)
	other := sessionOf(e.must(200, "POST", "/api/v1/auth/login", "", map[string]any{"email": o.Email, "password": pw}), o.Email)
	r := e.must(204, "POST", "/api/v1/auth/logout", "", map[string]any{"refresh_token": s1.Refresh})
	if len(r.Body) != 0 {
		t.Fatalf("204 with body %s", r.Body)
	}
	wantErr(t, e.do("POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": s1.Refresh}), 401, "unauthorized")
	e.must(200, "POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": other.Refresh})
	e.must(204, "POST", "/api/v1/auth/logout", "", map[string]any{"refresh_token": "hbr_never_issued"})
	e.must(204, "POST", "/api/v1/auth/logout", "", map[string]any{"refresh_token": s1.Refresh}) // twice is fine
	wantField(t, e.do("POST", "/api/v1/auth/logout", "", map[string]any{"refresh_token": ""}), "refresh_token")
}

// jwtEnv is an env with a known signing secret, so tests can forge tokens.
const jwtSecret = "test-secret-test-secret-test-secret-0123"

func TestJWTNegativeOverHTTP(t *testing.T) {
	e := newEnv(t, func(c *api.Config) { c.JWTSecret = jwtSecret })
	o := e.register("品牌")
	victim := e.register("别家")
	now := e.now.Now()
	claims := func(edit func(jwt.MapClaims)) jwt.MapClaims {
		c := jwt.MapClaims{"iss": "huoban", "aud": []string{"huoban-api"}, "sub": strconv.FormatInt(o.UserID, 10),
			"iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix()}
		if edit != nil {
			edit(c)
		}
		return c
	}
	sign := func(m jwt.SigningMethod, key any, c jwt.MapClaims) string {
		s, err := jwt.NewWithClaims(m, c).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	// A hand-made token with the right everything works, so each case below fails for its one defect.
	valid := sign(jwt.SigningMethodHS256, []byte(jwtSecret), claims(nil))
	if m := e.must(200, "GET", "/api/v1/me", valid, nil).JSON(); jnum(m, "id") != o.UserID {
		t.Fatalf("forged-valid token is someone else: %v", m)
	}
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 1024)
	parts := strings.Split(valid, ".")
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(string(payload),
		`"sub":"`+strconv.FormatInt(o.UserID, 10)+`"`, `"sub":"`+strconv.FormatInt(victim.UserID, 10)+`"`, 1))) + "." + parts[2]
	if tampered == valid {
		t.Fatal("tampering did nothing")
	}
	cases := map[string]string{
		"alg none":         sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, claims(nil)),
		"HS384":            sign(jwt.SigningMethodHS384, []byte(jwtSecret), claims(nil)),
		"HS512":            sign(jwt.SigningMethodHS512, []byte(jwtSecret), claims(nil)),
		"RS256":            sign(jwt.SigningMethodRS256, rsaKey, claims(nil)),
		"expired":          sign(jwt.SigningMethodHS256, []byte(jwtSecret), claims(func(c jwt.MapClaims) { c["exp"] = now.Add(-time.Minute).Unix() })),
		"missing exp":      sign(jwt.SigningMethodHS256, []byte(jwtSecret), claims(func(c jwt.MapClaims) { delete(c, "exp") })),
		"missing iss":      sign(jwt.SigningMethodHS256, []byte(jwtSecret), claims(func(c jwt.MapClaims) { delete(c, "iss") })),
		"wrong iss":        sign(jwt.SigningMethodHS256, []byte(jwtSecret), claims(func(c jwt.MapClaims) { c["iss"] = "evil" })),
		"missing aud":      sign(jwt.SigningMethodHS256, []byte(jwtSecret), claims(func(c jwt.MapClaims) { delete(c, "aud") })),
		"wrong aud":        sign(jwt.SigningMethodHS256, []byte(jwtSecret), claims(func(c jwt.MapClaims) { c["aud"] = "other" })),
		"unknown user":     sign(jwt.SigningMethodHS256, []byte(jwtSecret), claims(func(c jwt.MapClaims) { c["sub"] = "99999" })),
		"wrong key":        sign(jwt.SigningMethodHS256, []byte("another-secret-another-secret-000"), claims(nil)),
		"tampered payload": tampered,
		"truncated":        valid[:len(valid)-5],
		"oversized":        valid + strings.Repeat("A", 4200),
	}
	for name, tok := range cases {
		t.Run(name, func(t *testing.T) {
			r := e.do("GET", "/api/v1/me", tok, nil)
			wantErr(t, r, 401, "unauthorized")
			if strings.Contains(string(r.Body), victim.Email) {
				t.Fatal("leaks the victim")
			}
		})
	}
	// An Authorization header over 4 KiB of any shape is refused before parsing.
	for _, h := range []string{"Bearer " + strings.Repeat("a", 5000), "Bearer hb_" + strings.Repeat("a", 5000), strings.Repeat("B", 5000)} {
		wantErr(t, e.raw(rawReq{method: "GET", path: "/api/v1/me", header: map[string]string{"Authorization": h}}), 401, "unauthorized")
	}
	for _, h := range []string{"Bearer", "Bearer ", "Token " + valid, valid} {
		wantErr(t, e.raw(rawReq{method: "GET", path: "/api/v1/me", header: map[string]string{"Authorization": h}}), 401, "unauthorized")
	}
	// The scheme is case-insensitive.
	if r := e.raw(rawReq{method: "GET", path: "/api/v1/me", header: map[string]string{"Authorization": "bearer " + valid}}); r.Status != 200 {
		t.Fatalf("lower-case scheme: %d", r.Status)
	}
}

// TestGeneratedSecretSurvivesRestart: without a configured secret, a key file
// is made on first start and read again, so tokens stay valid for a new
// server with the same key file.
func TestGeneratedSecretSurvivesRestart(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	srv2, err := api.NewServer(api.Config{BcryptCost: 4, Now: e.now.Now, Quiet: true, JWTKeyFile: e.keyFile}, e.db)
	if err != nil {
		t.Fatal(err)
	}
	e2 := &env{t: t, srv: srv2, db: e.db, now: e.now}
	e2.must(200, "GET", "/api/v1/me", o.Token, nil)
	if _, err := api.NewServer(api.Config{JWTSecret: "short"}, e.db); err == nil {
		t.Fatal("a short configured secret is accepted")
	}
}

func TestAcceptInvite(t *testing.T) {
	e := newEnv(t)
	o := e.register("品牌")
	inv := e.must(201, "POST", "/api/v1/team/invites", o.Token, map[string]any{"role": "manager"}).JSON()
	code := inv["code"].(string)
	exp, err := time.Parse(time.RFC3339, inv["expires_at"].(string))
	if err != nil || !exp.Equal(e.now.Now().Add(7*24*time.Hour)) || inv["role"] != "manager" {
		t.Fatalf("invite %v", inv)
	}
	body := func(code, email string) map[string]any {
		return map[string]any{"code": code, "name": "新同事", "email": email, "password": pw}
	}
	// Typed codes are forgiving: lower case and spaces.
	r := e.must(201, "POST", "/api/v1/auth/accept-invite", "", body(" "+strings.ToLower(code)+" ", "m@example.com"))
	u := r.JSON()["user"].(map[string]any)
	if u["role"] != "manager" || jnum(u, "brand_id") != o.BrandID {
		t.Fatalf("user %v", u)
	}
	// Single use.
	wantField(t, e.do("POST", "/api/v1/auth/accept-invite", "", body(code, "m2@example.com")), "code")
	// Unknown code.
	wantField(t, e.do("POST", "/api/v1/auth/accept-invite", "", body("AAAA-BBBB-CCCC", "m3@example.com")), "code")
	wantField(t, e.do("POST", "/api/v1/auth/accept-invite", "", body("", "m3@example.com")), "code")

	// Expiry: valid just before 7 days, refused after.
	c1 := e.must(201, "POST", "/api/v1/team/invites", o.Token, map[string]any{"role": "analyst"}).JSON()["code"].(string)
	c2 := e.must(201, "POST", "/api/v1/team/invites", o.Token, map[string]any{"role": "analyst"}).JSON()["code"].(string)
	e.now.Advance(7*24*time.Hour - time.Minute)
	e.must(201, "POST", "/api/v1/auth/accept-invite", "", body(c1, "a1@example.com"))
	e.now.Advance(2 * time.Minute)
	wantField(t, e.do("POST", "/api/v1/auth/accept-invite", "", body(c2, "a2@example.com")), "code")

	o = sessionOf(e.must(200, "POST", "/api/v1/auth/login", "", map[string]any{"email": o.Email, "password": pw}), o.Email)
	// Email-bound invite.
	c3 := e.must(201, "POST", "/api/v1/team/invites", o.Token, map[string]any{"role": "analyst", "email": "Bound@Example.com"}).JSON()["code"].(string)
	wantField(t, e.do("POST", "/api/v1/auth/accept-invite", "", body(c3, "someone.else@example.com")), "email")
	e.must(201, "POST", "/api/v1/auth/accept-invite", "", body(c3, "BOUND@example.com"))

	// An email already registered: conflict, and the invite stays usable.
	c4 := e.must(201, "POST", "/api/v1/team/invites", o.Token, map[string]any{"role": "analyst"}).JSON()["code"].(string)
	wantErr(t, e.do("POST", "/api/v1/auth/accept-invite", "", body(c4, o.Email)), 409, "conflict")
	for _, b := range []map[string]any{
		{"code": c4, "name": "", "email": "n@example.com", "password": pw},
		{"code": c4, "name": "n", "email": "bad", "password": pw},
		{"code": c4, "name": "n", "email": "n@example.com", "password": "short"},
	} {
		if r := e.do("POST", "/api/v1/auth/accept-invite", "", b); r.Status != 422 {
			t.Fatalf("%v: %d %s", b, r.Status, r.Body)
		}
	}
	e.must(201, "POST", "/api/v1/auth/accept-invite", "", body(c4, "late@example.com"))

	// Invite roles: manager or analyst only.
	for _, role := range []any{"owner", "buyer", "admin", "", nil, 1} {
		wantField(t, e.do("POST", "/api/v1/team/invites", o.Token, map[string]any{"role": role}), "role")
	}
	wantField(t, e.do("POST", "/api/v1/team/invites", o.Token, map[string]any{"role": "analyst", "email": "nope"}), "email")
}

func TestRateLimitPerIP(t *testing.T) {
	e := newEnv(t, func(c *api.Config) { c.LoginPerIP = 3 })
	o := e.register("品牌") // attempt 1 from 192.0.2.1
	login := func(remote, xff string) resp {
		return e.raw(rawReq{method: "POST", path: "/api/v1/auth/login", ct: "application/json", remote: remote,
			header: map[string]string{"X-Forwarded-For": xff, "X-Real-IP": xff},
			body:   strings.NewReader(`{"email":"` + o.Email + `","password":"wrong password"}`)})
	}
	wantErr(t, login("192.0.2.1:1", ""), 401, "unauthorized")
	wantErr(t, login("192.0.2.1:2", ""), 401, "unauthorized")
	r := login("192.0.2.1:3", "")
	wantErr(t, r, 429, "rate_limited")
	if ra, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || ra < 1 || ra > 60 {
		t.Fatalf("Retry-After %q", r.Header.Get("Retry-After"))
	}
	// X-Forwarded-For is not believed from an untrusted peer.
	for i := 0; i < 3; i++ {
		wantErr(t, login("192.0.2.1:9", "203.0.113."+strconv.Itoa(i+10)), 429, "rate_limited")
	}
	// The limit covers register and accept-invite too, even with a correct body.
	wantErr(t, e.do("POST", "/api/v1/auth/register", "", map[string]any{"brand_name": "b", "name": "n", "email": "r@example.com", "password": pw}), 429, "rate_limited")
	wantErr(t, e.do("POST", "/api/v1/auth/accept-invite", "", map[string]any{"code": "AAAA", "name": "n", "email": "r@example.com", "password": pw}), 429, "rate_limited")
	wantErr(t, e.do("POST", "/api/v1/auth/login", "", map[string]any{"email": o.Email, "password": pw}), 429, "rate_limited")
	// Another client address has its own allowance.
	wantErr(t, login("198.51.100.7:1", ""), 401, "unauthorized")
	// The window passes.
	e.now.Advance(time.Minute + time.Second)
	e.must(200, "POST", "/api/v1/auth/login", "", map[string]any{"email": o.Email, "password": pw})
}

// TestRateLimitPerAccount: wrong passwords from one address block that
// address for the account (in any case of the email), not the account; the
// window passes. The owner elsewhere: api/sec_lockout_test.go.
func TestRateLimitPerAccount(t *testing.T) {
	e := newEnv(t, func(c *api.Config) { c.LoginPerAccount = 3 })
	o := e.register("品牌")
	other := e.register("别家")
	login := func(email, password string) resp {
		return e.raw(rawReq{method: "POST", path: "/api/v1/auth/login", ct: "application/json", remote: "198.51.100.1:1",
			body: strings.NewReader(`{"email":"` + email + `","password":"` + password + `"}`)})
	}
	for i := 0; i < 3; i++ {
		if r := login(o.Email, "wrong password"); r.Status != 401 {
			t.Fatalf("attempt %d: %d", i+1, r.Status)
		}
	}
	// The same address, even with the right password, in another case.
	r := login(strings.ToUpper(o.Email), pw)
	wantErr(t, r, 429, "rate_limited")
	if r.Header.Get("Retry-After") == "" {
		t.Fatal("no Retry-After")
	}
	// Other accounts are not affected.
	e.must(200, "POST", "/api/v1/auth/login", "", map[string]any{"email": other.Email, "password": pw})
	e.now.Advance(15*time.Minute + time.Second)
	if r := login(o.Email, pw); r.Status != 200 {
		t.Fatalf("after the window: %d %s", r.Status, r.Body)
	}
}

// TestTrustedProxyForwardedFor: only a configured proxy's X-Forwarded-For names the client.
func TestTrustedProxyForwardedFor(t *testing.T) {
	e := newEnv(t, func(c *api.Config) { c.LoginPerIP = 2; c.TrustedProxies = []string{"192.0.2.0/24"} })
	for i := 0; i < 5; i++ {
		r := e.raw(rawReq{method: "POST", path: "/api/v1/auth/login", ct: "application/json", remote: "192.0.2.1:1",
			header: map[string]string{"X-Forwarded-For": "203.0.113." + strconv.Itoa(i+1)},
			body:   strings.NewReader(`{"email":"x@example.com","password":"wrong password"}`)})
		wantErr(t, r, 401, "unauthorized")
	}
	for i := 0; i < 3; i++ {
		r := e.raw(rawReq{method: "POST", path: "/api/v1/auth/login", ct: "application/json", remote: "192.0.2.1:1",
			header: map[string]string{"X-Forwarded-For": "203.0.113.200"},
			body:   strings.NewReader(`{"email":"x@example.com","password":"wrong password"}`)})
		if i == 2 {
			wantErr(t, r, 429, "rate_limited")
		}
	}
}
