package handlers

import (
	"strconv"

	"github.com/gin-gonic/gin"

	"huoban/models"
)

// Page size bounds of every list.
const (
	defaultLimit = 50
	maxLimit     = 200
)

// paging reads ?limit= and ?total= into limit and total.
func paging(c *gin.Context, ve *models.ValidationError, limit *int, total *bool) {
	*limit = defaultLimit
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLimit {
			ve.Add("limit", models.Between(1, 200))
		} else {
			*limit = n
		}
	}
	if v := c.Query("total"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			ve.Add("total", models.InvalidType("boolean"))
		}
		*total = b
	}
}

// boolQuery reads an optional boolean query parameter.
func boolQuery(c *gin.Context, name string) (bool, error) {
	v := c.Query(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, models.FieldError(name, models.InvalidType("boolean"))
	}
	return b, nil
}

// positiveInt parses a positive integer.
func positiveInt(s string) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n > 0
}
