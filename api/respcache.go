package api

import (
	"bytes"
	"container/list"
	"net/http"
	"strconv"
	"sync"

	"github.com/gin-gonic/gin"

	"huoban/handlers"
)

// The response cache keeps the bodies of recent successful reads of a
// brand's buyers and collaborations, so a page that many people (or a
// polling integration) ask for is read and encoded once per change instead
// of once per request. An entry is tagged with the store's write generation
// taken before the handler ran and is served only while no write has
// committed since, so a client always reads its own and everyone's writes.
// The key holds the brand (the tenant), the day (lists carry date-relative
// figures) and the request URI; handlers of cached routes answer the same
// bytes to every staff member of a brand. On PostgreSQL, where other
// instances write too, the store reports no generation and nothing is cached.

const (
	// responseCacheBytes bounds the bodies the cache holds in all.
	responseCacheBytes = 32 << 20
	// responseCacheMaxBody is the largest body the cache keeps.
	responseCacheMaxBody = 1 << 20
)

// responseCache is a byte-bounded LRU of response bodies. Concurrent misses
// of one key at one generation run the handler once: the others wait for
// its answer (a dashboard read by many at once after a write is computed
// once, not once per reader).
type responseCache struct {
	mu      sync.Mutex
	size    int
	order   list.List // of *cachedResponse, most recently used first
	entries map[string]*list.Element
	flights map[flightKey]chan struct{}
}

type flightKey struct {
	key string
	gen int64
}

// join returns the channel closed when the leader of (key, gen) is done,
// and whether the caller is that leader.
func (rc *responseCache) join(k flightKey) (done chan struct{}, leader bool) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if ch, ok := rc.flights[k]; ok {
		return ch, false
	}
	if rc.flights == nil {
		rc.flights = map[flightKey]chan struct{}{}
	}
	ch := make(chan struct{})
	rc.flights[k] = ch
	return ch, true
}

// leave ends the leader's flight, releasing the waiters.
func (rc *responseCache) leave(k flightKey, done chan struct{}) {
	rc.mu.Lock()
	delete(rc.flights, k)
	rc.mu.Unlock()
	close(done)
}

type cachedResponse struct {
	key         string
	gen         int64
	contentType string
	body        []byte
}

// get returns the entry for key if it was stored at generation gen.
func (rc *responseCache) get(key string, gen int64) (*cachedResponse, bool) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	el, ok := rc.entries[key]
	if !ok {
		return nil, false
	}
	e := el.Value.(*cachedResponse)
	if e.gen != gen {
		rc.remove(el)
		return nil, false
	}
	rc.order.MoveToFront(el)
	return e, true
}

// put stores e, evicting the least recently used entries beyond the bound.
func (rc *responseCache) put(e *cachedResponse) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.entries == nil {
		rc.entries = map[string]*list.Element{}
	}
	if el, ok := rc.entries[e.key]; ok {
		rc.remove(el)
	}
	rc.entries[e.key] = rc.order.PushFront(e)
	rc.size += len(e.body)
	for rc.size > responseCacheBytes {
		rc.remove(rc.order.Back())
	}
}

func (rc *responseCache) remove(el *list.Element) {
	e := rc.order.Remove(el).(*cachedResponse)
	delete(rc.entries, e.key)
	rc.size -= len(e.body)
}

// bodyRecorder passes a response through while keeping a copy of its body,
// up to responseCacheMaxBody.
type bodyRecorder struct {
	gin.ResponseWriter
	buf      bytes.Buffer
	overflow bool
}

func (r *bodyRecorder) Write(b []byte) (int, error) {
	if !r.overflow {
		if r.buf.Len()+len(b) > responseCacheMaxBody {
			r.overflow = true
			r.buf = bytes.Buffer{}
		} else {
			r.buf.Write(b)
		}
	}
	return r.ResponseWriter.Write(b)
}

func (r *bodyRecorder) WriteString(s string) (int, error) { return r.Write([]byte(s)) }

// cachesRoute tells whether rt's answers go through the response cache.
func (s *Server) cachesRoute(rt route) bool {
	return rt.opts.has(cached) && s.CachesReads()
}

// answerFromCache answers c from the entry of key stored at gen, if any.
func (s *Server) answerFromCache(c *gin.Context, key string, gen int64) bool {
	e, hit := s.cache.get(key, gen)
	if hit {
		c.Data(http.StatusOK, e.contentType, e.body)
		c.Abort()
	}
	return hit
}

// cacheReads answers a cached route from the cache when nothing was written
// since the entry was stored, and stores the handler's 200 answer otherwise.
// It is on the chain of cached routes only (cachesRoute), so the store keeps
// a generation here.
func (s *Server) cacheReads(c *gin.Context) {
	gen, _ := s.store.Generation()
	p := handlers.CurrentPrincipal(c)
	key := strconv.FormatInt(p.BrandID, 10) + " " + string(s.store.Today()) + " " + c.Request.URL.RequestURI()
	if s.answerFromCache(c, key, gen) {
		return
	}
	fk := flightKey{key, gen}
	done, leader := s.cache.join(fk)
	if !leader {
		select {
		case <-done:
		case <-c.Request.Context().Done():
		}
		if !s.answerFromCache(c, key, gen) {
			c.Next() // the leader's answer was not kept (an error): answer on our own
		}
		return
	}
	defer s.cache.leave(fk, done)
	rec := &bodyRecorder{ResponseWriter: c.Writer}
	c.Writer = rec
	c.Next()
	c.Writer = rec.ResponseWriter
	if rec.Status() == http.StatusOK && !rec.overflow && p.BrandID != 0 {
		s.cache.put(&cachedResponse{key: key, gen: gen, contentType: rec.Header().Get("Content-Type"),
			body: bytes.Clone(rec.buf.Bytes())})
	}
}
