package auth

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// TestRotationKeepsSessions: a token signed before `huoban rotate-secret`
// verifies after it until the overlap ends; new tokens name the new key;
// a kid the set does not know is refused; HS256 stays pinned.
func TestRotationKeepsSessions(t *testing.T) {
	now := testNow
	clock := func() time.Time { return now }
	path := filepath.Join(t.TempDir(), "jwt.key")
	first := &KeySet{Keys: []Key{NewKey(RandomSecret(32))}}
	if err := WriteKeyFile(path, first); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, %v", st.Mode(), err)
	}
	ks, err := ReadKeyFile(path)
	if err != nil {
		t.Fatal(err)
	}
	iss := NewTokenIssuer(ks, clock)
	old, _ := iss.Issue(7, 0)
	tok, _, _ := jwt.NewParser().ParseUnverified(old, jwt.MapClaims{})
	if tok.Header["kid"] != first.Current().ID || tok.Header["alg"] != "HS256" {
		t.Fatalf("header %v", tok.Header)
	}

	newID, err := RotateKeyFile(path, now)
	if err != nil || newID == first.Current().ID {
		t.Fatalf("rotate: %q %v", newID, err)
	}
	ks, _ = ReadKeyFile(path)
	iss.SetKeys(ks)
	if id, _, err := iss.Verify(old); err != nil || id != 7 {
		t.Fatalf("a token of the previous key after rotating: %v", err)
	}
	fresh, _ := iss.Issue(8, 0)
	tok, _, _ = jwt.NewParser().ParseUnverified(fresh, jwt.MapClaims{})
	if tok.Header["kid"] != newID {
		t.Fatalf("new token kid %v, want %s", tok.Header["kid"], newID)
	}
	// A token whose kid names no key, signed with a known secret, is refused.
	forged := jwt.NewWithClaims(jwt.SigningMethodHS256, claims())
	forged.Header["kid"] = "0000000000000000"
	s, _ := forged.SignedString(ks.Current().Secret)
	if _, _, err := iss.Verify(s); err == nil {
		t.Fatal("an unknown kid verified")
	}
	// After the overlap the previous key is gone; a second rotation drops it from the file.
	now = now.Add(RotationOverlap + time.Second)
	if _, _, err := iss.Verify(old); err == nil {
		t.Fatal("the previous key still verifies after the overlap")
	}
	if _, err := RotateKeyFile(path, now); err != nil {
		t.Fatal(err)
	}
	ks, _ = ReadKeyFile(path)
	if len(ks.Keys) != 2 || ks.Keys[1].ID != newID {
		t.Fatalf("keys after the second rotation: %d", len(ks.Keys))
	}
}

func TestKeyFileAndSecrets(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadKeyFile(filepath.Join(dir, "none")); err != ErrNoKeyFile {
		t.Fatalf("missing file: %v", err)
	}
	bad := filepath.Join(dir, "bad")
	_ = os.WriteFile(bad, []byte("short\n"), 0o600)
	if _, err := ReadKeyFile(bad); err == nil {
		t.Fatal("a short secret was accepted")
	}
	if _, err := KeysFromSecrets("short", ""); err == nil {
		t.Fatal("a short HUOBAN_JWT_SECRET was accepted")
	}
	ks, err := KeysFromSecrets(strings.Repeat("a", 32), strings.Repeat("b", 32))
	if err != nil || len(ks.Keys) != 2 {
		t.Fatalf("%v %v", ks, err)
	}
	// A token of the previous environment secret verifies.
	prev := NewTokenIssuer(&KeySet{Keys: []Key{NewKey(strings.Repeat("b", 32))}}, func() time.Time { return testNow })
	tok, _ := prev.Issue(3, 0)
	if id, _, err := NewTokenIssuer(ks, func() time.Time { return testNow }).Verify(tok); err != nil || id != 3 {
		t.Fatalf("previous secret: %v", err)
	}
}
