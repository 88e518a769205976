package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
)

// FuzzVerify feeds arbitrary strings to the access token verifier.
// Properties: no panic; a token it accepts is an HS256 JWT whose signature
// really is the HMAC of its first two parts under the secret, with a
// positive subject and an expiry; so no forgery, "none" algorithm or key
// confusion gets through however the input is mangled.
func FuzzVerify(f *testing.F) {
	iss := testIssuer()
	valid, err := iss.Issue(7, 0)
	if err != nil {
		f.Fatal(err)
	}
	parts := strings.Split(valid, ".")
	h, p, s := parts[0], parts[1], parts[2]
	for _, seed := range []string{valid, valid + "=", h + "." + p + ".", "eyJhbGciOiJub25lIn0." + p + ".",
		h + "." + p + "." + strings.Repeat("A", len(s)), strings.ToUpper(valid), valid[:len(valid)-1],
		"a.b.c", "..", strings.Repeat(".", 100), strings.Repeat("e", MaxTokenLen+1)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, token string) {
		id, _, err := iss.Verify(token)
		if err != nil {
			if id != 0 {
				t.Fatalf("refused %q but returned id %d", token, id)
			}
			return
		}
		parts := strings.Split(token, ".")
		if len(parts) != 3 || id <= 0 {
			t.Fatalf("accepted %q as user %d", token, id)
		}
		mac := hmac.New(sha256.New, testSecret)
		mac.Write([]byte(parts[0] + "." + parts[1]))
		sig, err := base64.RawURLEncoding.DecodeString(parts[2])
		if err != nil || !hmac.Equal(sig, mac.Sum(nil)) {
			t.Fatalf("accepted %q without a valid HS256 signature", token)
		}
		hdr, _ := base64.RawURLEncoding.DecodeString(parts[0])
		var head struct {
			Alg string `json:"alg"`
		}
		if json.Unmarshal(hdr, &head) != nil || head.Alg != "HS256" {
			t.Fatalf("accepted %q with header %s", token, hdr)
		}
	})
}
