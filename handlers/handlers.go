// Package handlers implements the API's endpoints: request and response
// types, validation, and calls into the store. Handlers return errors; the
// api package turns them into the contract's error body.
package handlers

import (
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/auth"
	"huoban/models"
	"huoban/store"
)

// HandlerFunc is an endpoint that returns an error instead of writing one.
type HandlerFunc func(c *gin.Context) error

// Limits are the attempt limits of the login-like endpoints.
type Limits struct {
	// PerIP limits login, register and accept-invite attempts per client IP.
	PerIP *auth.Limiter
	// PerAccountAddr blocks login, register and accept-invite attempts per
	// email and client address (auth.AccountAddrKey).
	PerAccountAddr *auth.Limiter
	// PerAccount counts attempts per email from every address; past its
	// limit an attempt is delayed (auth.OverLimitDelay), never refused.
	PerAccount *auth.Limiter
	// MaxDelay caps that delay.
	MaxDelay time.Duration
}

// Handlers holds what every endpoint needs.
type Handlers struct {
	Store  *store.Store
	Hasher *auth.Hasher
	Tokens *auth.TokenIssuer
	Limits Limits
	// RefreshTTL is the lifetime of refresh tokens.
	RefreshTTL time.Duration
	// WebhookAllowPrivate lets webhook URLs point to loopback and private
	// addresses (HUOBAN_WEBHOOK_ALLOW_PRIVATE=true).
	WebhookAllowPrivate bool
}

// principalKey is the gin context key of the authenticated caller.
const principalKey = "huoban.principal"

// SetPrincipal stores the authenticated caller on the request.
func SetPrincipal(c *gin.Context, p *auth.Principal) { c.Set(principalKey, p) }

// CurrentPrincipal returns the authenticated caller, or nil.
func CurrentPrincipal(c *gin.Context) *auth.Principal {
	v, ok := c.Get(principalKey)
	if !ok {
		return nil
	}
	p, _ := v.(*auth.Principal)
	return p
}

// actor returns the caller as a store.Actor for writes.
func actor(c *gin.Context) store.Actor {
	p := CurrentPrincipal(c)
	return store.Actor{UserID: p.UserID, BrandID: p.BrandID, TokenID: p.TokenID, TokenName: p.TokenName}
}

// brandID returns the caller's brand.
func brandID(c *gin.Context) int64 { return CurrentPrincipal(c).BrandID }

// pathID parses a positive integer path parameter; anything else is not found.
func pathID(c *gin.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, models.ErrNotFound
	}
	return id, nil
}

// List is the JSON shape of every paged list.
type List[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
	Total      *int64  `json:"total,omitempty"`
}

func toList[M any, T any](p *store.Page[M], conv func(*M) T) List[T] {
	out := List[T]{Items: make([]T, 0, len(p.Items)), NextCursor: p.NextCursor, Total: p.Total}
	for i := range p.Items {
		out.Items = append(out.Items, conv(&p.Items[i]))
	}
	return out
}
