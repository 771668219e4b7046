package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// MaxExportIDs is the most records one export may name; without ids an
// export takes all of the shop's archive.
const MaxExportIDs = 1000

// exportPageSize is how many records an export reads and unseals at a time.
const exportPageSize = 500

type exportBody struct {
	Reason string  `json:"reason"`
	IDs    []int64 `json:"ids"`
}

// exportRecordJSON is an archived record with its kept fields unsealed.
type exportRecordJSON struct {
	archiveRecordJSON
	Fields map[string]any `json:"fields"`
}

// exportArchive serves POST /api/archive/export {"reason", "ids"}: the kept
// fields of the named archived records (default: all of the shop's) as a
// JSON download. Restricted data (Art. 18(2) GDPR) may only be used for
// what the retention duty is for, so the merchant must state the reason
// (a tax audit); every export is in the audit trail with the count and the
// reason, before any data leave.
func (h *API) exportArchive(c echo.Context) error {
	var b exportBody
	if err := c.Bind(&b); err != nil {
		return fault.BadRequest("bad_request", "body is not valid JSON")
	}
	return h.writeExport(c, session(c), b)
}

// writeExport checks an export's reason and ids and writes the download:
// the one export of the API and the panel's archive page. A refusal
// (reason_required, bad ids) comes before anything is written or audited.
func (h *API) writeExport(c echo.Context, sess tenant.Session, b exportBody) error {
	reason, audited, err := statedReason(b.Reason)
	if err != nil {
		return err
	}
	if b.IDs != nil && len(b.IDs) == 0 {
		return fault.BadRequest("bad_request", "ids is empty; leave it out to export the whole archive")
	}
	if len(b.IDs) > MaxExportIDs {
		return fault.BadRequest("bad_request", fmt.Sprintf("at most %d ids per export", MaxExportIDs))
	}
	for _, id := range b.IDs {
		if id <= 0 {
			return fault.BadRequest("bad_request", "ids must be archive record ids")
		}
	}
	ctx := c.Request().Context()
	shopID := sess.Shop.ID

	var count int64
	var next func() ([]store.ArchiveEntry, error)
	if b.IDs != nil {
		hs, err := h.st.ArchiveEntriesByID(ctx, shopID, b.IDs)
		if errors.Is(err, store.ErrNotFound) {
			return fault.NotFound("no such archived record")
		}
		if err != nil {
			return err
		}
		count = int64(len(hs))
		next = func() ([]store.ArchiveEntry, error) {
			page := hs
			hs = nil
			return page, nil
		}
	} else {
		n, maxID, err := h.st.ArchiveExtent(ctx, shopID)
		if err != nil {
			return err
		}
		count = n
		var after int64
		next = func() ([]store.ArchiveEntry, error) {
			if after >= maxID {
				return nil, nil
			}
			page, err := h.st.ArchiveEntriesAfter(ctx, shopID, after, maxID, exportPageSize)
			after = maxID
			if len(page) == exportPageSize {
				after = page[len(page)-1].ID
			}
			return page, err
		}
	}
	// The first page is read and unsealed before the audit entry and the
	// headers: a failure there leaves nothing exported and nothing recorded.
	page, err := h.openPage(next)
	if err != nil {
		return err
	}
	if err := h.st.AddEvent(ctx, &store.Event{
		ShopID: shopID, Actor: actor(sess), Action: "archive.exported",
		Detail: fmt.Sprintf("count=%d reason=%s", count, audited),
	}); err != nil {
		return err
	}

	now := h.now().UTC()
	hdr := c.Response().Header()
	hdr.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
	hdr.Set(echo.HeaderContentDisposition, `attachment; filename="`+exportFileName(sess.Shop.Domain, now)+`"`)
	c.Response().WriteHeader(http.StatusOK)
	w := c.Response()
	head, _ := json.Marshal(map[string]any{"shop": sess.Shop.Domain, "exported_at": rfc3339(now), "reason": reason, "count": count})
	w.Write(head[:len(head)-1])
	w.Write([]byte(`,"records":[`))
	first := true
	for len(page) > 0 {
		for _, r := range page {
			rec, err := json.Marshal(r)
			if err != nil {
				return err
			}
			if !first {
				w.Write([]byte{','})
			}
			first = false
			w.Write(rec)
		}
		if page, err = h.openPage(next); err != nil {
			return err // the download stays unterminated, so it cannot pass for complete
		}
	}
	_, err = w.Write([]byte("]}\n"))
	return err
}

// openPage reads the next page of records and unseals their kept fields.
func (h *API) openPage(next func() ([]store.ArchiveEntry, error)) ([]exportRecordJSON, error) {
	hs, err := next()
	if err != nil {
		return nil, err
	}
	out := make([]exportRecordJSON, 0, len(hs))
	for i := range hs {
		if err := h.st.OpenArchiveEntry(&hs[i]); err != nil {
			return nil, fault.Internal(fmt.Errorf("archive record %d: %w", hs[i].ID, err))
		}
		out = append(out, exportRecordJSON{archiveRecordJSON: toArchiveRecordJSON(&hs[i]), Fields: keptValues(&hs[i])})
	}
	return out, nil
}

// keptValues are the hold's unsealed fields limited to the ones it keeps.
func keptValues(h *store.ArchiveEntry) map[string]any {
	out := map[string]any{}
	for _, f := range h.KeptFields() {
		if v, ok := h.Fields[f]; ok {
			out[f] = v
		}
	}
	return out
}

// exportFileName is lethe-archive-<shop domain>-<UTC time>.json, with
// nothing in it that needs quoting.
func exportFileName(domain string, now time.Time) string {
	safe := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '-':
			return r
		case r >= 'A' && r <= 'Z':
			return r + ('a' - 'A')
		}
		return '_'
	}, domain)
	return "lethe-archive-" + safe + "-" + now.Format("20060102-150405") + ".json"
}
