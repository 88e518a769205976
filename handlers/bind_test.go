package handlers

import (
	"errors"
	"testing"

	"huoban/models"
)

func TestDecodeStrict(t *testing.T) {
	type inner struct {
		A string `json:"a"`
		N int64  `json:"n"`
	}
	cases := []struct {
		name      string
		body      string
		badReq    bool
		badFields []string
	}{
		{"ok", `{"a":"x","n":1}`, false, nil},
		{"empty object", `{}`, false, nil},
		{"whitespace after", "{\"a\":\"x\"}\n ", false, nil},
		{"malformed", `{"a":`, true, nil},
		{"not an object", `[1,2]`, true, nil},
		{"null", `null`, true, nil},
		{"string", `"x"`, true, nil},
		{"empty body", ``, true, nil},
		{"trailing object", `{"a":"x"}{"a":"y"}`, true, nil},
		{"trailing garbage", `{"a":"x"} x`, true, nil},
		{"unknown field", `{"a":"x","b":1}`, false, []string{"b"}},
		{"wrong type", `{"a":1,"n":"x"}`, false, []string{"a", "n"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var dst inner
			err := decodeStrict([]byte(tc.body), &dst)
			if tc.badReq != errors.Is(err, models.ErrBadRequest) {
				t.Fatalf("err = %v, want bad request %v", err, tc.badReq)
			}
			var ve *models.ValidationError
			if len(tc.badFields) == 0 {
				if errors.As(err, &ve) {
					t.Fatalf("unexpected validation error %v", ve.Fields)
				}
				return
			}
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want a validation error", err)
			}
			for _, f := range tc.badFields {
				if ve.Fields[f] == "" {
					t.Errorf("fields %v lack %q", ve.Fields, f)
				}
			}
		})
	}
}

func TestCleanList(t *testing.T) {
	ve := &models.ValidationError{}
	got := cleanList(ve, "c", []string{" 拼豆 ", "露营", "拼豆", "", "  "}, 20)
	if len(got) != 2 || got[0] != "拼豆" || got[1] != "露营" || ve.Err() != nil {
		t.Fatalf("cleanList = %v, %v", got, ve.Err())
	}
	many := make([]string, 21)
	for i := range many {
		many[i] = string(rune('a' + i))
	}
	cleanList(ve, "c", many, 20)
	if ve.Fields["c"] == "" {
		t.Fatal("21 items accepted")
	}
}

func TestDecodeStrictRefusesNUL(t *testing.T) {
	var dst struct {
		Name string   `json:"name"`
		Tags []string `json:"tags"`
	}
	for _, body := range []string{`{"name":"a\u0000b"}`, `{"tags":["x","\u0000"]}`} {
		err := decodeStrict([]byte(body), &dst)
		var ve *models.ValidationError
		if !errors.As(err, &ve) || len(ve.Fields) != 1 {
			t.Fatalf("%s: %v", body, err)
		}
	}
	if err := decodeStrict([]byte(`{"name":"a\\u0000b"}`), &dst); err != nil || dst.Name != `a\u0000b` {
		t.Fatalf("an escaped backslash is plain text: %v %q", err, dst.Name)
	}
}
