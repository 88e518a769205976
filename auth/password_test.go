package auth

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

func TestHasher(t *testing.T) {
	h := NewHasher(4)
	hash, err := h.Hash("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !h.Check(hash, "correct horse") || h.Check(hash, "wrong horse") {
		t.Fatal("Check does not tell passwords apart")
	}
	// Long passwords are pre-hashed, so two that share the first 72 bytes differ.
	long := strings.Repeat("密", 30)
	lh, _ := h.Hash(long + "a")
	if h.Check(lh, long+"b") {
		t.Fatal("passwords sharing their first 72 bytes compare equal")
	}
}

// The dummy comparison for unknown emails must cost what a real one costs:
// a dummy hash of the same bcrypt cost, and always false.
func TestCheckMissingCostsAComparison(t *testing.T) {
	for _, cost := range []int{4, 6} {
		h := NewHasher(cost)
		got, err := bcrypt.Cost(h.dummyHash)
		if err != nil || got != cost {
			t.Fatalf("dummy hash cost = %d (%v), want %d", got, err, cost)
		}
		if h.CheckMissing("huoban-dummy-password") || h.CheckMissing("anything") {
			t.Fatal("CheckMissing reported a match")
		}
	}
	if NewHasher(0).Cost != PasswordCost {
		t.Fatal("cost 0 does not mean the default")
	}
}

func TestValidatePassword(t *testing.T) {
	cases := map[string]bool{
		"short":                  false,
		"1234567":                false,
		"12345678":               true,
		"八个汉字的密码很好":              true,
		strings.Repeat("x", 128): true,
		strings.Repeat("x", 129): false,
		strings.Repeat("密", 128): true,
		strings.Repeat("密", 129): false,
	}
	for pw, ok := range cases {
		if err := ValidatePassword(pw); (err == nil) != ok {
			t.Errorf("ValidatePassword(%d runes) = %v, want ok=%v", len([]rune(pw)), err, ok)
		}
	}
}

func TestLimiter(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	l := NewLimiter(3, time.Minute, func() time.Time { return now })
	for i := 0; i < 3; i++ {
		if ok, _ := l.Allow("a"); !ok {
			t.Fatalf("attempt %d refused", i+1)
		}
	}
	ok, retry := l.Allow("a")
	if ok || retry <= 0 || retry > time.Minute {
		t.Fatalf("4th attempt: ok=%v retry=%v", ok, retry)
	}
	if ok, _ := l.Allow("b"); !ok {
		t.Fatal("another key is limited too")
	}
	now = now.Add(time.Minute)
	if ok, _ := l.Allow("a"); !ok {
		t.Fatal("still limited after the window")
	}
	l.Reset("a")
	for i := 0; i < 3; i++ {
		if ok, _ := l.Allow("a"); !ok {
			t.Fatal("Reset did not forget attempts")
		}
	}
}

func TestOpaqueTokens(t *testing.T) {
	a, b := RandomToken(APITokenPrefix), RandomToken(APITokenPrefix)
	if a == b || !strings.HasPrefix(a, "hb_") || len(a) < 40 {
		t.Fatalf("tokens %q %q", a, b)
	}
	if HashToken(a) == HashToken(b) || HashToken(a) != HashToken(a) || len(HashToken(a)) != 64 {
		t.Fatal("HashToken is not a stable digest")
	}
	c := RandomCode()
	if NormalizeCode(" "+strings.ToLower(c)+" ") != c {
		t.Fatalf("NormalizeCode(%q) lost the code", c)
	}
}
