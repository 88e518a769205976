// Command huoban runs the Huoban buyer-partnership CRM: the JSON API and the
// web app on one port, over SQLite by default or PostgreSQL when
// HUOBAN_DATABASE is a postgres:// URL.
//
//	huoban [serve]          start the server
//	huoban seed --demo      add a demo brand with buyers
//	huoban seed --buyers N --collaborations M --owner-email E --owner-password P
//	                        add a synthetic brand for benchmarks
//	huoban healthcheck      exit 0 when the running server is healthy
//	huoban backup PATH      write a verified online snapshot of the database to PATH
//	huoban restore PATH     replace the (stopped) database with the verified backup at PATH
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
	case "backup":
		return backupCmd(args)
	case "restore":
		return restoreCmd(args)
	case "version", "--version", "-v":
		fmt.Println("huoban", version)
		return nil
	case "help", "--help", "-h":
		fmt.Println("usage: huoban [serve | seed --demo | seed --buyers N --collaborations M --owner-email E --owner-password P | healthcheck | backup PATH | restore PATH | version]")
		return nil
	}
	return fmt.Errorf("unknown command %q (try: serve, seed, backup, restore, version)", cmd)
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
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	d, err := db.Open(ctx, cfg.Database, db.Options{})
	if err != nil {
		return err
	}
	defer d.Close()
	go d.RunCheckpointer(ctx, 30*time.Second)
	if cfg.PprofAddr != "" {
		go servePprof(ctx, cfg.PprofAddr, log)
	}
	srv, err := api.NewServer(api.Config{JWTSecret: cfg.JWTSecret, TrustedProxies: cfg.TrustedProxies, CORSOrigins: cfg.CORSOrigins,
		Log: log, Quiet: !cfg.LogRequests, NoResponseCache: !cfg.ResponseCache,
		WebhookAllowPrivate: cfg.WebhookAllowPrivate}, d)
	if err != nil {
		return err
	}
	if cfg.WebhookAllowPrivate {
		log.Warn("HUOBAN_WEBHOOK_ALLOW_PRIVATE=true: webhooks may reach loopback and private addresses")
	}
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
	buyers := fs.Int("buyers", 0, "synthetic data: number of buyers of a new brand")
	collabs := fs.Int("collaborations", 0, "synthetic data: number of collaborations")
	email := fs.String("owner-email", "", "synthetic data: the new brand owner's email")
	password := fs.String("owner-password", "", "synthetic data: the new brand owner's password (8–128 characters)")
	brand := fs.String("brand", "", "synthetic data: the new brand's name")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !*demo && *buyers == 0 {
		return fmt.Errorf("nothing to seed: pass --demo, or --buyers N --collaborations M --owner-email E --owner-password P")
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
	st := store.New(d, nil)
	if *demo {
		res, err := seed.Demo(ctx, st)
		if err != nil {
			return err
		}
		fmt.Printf("demo brand %q: %d buyers; sign in as %s / %s\n", res.Brand, res.Buyers, res.Email, res.Password)
	}
	if *buyers > 0 {
		start := time.Now()
		res, err := seed.Synthetic(ctx, d, st, seed.SyntheticOptions{Buyers: *buyers, Collaborations: *collabs,
			OwnerEmail: *email, OwnerPassword: *password, BrandName: *brand})
		if err != nil {
			return err
		}
		fmt.Printf("synthetic brand %d: %d buyers, %d collaborations, %d capability snapshots in %s; sign in as %s\n",
			res.BrandID, res.Buyers, res.Collaborations, res.Capabilities, time.Since(start).Round(time.Millisecond), res.OwnerEmail)
	}
	return nil
}

// backupCmd writes a consistent snapshot of the configured database to the
// path given, while the server may keep running, and verifies it.
func backupCmd(args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: huoban backup PATH")
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	snap, err := db.Backup(context.Background(), cfg.Database, args[0])
	if err != nil {
		return err
	}
	fmt.Printf("backup %s: %d bytes, schema %d, integrity ok, %v\n", snap.Path, snap.Bytes, snap.SchemaVersion, snap.Took.Round(time.Millisecond))
	return nil
}

// restoreCmd verifies a backup and puts it in place of the configured
// database; it refuses while a server has the database open.
func restoreCmd(args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: huoban restore PATH (with the server stopped)")
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	replaced, err := db.Restore(context.Background(), args[0], cfg.Database)
	if err != nil {
		return err
	}
	fmt.Printf("restored %s from %s\n", cfg.Database, args[0])
	if replaced != "" {
		fmt.Printf("the previous database was kept as %s\n", replaced)
	}
	return nil
}
