package api

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// cors answers cross-origin requests only from the configured origins
// (HUOBAN_CORS_ORIGINS). With none configured it adds no CORS header at all,
// so browsers keep other sites' pages from reading any answer. API clients
// authenticate with bearer tokens, never cookies, so credentials are not allowed.
func (s *Server) cors(c *gin.Context) {
	origin := c.GetHeader("Origin")
	if origin == "" || len(s.cfg.CORSOrigins) == 0 {
		c.Next()
		return
	}
	c.Writer.Header().Add("Vary", "Origin")
	allowed := false
	for _, o := range s.cfg.CORSOrigins {
		if strings.EqualFold(o, origin) {
			allowed = true
			break
		}
	}
	if !allowed {
		c.Next()
		return
	}
	h := c.Writer.Header()
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Expose-Headers", "X-Request-ID, Retry-After")
	if c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != "" {
		h.Set("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE")
		h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
		h.Set("Access-Control-Max-Age", "600")
		c.AbortWithStatus(http.StatusNoContent)
		return
	}
	c.Next()
}
