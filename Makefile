# Huoban — the two commands in the README are `make run` and `make test`.
# Everything else here is what those two stand on.

SHELL := /bin/bash
GO    ?= go
# The Go release everything is built and tested with, fetched by the go command
# through the module proxy when the machine's own Go is older (go1.27.3 carries
# the net/http, crypto/tls and crypto/x509 fixes govulncheck found missing in
# go1.26.8). Scripts run on their own set it too (scripts/toolchain.sh).
export GOTOOLCHAIN := go1.27.3
BIN   := bin/huoban
FRONT := frontend
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)

.PHONY: run build web web-deps test test-go test-postgres test-web test-e2e screenshots lint bench bench-load bench-single clean

## run: build the web app and the binary, then serve API + web app on http://127.0.0.1:8080
run: build
	./$(BIN) serve

## build: the single binary with the web app embedded
build: web
	$(GO) build -trimpath -ldflags "-s -w -X main.version=$(VERSION)" -o $(BIN) .

## web: build the Vue app into frontend/dist (skipped when there is no app yet)
web: web-deps
	@if [ -f $(FRONT)/package.json ]; then cd $(FRONT) && npm run build; fi

web-deps:
	@if [ -f $(FRONT)/package.json ]; then \
		if [ ! -d $(FRONT)/node_modules ] || [ $(FRONT)/package-lock.json -nt $(FRONT)/node_modules/.package-lock.json ]; then \
			cd $(FRONT) && npm ci --no-audit --no-fund; \
		fi; \
	fi

## test: every test — Go (race detector), web unit tests, end-to-end in headless Chromium
test: lint test-go test-web test-e2e
	@echo "==> make test: every stage passed"

lint:
	@echo "==> [1/4] gofmt and go vet"
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './frontend/node_modules/*')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...

test-go:
	@echo "==> [2/4] Go tests with the race detector (a few minutes; one line per package)"
	$(GO) test -race -count=1 ./...

## test-postgres: the Go tests again on a throwaway PostgreSQL server (installed from Debian's packages when root)
test-postgres:
	scripts/with-postgres.sh $(GO) test -count=1 ./...

test-web: web-deps
	@echo "==> [3/4] web unit tests (Vitest)"
	@if [ -f $(FRONT)/package.json ]; then cd $(FRONT) && npm run test:unit; fi

test-e2e: build
	@echo "==> [4/4] end-to-end tests in headless Chromium"
	@if [ -f $(FRONT)/package.json ]; then \
		scripts/ensure-chromium.sh && cd $(FRONT) && HUOBAN_BIN=$(CURDIR)/$(BIN) npm run test:e2e; \
	fi

## screenshots: run the end-to-end tests and keep their screenshots in docs/screenshots
screenshots: build
	scripts/ensure-chromium.sh && cd $(FRONT) && HUOBAN_BIN=$(CURDIR)/$(BIN) HUOBAN_SCREENSHOTS=$(CURDIR)/docs/screenshots npm run test:e2e

## bench: Go micro-benchmarks of the hot paths
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## bench-load: seed 10k buyers / 1M collaborations, load the real server with the mixed traffic
## (wrk; SQLite cache on/off, PostgreSQL; minutes). Quick: BENCH_COLLABS=100000 DURATION=5s make bench-load
bench-load:
	scripts/bench-load.sh

## bench-single: the older single-URL load run (each endpoint alone, against a plain net/http floor)
bench-single:
	scripts/bench-single.sh

clean:
	rm -rf bin $(FRONT)/node_modules
