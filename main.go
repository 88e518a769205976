// Command huoban runs the Huoban buyer-partnership CRM: the JSON API and the
// web app on one port, over SQLite by default or PostgreSQL when
// HUOBAN_DATABASE is a postgres:// URL.
//
//	huoban [serve]          start the server
//	huoban seed --demo      add a demo brand with buyers
//	huoban healthcheck      exit 0 when the running server is healthy
//	huoban version          print the version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"huoban/api"
	"huoban/db"
	"huoban/seed"
	"huoban/store"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "huoban:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(args)
	case "seed":
		return seedCmd(args)
	case "healthcheck":
		return healthcheck()
	case "version", "--version", "-v":
		fmt.Println("huoban", version)
		return nil
	case "help", "--help", "-h":
		fmt.Println("usage: huoban [serve | seed --demo | healthcheck | version]")
		return nil
	}
	return fmt.Errorf("unknown command %q (try: serve, seed, version)", cmd)
}

func newLogger(format string) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, nil))
}

func serve(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	log := newLogger(cfg.LogFormat)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	d, err := db.Open(ctx, cfg.Database, db.Options{})
	if err != nil {
		return err
	}
	defer d.Close()
	go d.RunCheckpointer(ctx, 30*time.Second)
	srv, err := api.NewServer(api.Config{JWTSecret: cfg.JWTSecret, TrustedProxies: cfg.TrustedProxies, Log: log}, d)
	if err != nil {
		return err
	}
	go srv.RunMaintenance(ctx, time.Minute)
	log.Info("huoban listening", "addr", "http://"+cfg.Addr, "database", redactDatabase(cfg.Database), "version", version)
	if err := srv.Run(ctx, cfg.Addr); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("huoban stopped")
	return nil
}

// healthcheck asks the running server's /healthz (for container health checks).
func healthcheck() error {
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	host, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return err
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	client := &http.Client{Timeout: 3 * time.Second}
	res, err := client.Get("http://" + net.JoinHostPort(host, port) + "/healthz")
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("healthz answered %s", res.Status)
	}
	return nil
}

func seedCmd(args []string) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	demo := fs.Bool("demo", false, "add a demo brand (owner demo@huoban.local / huoban-demo) with about 20 buyers")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !*demo {
		return fmt.Errorf("nothing to seed: pass --demo")
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	ctx := context.Background()
	d, err := db.Open(ctx, cfg.Database, db.Options{})
	if err != nil {
		return err
	}
	defer d.Close()
	res, err := seed.Demo(ctx, store.New(d, nil))
	if err != nil {
		return err
	}
	fmt.Printf("demo brand %q: %d buyers; sign in as %s / %s\n", res.Brand, res.Buyers, res.Email, res.Password)
	return nil
}
