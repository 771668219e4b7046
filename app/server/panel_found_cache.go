package server

import (
	"container/list"
	"sync"
)

// foundCache keeps the request page's summary of the data found per
// report version and language: a built report does not change until it is
// built again (store.SaveReport stamps it anew), and decoding it — many
// megabytes for a customer with a thousand orders — on every load would
// cost the page its speed. Bounded, least recently used out first; it
// holds what the page shows the shop's merchant, in this process only.
type foundCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // of foundKey, most recent first
	items map[foundKey]*list.Element
	vals  map[foundKey]found
}

// foundKey names one summary: the shop's request, its report's version
// (the time it was built) and the page's language.
type foundKey struct {
	shop, request, stamp int64
	lang                 lang
}

func newFoundCache(max int) *foundCache {
	return &foundCache{max: max, order: list.New(), items: map[foundKey]*list.Element{}, vals: map[foundKey]found{}}
}

func (c *foundCache) get(k foundKey) (found, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[k]
	if !ok {
		return found{}, false
	}
	c.order.MoveToFront(e)
	return c.vals[k], true
}

func (c *foundCache) put(k foundKey, f found) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		c.order.MoveToFront(e)
		c.vals[k] = f
		return
	}
	c.items[k] = c.order.PushFront(k)
	c.vals[k] = f
	for c.order.Len() > c.max {
		old := c.order.Remove(c.order.Back()).(foundKey)
		delete(c.items, old)
		delete(c.vals, old)
	}
}
