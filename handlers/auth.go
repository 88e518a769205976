package handlers

import (
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/auth"
	"huoban/models"
	"huoban/store"
)

// UserResponse is the contract's `user`.
type UserResponse struct {
	ID      int64       `json:"id"`
	Email   string      `json:"email"`
	Name    string      `json:"name"`
	Role    models.Role `json:"role"`
	BrandID *int64      `json:"brand_id"`
	Locale  string      `json:"locale"`
}

func toUserResponse(u *models.User) UserResponse {
	return UserResponse{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, BrandID: u.BrandID, Locale: u.Locale}
}

// SessionResponse is what register, login, refresh and accept-invite return.
type SessionResponse struct {
	AccessToken  string       `json:"access_token"`
	RefreshToken string       `json:"refresh_token"`
	TokenType    string       `json:"token_type"`
	ExpiresIn    int          `json:"expires_in"`
	User         UserResponse `json:"user"`
}

// newSession issues an access token and a refresh token in a new family.
func (h *Handlers) newSession(c *gin.Context, u *models.User) (*SessionResponse, error) {
	refresh := auth.RandomToken(auth.RefreshTokenPrefix)
	family := auth.RandomSecret(16)
	if err := h.Store.SaveRefreshToken(c.Request.Context(), u.ID, family, auth.HashToken(refresh), h.RefreshTTL); err != nil {
		return nil, err
	}
	return h.sessionFor(u, refresh)
}

func (h *Handlers) sessionFor(u *models.User, refresh string) (*SessionResponse, error) {
	access, err := h.Tokens.Issue(u.ID, u.SessionVersion)
	if err != nil {
		return nil, err
	}
	return &SessionResponse{AccessToken: access, RefreshToken: refresh, TokenType: "Bearer",
		ExpiresIn: int(auth.AccessTTL / time.Second), User: toUserResponse(u)}, nil
}

// limit applies the attempt limits: per client address (blocks), and, when
// account is set, per account and address (blocks that pair only) and per
// account from anywhere (delays, never blocks; auth/limiter.go says why).
func (h *Handlers) limit(c *gin.Context, account string) error {
	ip := c.ClientIP()
	if ok, retry := h.Limits.PerIP.Allow("ip:" + ip); !ok {
		return &models.RateLimitedError{RetryAfter: retry}
	}
	if account == "" {
		return nil
	}
	account = store.NormalizeEmail(account)
	if ok, retry := h.Limits.PerAccountAddr.Allow(auth.AccountAddrKey(account, ip)); !ok {
		return &models.RateLimitedError{RetryAfter: retry}
	}
	if ok, retry := h.Limits.PerAccount.Allow(auth.AccountKey(account)); !ok {
		return sleep(c, auth.OverLimitDelay(retry, h.Limits.MaxDelay))
	}
	return nil
}

// sleep waits d, or until the client goes away.
func sleep(c *gin.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-c.Request.Context().Done():
		return c.Request.Context().Err()
	}
}

// signedIn forgets the failures of account from this client address.
func (h *Handlers) signedIn(c *gin.Context, account string) {
	h.Limits.PerAccountAddr.Reset(auth.AccountAddrKey(store.NormalizeEmail(account), c.ClientIP()))
}

// RegisterRequest is the body of POST /auth/register.
type RegisterRequest struct {
	BrandName string `json:"brand_name" openapi:"required"`
	Name      string `json:"name" openapi:"required"`
	Email     string `json:"email" openapi:"required"`
	Password  string `json:"password" openapi:"required"`
}

