package models

import (
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzStringListScan checks that the fast path agrees with encoding/json on
// every input it accepts, and that Scan then fails exactly when encoding/json does.
func FuzzStringListScan(f *testing.F) {
	for _, seed := range []string{`[]`, `["露营"]`, `["露营","国风"]`, `["a,b","c"]`, `["a\"b"]`, `[ "a" ]`,
		`["a",]`, `["a"`, `[,]`, `["<&>"]`, `["\u003c"]`, `[1]`, `null`, `""`, `["a""b"]`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var want []string
		wantErr := json.Unmarshal([]byte(in), &want)
		if fast, ok := parsePlainArray([]byte(in)); ok {
			if wantErr != nil {
				t.Fatalf("%q: fast path accepted %q, encoding/json refused: %v", in, fast, wantErr)
			}
			if want == nil {
				want = []string{}
			}
			if !reflect.DeepEqual(fast, want) {
				t.Fatalf("%q: fast path %q, encoding/json %q", in, fast, want)
			}
		}
		var got StringList
		if err := got.Scan(in); (err != nil) != (wantErr != nil) {
			t.Fatalf("%q: Scan error %v, encoding/json error %v", in, err, wantErr)
		}
	})
}

func TestStringListRoundTrip(t *testing.T) {
	for _, l := range []StringList{{}, {"露营"}, {"美妆/护肤", "a,b", `引"号`, `back\slash`, "<tag>&"}} {
		v, err := l.Value()
		if err != nil {
			t.Fatal(err)
		}
		var got StringList
		if err := got.Scan(v); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, l) {
			t.Errorf("round trip of %q gave %q", l, got)
		}
	}
}
