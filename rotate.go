package main

import (
	"fmt"
	"time"

	"huoban/auth"
)

// rotateSecretCmd adds a new current key to the JWT key file. Running
// servers pick it up within auth.KeyReloadEvery; the previous key verifies
// for auth.RotationOverlap more, so nobody is signed out at once.
func rotateSecretCmd() error {
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	if cfg.JWTSecret != "" {
		return fmt.Errorf("the signing secret comes from HUOBAN_JWT_SECRET: to rotate it, set HUOBAN_JWT_PREVIOUS_SECRET to the "+
			"current value and HUOBAN_JWT_SECRET to a new one on every instance, and drop HUOBAN_JWT_PREVIOUS_SECRET after %s",
			auth.RotationOverlap)
	}
	kid, err := auth.RotateKeyFile(cfg.JWTKeyFile, time.Now())
	if err != nil {
		return fmt.Errorf("rotate %s: %w (start huoban once to make the key file)", cfg.JWTKeyFile, err)
	}
	fmt.Printf("new signing key %s in %s; the previous key verifies until %s\n", kid, cfg.JWTKeyFile,
		time.Now().Add(auth.RotationOverlap).UTC().Format(time.RFC3339))
	return nil
}
