package handlers

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"huoban/store"
)

// noContent runs a write on the record the path parameter param names, as
// the signed-in actor, and answers 204: the shape of every delete and
// revoke whose only input is the record's id.
func noContent(c *gin.Context, param string, write func(ctx context.Context, a store.Actor, id int64) error) error {
	id, err := pathID(c, param)
	if err != nil {
		return err
	}
	if err := write(c.Request.Context(), actor(c), id); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}
