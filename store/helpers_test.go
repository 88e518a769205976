package store

import (
	"context"
	"testing"

	"huoban/models"
)

// testBrand registers a brand and returns its owner as the actor of writes.
func testBrand(t *testing.T, s *Store) Actor {
	t.Helper()
	owner, err := s.RegisterBrand(context.Background(), "b", NewUser{Name: "o", Email: "o@example.com", PasswordHash: "x"})
	if err != nil {
		t.Fatal(err)
	}
	return Actor{UserID: owner.ID, BrandID: *owner.BrandID}
}

// testBuyer adds an active prospect named name and returns its id.
func testBuyer(t *testing.T, s *Store, a Actor, name string) int64 {
	t.Helper()
	b := models.Buyer{Name: name, Stage: models.StageProspect, Status: models.BuyerActive}
	if err := s.CreateBuyer(context.Background(), a, &b); err != nil {
		t.Fatal(err)
	}
	return b.ID
}
