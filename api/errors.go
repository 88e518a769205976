package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"huoban/models"
)

// errorBody is the contract's error envelope.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string                   `json:"code"`
	Message string                   `json:"message"`
	Fields  map[string]string        `json:"fields,omitempty"`
	Details map[string]models.Detail `json:"details,omitempty"`
	Rows    []models.RowError        `json:"rows,omitempty"`
}

// kinds maps each sentinel to its status, code and default message.
var kinds = []struct {
	err     error
	status  int
	code    string
	message string
}{
	{models.ErrNotFound, http.StatusNotFound, "not_found", "not found"},
	{models.ErrConflict, http.StatusConflict, "conflict", "conflict"},
	{models.ErrUnauthorized, http.StatusUnauthorized, "unauthorized", "authentication required"},
	{models.ErrForbidden, http.StatusForbidden, "forbidden", "your role may not do this"},
	{models.ErrBadRequest, http.StatusBadRequest, "bad_request", "bad request"},
	{models.ErrPayloadTooLarge, http.StatusRequestEntityTooLarge, "payload_too_large", "the body is too large"},
	{models.ErrUnavailable, http.StatusServiceUnavailable, "unavailable", "the database is unavailable right now; nothing was changed, try again shortly"},
}

// statusClientClosed is the status logged for a request whose client went
// away before it was answered.
const statusClientClosed = 499

// writeError turns any handler error into the contract's error answer. It is
// the one place errors become HTTP, and the one place they are logged.
func (s *Server) writeError(c *gin.Context, err error) {
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		msg := ve.Message
		if msg == "" {
			msg = "some fields are invalid"
		}
		c.AbortWithStatusJSON(http.StatusUnprocessableEntity, errorBody{errorDetail{
			Code: "validation_failed", Message: msg, Fields: ve.Fields, Details: ve.Details, Rows: ve.Rows}})
		return
	}
	var rl *models.RateLimitedError
	if errors.As(err, &rl) {
		c.Header("Retry-After", retryAfterSeconds(rl.RetryAfter))
		c.AbortWithStatusJSON(http.StatusTooManyRequests, errorBody{errorDetail{Code: "rate_limited", Message: rl.Error()}})
		return
	}
	for _, k := range kinds {
		if errors.Is(err, k.err) {
			msg := k.message
			var fields map[string]string
			var details map[string]models.Detail
			var me *models.Error
			if errors.As(err, &me) {
				msg = me.Message
				if me.Field != "" {
					fields = map[string]string{me.Field: me.Problem.Message}
					details = map[string]models.Detail{me.Field: me.Problem.Detail()}
				}
			}
			if k.status >= 500 {
				s.log.Error("request failed", "request_id", c.GetString(requestIDKey), "path", c.FullPath(), "error", err)
				c.Header("Retry-After", "5")
			}
			c.AbortWithStatusJSON(k.status, errorBody{errorDetail{Code: k.code, Message: msg, Fields: fields, Details: details}})
			return
		}
	}
	if c.Request.Context().Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		// The client went away before the answer: nothing failed on our side
		// and no one reads the answer (499, as nginx logs it).
		s.log.Info("client went away", "request_id", c.GetString(requestIDKey), "method", c.Request.Method,
			"path", c.FullPath())
		c.AbortWithStatus(statusClientClosed)
		return
	}
	s.log.Error("request failed", "request_id", c.GetString(requestIDKey), "method", c.Request.Method,
		"path", c.FullPath(), "error", err)
	c.AbortWithStatusJSON(http.StatusInternalServerError, errorBody{errorDetail{
		Code: "internal", Message: "something went wrong on our side; the request id is " + c.GetString(requestIDKey)}})
}

// abort writes an error answer from middleware.
func (s *Server) abort(c *gin.Context, kind error, msg string) {
	s.writeError(c, models.Errorf(kind, "%s", msg))
}

// retryAfterSeconds formats a Retry-After value in whole seconds, at least 1.
func retryAfterSeconds(d time.Duration) string {
	n := int((d + time.Second - 1) / time.Second)
	if n < 1 {
		n = 1
	}
	return strconv.Itoa(n)
}

// wrap adapts an error-returning handler to gin.
func (s *Server) wrap(h func(*gin.Context) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			s.writeError(c, err)
		}
	}
}
