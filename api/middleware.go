package api

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/auth"
	"huoban/handlers"
	"huoban/models"
)

const requestIDKey = "huoban.request_id"

// requestID gives every request an id, echoed in X-Request-ID and in logs.
func requestID(c *gin.Context) {
	id := c.GetHeader("X-Request-ID")
	if id == "" || len(id) > 64 || strings.ContainsFunc(id, func(r rune) bool { return r < 0x21 || r > 0x7e }) {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		id = hex.EncodeToString(b)
	}
	c.Set(requestIDKey, id)
	c.Header("X-Request-ID", id)
	c.Next()
}

// logRequests writes one structured line per request.
func (s *Server) logRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	if s.cfg.Quiet {
		return
	}
	s.log.Info("request", "request_id", c.GetString(requestIDKey), "method", c.Request.Method,
		"route", c.FullPath(), "status", c.Writer.Status(), "ms", time.Since(start).Milliseconds(),
		"bytes", c.Writer.Size())
}

// recoverPanics turns a panic into a 500 with the contract's body and logs it.
func (s *Server) recoverPanics(c *gin.Context) {
	defer func() {
		if r := recover(); r != nil {
			if r == http.ErrAbortHandler {
				panic(r)
			}
			s.writeError(c, fmt.Errorf("panic: %v", r))
		}
	}()
	c.Next()
}

// securityHeaders sets headers every answer carries.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "+
		"img-src 'self' data: https:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "+
		"base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if strings.HasPrefix(c.Request.URL.Path, "/api/") {
		h.Set("Cache-Control", "no-store")
	}
	c.Next()
}

// hsts tells browsers to use HTTPS only for a year (HUOBAN_HSTS=true, for
// deployments behind TLS; over plain HTTP browsers ignore it).
func hsts(c *gin.Context) {
	c.Header("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
	c.Next()
}

// limitBody refuses bodies whose declared length is over the limit before reading them.
func (s *Server) limitBody(max int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.ContentLength > max {
			s.abort(c, models.ErrPayloadTooLarge, "the body is larger than the limit")
			return
		}
		c.Next()
	}
}

// authenticate resolves the bearer token (a JWT or an API token) to a principal.
func (s *Server) authenticate(c *gin.Context) {
	hdr := c.GetHeader("Authorization")
	if hdr == "" {
		s.abort(c, models.ErrUnauthorized, "sign in first: send Authorization: Bearer <token>")
		return
	}
	if len(hdr) > auth.MaxTokenLen+len("Bearer ") {
		s.abort(c, models.ErrUnauthorized, "the token is invalid")
		return
	}
	scheme, token, ok := strings.Cut(hdr, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		s.abort(c, models.ErrUnauthorized, "use Authorization: Bearer <token>")
		return
	}
	var (
		p   *auth.Principal
		err error
	)
	if strings.HasPrefix(token, auth.APITokenPrefix) {
		p, err = s.apiTokenPrincipal(c, token)
	} else {
		p, err = s.jwtPrincipal(c, token)
	}
	if err != nil {
		s.writeError(c, err)
		return
	}
	handlers.SetPrincipal(c, p)
	c.Next()
}

var errBadToken = models.Errorf(models.ErrUnauthorized, "the token is invalid or expired")

func (s *Server) jwtPrincipal(c *gin.Context, token string) (*auth.Principal, error) {
	uid, version, err := s.tokens.Verify(token)
	if err != nil {
		return nil, errBadToken
	}
	u, err := s.store.UserByID(c.Request.Context(), uid)
	if err != nil {
		if err == models.ErrNotFound {
			return nil, errBadToken
		}
		return nil, err
	}
	if version != u.SessionVersion {
		// Signed out or password changed since the token was issued (on
		// whichever instance): the session ended. (A role change needs no
		// check here: the role comes from this row.)
		return nil, errBadToken
	}
	p := &auth.Principal{UserID: u.ID, Role: u.Role, Name: u.Name, Locale: u.Locale}
	if u.BrandID != nil {
		p.BrandID = *u.BrandID
	}
	return p, nil
}

// access says who may call a route.
type access int

const (
	public  access = iota // no token
	anyUser               // any signed-in user
	analyst               // staff: analyst, manager or owner
	manager               // staff: manager or owner
	owner                 // staff: owner only
	buyer                 // buyer users (the portal)
)

func (a access) String() string {
	return [...]string{"public", "any signed-in user", "analyst", "manager", "owner", "buyer"}[a]
}

// allow enforces a route's access on the authenticated principal: the
// role, an API token's scope, and that people-only routes are not called
// with an API token at all.
func (s *Server) allow(a access, opts routeOpt) gin.HandlerFunc {
	peopleOnly := opts.has(people)
	return func(c *gin.Context) {
		p := handlers.CurrentPrincipal(c)
		if p.TokenID != 0 && peopleOnly {
			s.abort(c, models.ErrForbidden, "API tokens may not manage people, credentials or the audit log; sign in as a person")
			return
		}
		if p.TokenID != 0 && p.Scope != auth.ScopeWrite && c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
			s.abort(c, models.ErrForbidden, "this API token is read-only")
			return
		}
		var ok bool
		switch a {
		case anyUser:
			ok = true
		case analyst:
			ok = p.Role.AtLeast(models.RoleAnalyst)
		case manager:
			ok = p.Role.AtLeast(models.RoleManager)
		case owner:
			ok = p.Role.AtLeast(models.RoleOwner)
		case buyer:
			ok = p.Role == models.RoleBuyer
		}
		if !ok {
			s.abort(c, models.ErrForbidden, "your role may not do this")
			return
		}
		c.Next()
	}
}

func (s *Server) apiTokenPrincipal(c *gin.Context, token string) (*auth.Principal, error) {
	if len(token) > 128 {
		return nil, errBadToken
	}
	t, u, err := s.store.APITokenUser(c.Request.Context(), auth.HashToken(token))
	if err != nil {
		if err == models.ErrNotFound {
			return nil, errBadToken
		}
		return nil, err
	}
	if u.BrandID == nil || *u.BrandID != t.BrandID || !u.Role.IsStaff() {
		return nil, errBadToken
	}
	return &auth.Principal{UserID: u.ID, BrandID: t.BrandID, Role: u.Role, Name: u.Name, Locale: u.Locale,
		TokenID: t.ID, TokenName: t.Name, Scope: t.Scope}, nil
}
