// Command floor serves fixed bytes per path with plain net/http: the floor
// against which Huoban's read endpoints are measured (same bytes, no work).
//
//	floor -addr 127.0.0.1:18081 -manifest manifest.tsv
//
// Each manifest line is "PATH<TAB>FILE": a request path (with query) and the
// file whose bytes are answered for it.
package main

import (
	"bufio"
	"flag"
	"log"
	"net/http"
	"os"
	"strings"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18081", "listen address")
	manifest := flag.String("manifest", "manifest.tsv", "PATH<TAB>FILE lines")
	flag.Parse()
	bodies, err := load(*manifest)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("floor: %d paths on %s", len(bodies), *addr)
	log.Fatal(http.ListenAndServe(*addr, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, ok := bodies[r.URL.RequestURI()]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(b)
	})))
}

func load(path string) (map[string][]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string][]byte{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p, file, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		out[p] = b
	}
	return out, sc.Err()
}
