package shopifytest

import (
	"fmt"
	"sort"
	"time"
)

// queryRoot is the QueryRoot object of one shop, for a token granted scope.
func (e *Emulator) queryRoot(sh *shop, scope string) map[string]any {
	return map[string]any{
		"shop":        e.shopObject(sh),
		"shopLocales": e.shopLocales(sh, scope),
		"customer": lazy(func(args map[string]any) (any, error) {
			id, err := gidArg(args, "id", "Customer")
			if err != nil || id == 0 {
				return nil, err
			}
			return e.customerObject(sh, sh.customers[id]), nil
		}),
		"order": lazy(func(args map[string]any) (any, error) {
			id, err := gidArg(args, "id", "Order")
			if err != nil || id == 0 {
				return nil, err
			}
			return e.orderObject(sh, sh.orders[id]), nil
		}),
		"customers": lazy(func(args map[string]any) (any, error) {
			terms := parseSearch(stringArg(args, "query"))
			var list []*Customer
			for _, id := range sh.custIDs {
				if c := sh.customers[id]; customerMatches(c, terms) {
					list = append(list, c)
				}
			}
			sortBy(list, stringArg(args, "sortKey"), func(c *Customer) (int64, time.Time, time.Time) { return c.ID, c.CreatedAt, c.UpdatedAt })
			return connection(list, args, func(c *Customer) int64 { return c.ID }, func(c *Customer) map[string]any { return e.customerObject(sh, c) })
		}),
		"orders": lazy(func(args map[string]any) (any, error) {
			return e.ordersConnection(sh, args, func(*Order) bool { return true })
		}),
		"node": lazy(func(args map[string]any) (any, error) {
			return e.nodeObject(sh, stringArg(args, "id"))
		}),
		"nodes": lazy(func(args map[string]any) (any, error) {
			ids, _ := args["ids"].([]any)
			out := make([]any, 0, len(ids))
			for _, id := range ids {
				s, _ := id.(string)
				n, err := e.nodeObject(sh, s)
				if err != nil {
					return nil, err
				}
				out = append(out, n)
			}
			return out, nil
		}),
	}
}

// ordersConnection pages the shop's orders that keep() and match the search.
func (e *Emulator) ordersConnection(sh *shop, args map[string]any, keep func(*Order) bool) (any, error) {
	terms := parseSearch(stringArg(args, "query"))
	var list []*Order
	for _, id := range sh.orderIDs {
		if o := sh.orders[id]; keep(o) && orderMatches(o, terms) {
			list = append(list, o)
		}
	}
	key := stringArg(args, "sortKey")
	if key == "PROCESSED_AT" {
		sort.SliceStable(list, func(i, j int) bool {
			if !list[i].ProcessedAt.Equal(list[j].ProcessedAt) {
				return list[i].ProcessedAt.Before(list[j].ProcessedAt)
			}
			return list[i].ID < list[j].ID
		})
	} else {
		sortBy(list, key, func(o *Order) (int64, time.Time, time.Time) { return o.ID, o.CreatedAt, o.UpdatedAt })
	}
	return connection(list, args, func(o *Order) int64 { return o.ID }, func(o *Order) map[string]any { return e.orderObject(sh, o) })
}

// sortBy orders items by a sort key (ID, CREATED_AT, UPDATED_AT; others
// fall back to ID), ties broken by id.
func sortBy[T any](items []T, key string, fields func(T) (id int64, created, updated time.Time)) {
	sort.SliceStable(items, func(i, j int) bool {
		ii, ci, ui := fields(items[i])
		ij, cj, uj := fields(items[j])
		switch key {
		case "CREATED_AT":
			if !ci.Equal(cj) {
				return ci.Before(cj)
			}
		case "UPDATED_AT":
			if !ui.Equal(uj) {
				return ui.Before(uj)
			}
		}
		return ii < ij
	})
}

// gidArg reads a global id argument of the expected kind. An id of another
// kind resolves to null (0, nil), like Shopify; a malformed one is an error.
func gidArg(args map[string]any, name, kind string) (int64, error) {
	raw := stringArg(args, name)
	k, id, ok := parseGID(raw)
	if !ok {
		return 0, codedError{code: "argumentLiteralsIncompatible", msg: fmt.Sprintf("Invalid global id '%s'", raw)}
	}
	if k != kind {
		return 0, nil
	}
	return id, nil
}

// nodeObject resolves node(id) for the kinds the emulator stores.
func (e *Emulator) nodeObject(sh *shop, gid string) (any, error) {
	kind, id, ok := parseGID(gid)
	if !ok {
		return nil, codedError{code: "argumentLiteralsIncompatible", msg: fmt.Sprintf("Invalid global id '%s'", gid)}
	}
	switch kind {
	case "Customer":
		return e.customerObject(sh, sh.customers[id]), nil
	case "Order":
		return e.orderObject(sh, sh.orders[id]), nil
	case "Shop":
		if id == sh.id {
			return e.shopObject(sh), nil
		}
	}
	return nil, nil
}