// Register creates a brand and its owner and signs the owner in.
func (h *Handlers) Register(c *gin.Context) error {
	var req RegisterRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	if err := h.limit(c, req.Email); err != nil {
		return err
	}
	ve := &models.ValidationError{}
	checkText(ve, "brand_name", &req.BrandName, 1, 100)
	checkText(ve, "name", &req.Name, 1, 100)
	checkEmail(ve, "email", &req.Email, true)
	if err := auth.ValidatePassword(req.Password); err != nil {
		ve.Add("password", models.AsProblem(err))
	}
	if err := ve.Err(); err != nil {
		return err
	}
	hash, err := h.Hasher.Hash(req.Password)
	if err != nil {
		return err
	}
	u, err := h.Store.RegisterBrand(c.Request.Context(), req.BrandName, store.NewUser{Name: req.Name, Email: req.Email, PasswordHash: hash})
	if errors.Is(err, models.ErrConflict) {
		return models.ConflictOn("email", "an account with this email already exists")
	}
	if err != nil {
		return err
	}
	s, err := h.newSession(c, u)
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, s)
	return nil
}

// LoginRequest is the body of POST /auth/login.
type LoginRequest struct {
	Email    string `json:"email" openapi:"required"`
	Password string `json:"password" openapi:"required"`
}

// errBadCredentials is the single answer for an unknown email or a wrong password.
var errBadCredentials = models.Errorf(models.ErrUnauthorized, "the email or password is incorrect")

// Login checks credentials and starts a session.
func (h *Handlers) Login(c *gin.Context) error {
	var req LoginRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	if err := h.limit(c, req.Email); err != nil {
		return err
	}
	ve := &models.ValidationError{}
	if req.Email == "" {
		ve.Add("email", models.Required())
	}
	if req.Password == "" {
		ve.Add("password", models.Required())
	}
	if err := ve.Err(); err != nil {
		return err
	}
	u, err := h.Store.UserByEmail(c.Request.Context(), req.Email)
	if errors.Is(err, models.ErrNotFound) {
		h.Hasher.CheckMissing(req.Password)
		return errBadCredentials
	}
	if err != nil {
		return err
	}
	if len(req.Password) > 4*auth.MaxPasswordLen {
		// Spend a comparison anyway: answering at once would tell that the email exists.
		h.Hasher.CheckMissing(req.Password)
		return errBadCredentials
	}
	if !h.Hasher.Check(u.PasswordHash, req.Password) {
		return errBadCredentials
	}
	h.signedIn(c, req.Email)
	s, err := h.newSession(c, u)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, s)
	return nil
}

// RefreshRequest is the body of POST /auth/refresh and /auth/logout.
type RefreshRequest struct {
	RefreshToken string `json:"refresh_token" openapi:"required"`
}

// errBadRefresh is the answer for any refresh token that cannot be used.
var errBadRefresh = models.Errorf(models.ErrUnauthorized, "the refresh token is invalid, expired or already used; sign in again")

// Refresh spends a refresh token and returns a new pair. A spent token
// presented again revokes its whole family.
func (h *Handlers) Refresh(c *gin.Context) error {
	var req RefreshRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	if req.RefreshToken == "" {
		return models.FieldError("refresh_token", models.Required())
	}
	if len(req.RefreshToken) > 256 {
		return errBadRefresh
	}
	next := auth.RandomToken(auth.RefreshTokenPrefix)
	u, err := h.Store.RotateRefreshToken(c.Request.Context(), auth.HashToken(req.RefreshToken), auth.HashToken(next), h.RefreshTTL)
	if errors.Is(err, store.ErrTokenReused) || errors.Is(err, models.ErrUnauthorized) || errors.Is(err, models.ErrNotFound) {
		return errBadRefresh
	}
	if err != nil {
		return err
	}
	s, err := h.sessionFor(u, next)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, s)
	return nil
}

// Logout revokes the refresh token's family. Unknown tokens are accepted silently.
func (h *Handlers) Logout(c *gin.Context) error {
	var req RefreshRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	if req.RefreshToken == "" {
		return models.FieldError("refresh_token", models.Required())
	}
	if len(req.RefreshToken) <= 256 {
		if err := h.Store.RevokeRefreshFamily(c.Request.Context(), auth.HashToken(req.RefreshToken)); err != nil {
			return err
		}
	}
	c.Status(http.StatusNoContent)
	return nil
}

