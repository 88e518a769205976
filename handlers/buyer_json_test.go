package handlers

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"huoban/models"
)

// tricky are strings encoding/json escapes in every way it does.
var tricky = []string{"", "露营", `引"号`, `back\slash`, "<b>&amp;</b>", "line\nbreak\ttab\r", "\x00\x01\x1f\x7f",
	"\b\f", "\u2028\u2029", "bad \xff utf8 \xc3", "😀 emoji", "é"}

// fill sets every field of v (a pointer) to a random value, reaching into
// nested structs, slices and pointers, so a field added to a response type
// is covered without touching this test.
func fill(rng *rand.Rand, v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if rng.IntN(4) == 0 {
			v.SetZero()
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		fill(rng, v.Elem())
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Unix(rng.Int64N(4e9), rng.Int64N(1e9)).UTC()))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(rng, v.Field(i))
			}
		}
	case reflect.Slice:
		if rng.IntN(5) == 0 {
			v.SetZero()
			return
		}
		n := rng.IntN(4)
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			fill(rng, s.Index(i))
		}
		v.Set(s)
	case reflect.String:
		if v.Type() == reflect.TypeFor[models.Date]() {
			if rng.IntN(3) == 0 {
				v.SetString("")
			} else {
				v.SetString(time.Unix(rng.Int64N(4e9), 0).UTC().Format(time.DateOnly))
			}
			return
		}
		v.SetString(tricky[rng.IntN(len(tricky))] + tricky[rng.IntN(len(tricky))])
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(rng.Int64N(1<<40) - 1<<39)
	default:
		panic("fill: add a case for " + v.Kind().String())
	}
}

// sameAsEncodingJSON checks appendItem and appendList against
// encoding/json on random lists of T.
func sameAsEncodingJSON[T any](t *testing.T, appendItem func([]byte, *T) []byte) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		var l List[T]
		fill(rng, reflect.ValueOf(&l).Elem())
		want, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendList(nil, &l, appendItem); !bytes.Equal(got, want) {
			t.Fatalf("case %d:\nhand:          %s\nencoding/json: %s", i, got, want)
		}
		for j := range l.Items {
			want, _ := json.Marshal(l.Items[j])
			if got := appendItem(nil, &l.Items[j]); !bytes.Equal(got, want) {
				t.Fatalf("case %d item %d:\nhand:          %s\nencoding/json: %s", i, j, got, want)
			}
		}
	}
}

func TestBuyerJSONIsEncodingJSON(t *testing.T) { sameAsEncodingJSON(t, appendBuyer) }

func TestCollaborationJSONIsEncodingJSON(t *testing.T) { sameAsEncodingJSON(t, appendCollaboration) }

func FuzzAppendString(f *testing.F) {
	for _, s := range tricky {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("%q:\nhand:          %s\nencoding/json: %s", s, got, want)
		}
	})
}
