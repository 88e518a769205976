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
//	huoban rotate-secret    add a new JWT signing key; the previous one verifies for the access-token lifetime
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
	case "rotate-secret":
		return rotateSecretCmd()
	case "version", "--version", "-v":
		fmt.Println("huoban", version)
		return nil
	case "help", "--help", "-h":
		fmt.Println("usage: huoban [serve | seed --demo | seed --buyers N --collaborations M --owner-email E --owner-password P | healthcheck | backup PATH | restore PATH | rotate-secret | version]")
		return nil
	}
	return fmt.Errorf("unknown command %q (try: serve, seed, backup, restore, rotate-secret, version)", cmd)
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
	maxConns := cfg.MaxConnections
	if maxConns == 0 {
		maxConns = -1 // HUOBAN_MAX_CONNECTIONS=0: no cap
	}
	srv, err := api.NewServer(api.Config{JWTSecret: cfg.JWTSecret, JWTPreviousSecret: cfg.JWTPreviousSecret, JWTKeyFile: cfg.JWTKeyFile,
		HSTS: cfg.HSTS, TrustedProxies: cfg.TrustedProxies, CORSOrigins: cfg.CORSOrigins,
		Log: log, Quiet: !cfg.LogRequests, NoResponseCache: !cfg.ResponseCache,
		Conn: api.ConnLimits{MaxConnections: maxConns}, MaintenanceInterval: cfg.MaintenanceInterval,
		WebhookAllowPrivate: cfg.WebhookAllowPrivate}, d)
	if err != nil {
		return err
	}
	ln, err := listen(cfg.Addr)
	if err != nil {
		return err
	}
	if cfg.WebhookAllowPrivate {
		log.Warn("HUOBAN_WEBHOOK_ALLOW_PRIVATE=true: webhooks may reach loopback and private addresses")
	}
	log.Info("huoban listening", "addr", "http://"+cfg.Addr, "database", redactDatabase(cfg.Database), "version", version)
	if err := srv.Serve(ctx, ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("huoban stopped")
	return nil
}

// listen takes the address before anything says the server is listening,
// and says once, plainly, when another program already has it.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("the address %s is already in use (another huoban, or another program, is listening there); "+
			"stop it, or pick another address with HUOBAN_ADDR, e.g. HUOBAN_ADDR=127.0.0.1:8081", addr)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot listen on %s (set HUOBAN_ADDR to another address): %w", addr, err)
	}
	return ln, nil
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
	demo := fs.Bool("demo", false, "add a demo brand (owner demo@huoban.local) with 20 buyers and half a year of history")
	resetPassword := fs.Bool("reset-password", false, "with --demo: set a new password for the demo owner and print it")
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
	clock := &seed.Clock{} // the real time, except while the demo dates its history
	st := store.New(d, clock.Now)
	if *demo && *resetPassword {
		pw, err := seed.ResetDemoPassword(ctx, st)
		if err != nil {
			return err
		}
		fmt.Printf("demo brand: new password set; sign in as %s / %s (every earlier session is signed out)\n", seed.DemoEmail, pw)
		return nil
	}
	if *demo {
		res, err := seed.DemoAt(ctx, st, clock)
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
