package api

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"huoban/auth"
)

// legacySecretKey is where versions before issue 17 kept the JWT secret: in
// the settings table, so every copy of the database could forge tokens.
const legacySecretKey = "jwt_secret"

// signingKeys decides where the access-token signing keys come from:
//   - HUOBAN_JWT_SECRET (and HUOBAN_JWT_PREVIOUS_SECRET while rotating), which
//     instances on PostgreSQL share;
//   - else the key file (data/jwt.key beside the SQLite file, or
//     HUOBAN_JWT_KEY_FILE), made on first start, 0600. A secret an older
//     version kept in the settings table moves into the file and leaves the
//     database;
//   - else (tests, embedding) a random key for this process only.
//
// A secret left in the settings table is deleted in every case: it is not
// used any more, and a database copy must not carry one.
func (s *Server) signingKeys(ctx context.Context) (*auth.KeySet, error) {
	cfg := s.cfg
	legacy, hasLegacy, err := s.store.LookupSetting(ctx, legacySecretKey)
	if err != nil {
		return nil, fmt.Errorf("jwt secret: %w", err)
	}
	var ks *auth.KeySet
	switch {
	case cfg.JWTSecret != "":
		if ks, err = auth.KeysFromSecrets(cfg.JWTSecret, cfg.JWTPreviousSecret); err != nil {
			return nil, err
		}
	case cfg.JWTKeyFile != "":
		ks, err = auth.ReadKeyFile(cfg.JWTKeyFile)
		if errors.Is(err, auth.ErrNoKeyFile) {
			secret := auth.RandomSecret(32)
			if hasLegacy && len(legacy) >= auth.MinSecretLen {
				secret = legacy // sessions survive the move
			}
			ks = &auth.KeySet{Keys: []auth.Key{auth.NewKey(secret)}}
			if err = auth.WriteKeyFile(cfg.JWTKeyFile, ks); err == nil {
				s.log.Info("made the JWT key file", "path", cfg.JWTKeyFile, "moved_from_database", hasLegacy)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("jwt key file: %w", err)
		}
	default:
		s.log.Warn("no HUOBAN_JWT_SECRET or key file: access tokens end with this process")
		ks = &auth.KeySet{Keys: []auth.Key{auth.NewKey(auth.RandomSecret(32))}}
	}
	if hasLegacy {
		if err := s.store.DeleteSetting(ctx, legacySecretKey); err != nil {
			return nil, fmt.Errorf("jwt secret: removing it from the database: %w", err)
		}
		s.log.Info("removed the JWT secret from the settings table")
	}
	return ks, nil
}

// reloadKeys picks up a rotated key file (huoban rotate-secret) every
// auth.KeyReloadEvery until ctx ends, so running servers sign with the new
// key and keep verifying the old one.
func (s *Server) reloadKeys(ctx context.Context) {
	path := s.cfg.JWTKeyFile
	if path == "" || s.cfg.JWTSecret != "" {
		return
	}
	var seen time.Time
	if st, err := os.Stat(path); err == nil {
		seen = st.ModTime()
	}
	t := time.NewTicker(auth.KeyReloadEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		st, err := os.Stat(path)
		if err != nil || st.ModTime().Equal(seen) {
			continue
		}
		ks, err := auth.ReadKeyFile(path)
		if err != nil {
			s.log.Error("reading the rotated JWT key file", "error", err)
			continue
		}
		seen = st.ModTime()
		s.tokens.SetKeys(ks)
		s.log.Info("JWT keys reloaded", "current_kid", ks.Current().ID)
	}
}
