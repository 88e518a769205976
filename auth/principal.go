package auth

import "huoban/models"

// Token scopes of API tokens.
const (
	ScopeRead  = "read"
	ScopeWrite = "write"
)

// Principal is who is calling: the user, their brand and role, and, when the
// call carries an API token, that token's id and scope.
type Principal struct {
	UserID  int64
	BrandID int64 // 0 for buyers
	Role    models.Role
	Name    string
	Locale  string
	TokenID int64 // 0 unless authenticated by an API token
	// TokenName is the API token's name, recorded in the audit log as the actor.
	TokenName string
	Scope     string // ScopeRead or ScopeWrite for API tokens
}
