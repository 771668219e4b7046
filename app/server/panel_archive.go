package server

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/store"
)

// The archive (/app/archive): records kept only because a law requires it
// (Art. 18(2) GDPR), counted by the month they are purged in, the records
// on legal hold, the export with a stated reason (the API's export, a
// download, audited) and what uninstalling does to the archive.

func (p *Panel) mountArchive(g *echo.Group) {
	g.GET("/archive", p.archive)
	g.POST("/archive/export", p.exportArchive, answerHeaders)
}

// archiveMonth is how many records are purged in one month.
type archiveMonth struct {
	Month time.Time // the month's first day
	Count int64
	Held  int64 // of which on legal hold (kept past the date)
}

// archiveData is the archive page's data.
type archiveData struct {
	Total  int64
	Months []archiveMonth
	Held   []store.ArchiveEntry // the records on legal hold (the newest 100)
	Reason string               // a refused export's reason, kept for the form
	Error  string               // why the export was refused
}

// archive serves GET /app/archive.
func (p *Panel) archive(c echo.Context) error {
	d, err := p.archiveData(c)
	if err != nil {
		return err
	}
	return p.renderArchive(c, http.StatusOK, d)
}

func (p *Panel) archiveData(c echo.Context) (*archiveData, error) {
	ctx := c.Request().Context()
	shopID := session(c).Shop.ID
	counts, err := p.api.st.ArchiveCounts(ctx, shopID)
	if err != nil {
		return nil, err
	}
	d := &archiveData{Months: archiveMonths(counts)}
	for _, m := range d.Months {
		d.Total += m.Count
	}
	on := true
	if d.Held, err = p.api.st.ListArchiveEntries(ctx, shopID, store.ArchiveFilter{OnHold: &on, Limit: 100}); err != nil {
		return nil, err
	}
	return d, nil
}

// archiveMonths groups the counts by the month of their purge date,
// earliest first.
func archiveMonths(counts []store.ArchiveDayCount) []archiveMonth {
	var out []archiveMonth
	for _, c := range counts {
		m := time.Date(c.RetainUntil.Year(), c.RetainUntil.Month(), 1, 0, 0, 0, 0, time.UTC)
		if len(out) == 0 || !out[len(out)-1].Month.Equal(m) {
			out = append(out, archiveMonth{Month: m})
		}
		last := &out[len(out)-1]
		last.Count += c.Count
		if c.LegalHold {
			last.Held += c.Count
		}
	}
	return out
}

func (p *Panel) renderArchive(c echo.Context, status int, d *archiveData) error {
	v := p.newView(c, "archive", "", d)
	v.Title = v.L.T("archive.title")
	return p.render(c, status, "archive", v)
}

// exportArchive serves POST /app/archive/export {reason}: the whole
// archive's kept fields as a JSON download, through the API's export
// (reason checked, audited before any data leave). Without a reason the
// page comes back saying why (400).
func (p *Panel) exportArchive(c echo.Context) error {
	reason := c.FormValue("reason")
	if _, _, err := statedReason(reason); err != nil {
		var fe *fault.Error
		if !errors.As(err, &fe) {
			return err
		}
		d, derr := p.archiveData(c)
		if derr != nil {
			return derr
		}
		d.Reason = reason
		d.Error = p.newView(c, "", "", nil).L.T("archive.export.reason_required", MinReasonLength)
		c.Response().Header().Del(echo.HeaderXFrameOptions) // a page again: the panel's own headers
		return p.renderArchive(c, http.StatusBadRequest, d)
	}
	return p.api.writeExport(c, session(c), exportBody{Reason: reason})
}

func init() {
	// month writes a month in the page's language: "März 2031" or "March 2031".
	panelFuncs["month"] = func(l lang, t time.Time) string {
		if l.DE() {
			return germanMonths[t.Month()-1] + " " + t.Format("2006")
		}
		return t.Format("January 2006")
	}
}
