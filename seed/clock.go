package seed

import (
	"sync"
	"time"
)

// Clock is a clock the demo can set while it writes, so that its stage
// history happens over the half year it shows instead of all on the day it
// was made. The zero Clock tells the real time; build the store the demo
// writes through with store.New(d, clock.Now).
type Clock struct {
	mu sync.Mutex
	at time.Time
}

// Now returns the time set, or the real time when none is.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.at.IsZero() {
		return time.Now()
	}
	return c.at
}

// set makes Now return t (the zero time: the real time again) and returns
// what it returned before the call was made, for restoring.
func (c *Clock) set(t time.Time) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	prev := c.at
	c.at = t
	return prev
}
