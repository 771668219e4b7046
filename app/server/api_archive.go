package server

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/store"
)

// The shop's retention archive: records kept only because a law requires
// it, restricted (Art. 18(2) GDPR). Lists show what is kept, why and until
// when, never the data; the data leave only through an export with a stated
// reason, which is audited.
//
//	GET    /api/archive             the shop's archived records without their data
//	POST   /api/archive/export      the records' kept fields, for a stated reason (audited)
//	POST   /api/archive/:id/hold    set a legal hold (§147(3) AO; audited)
//	DELETE /api/archive/:id/hold    lift it (audited)
//	GET    /api/archive/purges      the last purge runs (counts only)

// MaxArchivePage is the largest ?limit= of GET /api/archive.
const MaxArchivePage = 500

// listArchive serves GET /api/archive?record_type&on_hold&limit&before:
// the shop's archived records, newest first, without their data;
// next_before is the cursor of the next page.
func (h *API) listArchive(c echo.Context) error {
	sess := session(c)
	f, err := archiveFilter(c)
	if err != nil {
		return err
	}
	hs, err := h.st.ListArchiveEntries(c.Request().Context(), sess.Shop.ID, f)
	if err != nil {
		return err
	}
	out := archivePage{Records: make([]archiveRecordJSON, 0, len(hs))}
	for i := range hs {
		out.Records = append(out.Records, toArchiveRecordJSON(&hs[i]))
	}
	if len(hs) == f.Limit && len(hs) > 0 {
		out.NextBefore = hs[len(hs)-1].ID
	}
	noStore(c)
	return c.JSON(http.StatusOK, out)
}

func archiveFilter(c echo.Context) (store.ArchiveFilter, error) {
	f := store.ArchiveFilter{RecordType: c.QueryParam("record_type"), Limit: 100}
	if len(f.RecordType) > 64 {
		return f, fault.BadRequest("bad_request", "record_type is too long")
	}
	if v := c.QueryParam("on_hold"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return f, fault.BadRequest("bad_request", "on_hold must be true or false")
		}
		f.OnHold = &b
	}
	if v := c.QueryParam("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxArchivePage {
			return f, fault.BadRequest("bad_request", "limit must be a whole number from 1 to "+strconv.Itoa(MaxArchivePage))
		}
		f.Limit = n
	}
	if v := c.QueryParam("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			return f, fault.BadRequest("bad_request", "before must be an archive record id")
		}
		f.Before = n
	}
	return f, nil
}

type archivePage struct {
	Records    []archiveRecordJSON `json:"records"`
	NextBefore int64               `json:"next_before,omitempty"`
}

// archiveRecordJSON is an archived record as lists show it: what is kept,
// on which legal basis, until when — not the kept values.
type archiveRecordJSON struct {
	ID             int64    `json:"id"`
	System         string   `json:"system"`
	RecordType     string   `json:"record_type"`
	RecordID       string   `json:"record_id"`
	LegalReference string   `json:"legal_reference"`
	KeepFields     []string `json:"keep_fields"`
	RetainUntil    string   `json:"retain_until"`
	LegalHold      bool     `json:"legal_hold"`
	HoldReason     string   `json:"hold_reason"`
	RequestID      *int64   `json:"request_id"`
	CreatedAt      string   `json:"created_at"`
}

func toArchiveRecordJSON(h *store.ArchiveEntry) archiveRecordJSON {
	return archiveRecordJSON{
		ID: h.ID, System: h.System, RecordType: h.RecordType, RecordID: h.RecordID,
		LegalReference: h.LegalReference, KeepFields: h.KeptFields(), RetainUntil: h.RetainUntil.String(),
		LegalHold: h.LegalHold, HoldReason: h.HoldReason, RequestID: h.RequestID, CreatedAt: rfc3339(h.CreatedAt),
	}
}

// MaxPurgeRuns is the largest ?limit= of GET /api/archive/purges.
const MaxPurgeRuns = 366

// listPurges serves GET /api/archive/purges?limit: the last runs of the
// daily purge, newest first. The runs are global (one per day for every
// shop) and carry counts only.
func (h *API) listPurges(c echo.Context) error {
	limit := 30
	if v := c.QueryParam("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxPurgeRuns {
			return fault.BadRequest("bad_request", "limit must be a whole number from 1 to "+strconv.Itoa(MaxPurgeRuns))
		}
		limit = n
	}
	rs, err := h.st.PurgeRuns(c.Request().Context(), limit)
	if err != nil {
		return err
	}
	type runJSON struct {
		Day        string  `json:"day"`
		Purged     int64   `json:"purged"`
		Held       int64   `json:"held"`
		FinishedAt *string `json:"finished_at"`
	}
	out := struct {
		Runs []runJSON `json:"runs"`
	}{Runs: make([]runJSON, 0, len(rs))}
	for _, r := range rs {
		out.Runs = append(out.Runs, runJSON{Day: r.Day.String(), Purged: r.Purged, Held: r.Held, FinishedAt: optTime(r.FinishedAt)})
	}
	noStore(c)
	return c.JSON(http.StatusOK, out)
}