// AcceptInviteRequest is the body of POST /auth/accept-invite.
type AcceptInviteRequest struct {
	Code     string `json:"code" openapi:"required"`
	Name     string `json:"name" openapi:"required"`
	Email    string `json:"email" openapi:"required"`
	Password string `json:"password" openapi:"required"`
}

// AcceptInvite spends an invite code and creates the invited user.
func (h *Handlers) AcceptInvite(c *gin.Context) error {
	var req AcceptInviteRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	if err := h.limit(c, req.Email); err != nil {
		return err
	}
	ve := &models.ValidationError{}
	req.Code = auth.NormalizeCode(req.Code)
	if req.Code == "" || len(req.Code) > 64 {
		ve.Add("code", models.Required())
	}
	checkText(ve, "name", &req.Name, 1, 100)
	checkEmail(ve, "email", &req.Email, true)
	if err := auth.ValidatePassword(req.Password); err != nil {
		ve.Add("password", models.AsProblem(err))
	}
	if err := ve.Err(); err != nil {
		return err
	}
	hash, err := h.Hasher.Hash(req.Password)
	if err != nil {
		return err
	}
	u, err := h.Store.AcceptInvite(c.Request.Context(), auth.HashToken(req.Code), store.NewUser{Name: req.Name, Email: req.Email, PasswordHash: hash})
	if err != nil {
		var me *models.Error
		if errors.Is(err, models.ErrConflict) && !errors.As(err, &me) {
			return models.ConflictOn("email", "an account with this email already exists; sign in, and a buyer can add the code in the portal")
		}
		return err
	}
	s, err := h.newSession(c, u)
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, s)
	return nil
}

// Me returns the signed-in user.
func (h *Handlers) Me(c *gin.Context) error {
	u, err := h.Store.UserByID(c.Request.Context(), CurrentPrincipal(c).UserID)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toUserResponse(u))
	return nil
}

// PatchMeRequest is the body of PATCH /me; only the fields sent change.
type PatchMeRequest struct {
	Name            Opt[string] `json:"name"`
	Locale          Opt[string] `json:"locale" openapi:"enum=zh-CN|en"`
	Password        Opt[string] `json:"password"`
	CurrentPassword Opt[string] `json:"current_password"`
}

// PatchMe changes the signed-in user's name, locale or password.
func (h *Handlers) PatchMe(c *gin.Context) error {
	var req PatchMeRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	p := CurrentPrincipal(c)
	ve := &models.ValidationError{}
	var upd store.UserUpdate
	if req.Name.Set {
		if req.Name.Null {
			ve.Add("name", models.Required())
		} else {
			checkText(ve, "name", &req.Name.V, 1, 100)
			upd.Name = &req.Name.V
		}
	}
	if req.Locale.Set {
		if req.Locale.Null || !models.ValidLocale(req.Locale.V) {
			ve.Add("locale", models.OneOf("zh-CN", "en"))
		}
		upd.Locale = &req.Locale.V
	}
	if req.Password.Set {
		if req.Password.Null {
			ve.Add("password", models.Required())
		} else if err := auth.ValidatePassword(req.Password.V); err != nil {
			ve.Add("password", models.AsProblem(err))
		}
		if !req.CurrentPassword.Set || req.CurrentPassword.V == "" {
			ve.Add("current_password", models.Required())
		}
	}
	if err := ve.Err(); err != nil {
		return err
	}
	if req.Password.Set {
		if p.TokenID != 0 {
			return models.Errorf(models.ErrForbidden, "API tokens cannot change passwords")
		}
		u, err := h.Store.UserByID(c.Request.Context(), p.UserID)
		if err != nil {
			return err
		}
		if !h.Hasher.Check(u.PasswordHash, req.CurrentPassword.V) {
			return models.FieldError("current_password", models.Custom("incorrect", nil, "is incorrect"))
		}
		hash, err := h.Hasher.Hash(req.Password.V)
		if err != nil {
			return err
		}
		upd.PasswordHash = &hash
	}
	u, err := h.Store.UpdateUser(c.Request.Context(), p.UserID, upd)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, toUserResponse(u))
	return nil
}
