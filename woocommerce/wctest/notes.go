package wctest

import (
	"encoding/json"
	"net/http"
	"sort"
)

func (e *Emulator) noteJSON(n *Note) map[string]any {
	m := map[string]any{"id": n.ID, "author": n.Author, "note": n.Note, "customer_note": n.CustomerNote}
	e.dates(m, "date_created", n.DateCreated)
	return m
}

func (e *Emulator) orderNotes(orderID int64) []*Note {
	var out []*Note
	for _, n := range e.notes {
		if n.OrderID == orderID {
			out = append(out, n)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].DateCreated.Equal(out[j].DateCreated) {
			return out[i].DateCreated.After(out[j].DateCreated)
		}
		return out[i].ID > out[j].ID
	})
	return out
}

// listNotes is GET orders/<id>/notes: all notes at once (the route has no
// pagination), type any|customer|internal, newest first.
func (e *Emulator) listNotes(c *call) (int, any, *wpError) {
	if e.orders[c.ids[0]] == nil {
		return 0, nil, &wpError{Status: 404, Code: "woocommerce_rest_order_invalid_id", Message: "Invalid order ID."}
	}
	typ := c.q.Get("type")
	out := []map[string]any{}
	for _, n := range e.orderNotes(c.ids[0]) {
		if typ == "customer" && !n.CustomerNote || typ == "internal" && n.CustomerNote {
			continue
		}
		out = append(out, e.noteJSON(n))
	}
	return http.StatusOK, out, nil
}

func (e *Emulator) findNote(c *call) (*Note, *wpError) {
	if e.orders[c.ids[0]] == nil {
		return nil, &wpError{Status: 404, Code: "woocommerce_rest_order_invalid_id", Message: "Invalid order ID."}
	}
	n := e.notes[c.ids[1]]
	if n == nil || n.OrderID != c.ids[0] {
		return nil, &wpError{Status: 404, Code: "woocommerce_rest_invalid_id", Message: "Invalid resource ID."}
	}
	return n, nil
}

func (e *Emulator) getNote(c *call) (int, any, *wpError) {
	n, err := e.findNote(c)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, e.noteJSON(n), nil
}

// createNote is POST orders/<id>/notes {note, customer_note}.
func (e *Emulator) createNote(c *call) (int, any, *wpError) {
	if e.orders[c.ids[0]] == nil {
		return 0, nil, &wpError{Status: 404, Code: "woocommerce_rest_order_invalid_id", Message: "Invalid order ID."}
	}
	var text string
	var customer bool
	_ = json.Unmarshal(c.body["note"], &text)
	_ = json.Unmarshal(c.body["customer_note"], &customer)
	if text == "" {
		return 0, nil, &wpError{Status: 400, Code: "rest_missing_callback_param", Message: "Missing parameter(s): note"}
	}
	n := &Note{ID: e.newID(), OrderID: c.ids[0], Author: "WooCommerce", Note: text, CustomerNote: customer, DateCreated: e.now().UTC()}
	e.notes[n.ID] = n
	return http.StatusCreated, e.noteJSON(n), nil
}

// deleteNote is DELETE orders/<id>/notes/<note_id>: force=true only.
func (e *Emulator) deleteNote(c *call) (int, any, *wpError) {
	if !c.force() {
		// sic: WooCommerce's order notes controller says "Webhooks".
		return 0, nil, &wpError{Status: 501, Code: "woocommerce_rest_trash_not_supported", Message: "Webhooks do not support trashing."}
	}
	n, err := e.findNote(c)
	if err != nil {
		return 0, nil, err
	}
	prev := e.noteJSON(n)
	delete(e.notes, n.ID)
	e.effect("delete note %d", n.ID)
	return http.StatusOK, prev, nil
}
