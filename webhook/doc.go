// Package webhook delivers the outbox's events to the brands' endpoints:
// signing (Standard Webhooks 1.0), the standard, 飞书 and 企业微信 formats,
// a dialer that refuses private targets, and the worker that claims
// endpoints, sends their events oldest first and retries with backoff.
package webhook
