package store

import (
	"context"
	"encoding/json"
	"reflect"

	"gorm.io/gorm"

	"huoban/models"
)

// Change is one field's value before and after a write.
type Change struct {
	From any `json:"from"`
	To   any `json:"to"`
}

// Actor identifies who made a write, for the audit log: a user, and, when
// an API token acted on the user's behalf, that token.
type Actor struct {
	UserID  int64
	BrandID int64
	// TokenID and TokenName name the API token that made the write; 0 and ""
	// for a signed-in person.
	TokenID   int64
	TokenName string
}

// audit appends one audit entry inside the caller's transaction.
func audit(tx *gorm.DB, a Actor, action, entity string, id int64, changes map[string]Change) error {
	if changes == nil {
		changes = map[string]Change{}
	}
	b, err := json.Marshal(changes)
	if err != nil {
		return err
	}
	var actor *int64
	if a.UserID != 0 {
		actor = &a.UserID
	}
	var token *int64
	if a.TokenID != 0 {
		token = &a.TokenID
	}
	return tx.Exec("INSERT INTO audit_log (brand_id, actor_id, actor_token_id, actor_token_name, action, entity, entity_id, changes, at) "+
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		a.BrandID, actor, token, a.TokenName, action, entity, id, string(b), tx.NowFunc()).Error
}

// diff returns the fields whose values differ between before and after,
// which must be maps of JSON-ready values keyed by field name.
func diff(before, after map[string]any) map[string]Change {
	out := map[string]Change{}
	for k, a := range after {
		b := before[k]
		if !reflect.DeepEqual(normalize(a), normalize(b)) {
			out[k] = Change{From: b, To: a}
		}
	}
	return out
}

// created returns every field as a change from nothing.
func created(after map[string]any) map[string]Change {
	out := map[string]Change{}
	for k, v := range after {
		out[k] = Change{From: nil, To: v}
	}
	return out
}

// deleted returns every field as a change to nothing.
func deleted(before map[string]any) map[string]Change {
	out := map[string]Change{}
	for k, v := range before {
		out[k] = Change{From: v, To: nil}
	}
	return out
}

func normalize(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

// AuditFilter selects audit entries.
type AuditFilter struct {
	Entity   string
	EntityID int64
	Limit    int
	BeforeID int64
}

// ListAudit returns a brand's audit entries, newest first.
func (s *Store) ListAudit(ctx context.Context, brandID int64, f AuditFilter) ([]models.AuditEntry, error) {
	q := s.read(ctx).Scopes(brandScope(brandID)).Order("id DESC").Limit(f.Limit)
	if f.Entity != "" {
		q = q.Where("entity = ?", f.Entity)
	}
	if f.EntityID != 0 {
		q = q.Where("entity_id = ?", f.EntityID)
	}
	if f.BeforeID != 0 {
		q = q.Where("id < ?", f.BeforeID)
	}
	var out []models.AuditEntry
	return out, translate(q.Find(&out).Error)
}
