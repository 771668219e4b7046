package woocommerce

import (
	"archive/zip"
	"bytes"
	"embed"
	"io/fs"
	"net/http"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// pluginZipPath serves the companion plugin as WordPress installs it: a
// zip holding the folder lethe-privacy.
const pluginZipPath = "/woocommerce/lethe-privacy.zip"

//go:embed all:plugin/lethe-privacy
var pluginFiles embed.FS

var pluginZip = sync.OnceValues(func() ([]byte, error) { return zipPlugin(pluginFiles) })

// zipPlugin packs plugin/lethe-privacy as lethe-privacy/… .
func zipPlugin(fsys fs.FS) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	stamp := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) // embedded files carry no time
	err := fs.WalkDir(fsys, "plugin/lethe-privacy", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: path[len("plugin/"):], Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// pluginDownload serves GET /woocommerce/lethe-privacy.zip.
func (a *App) pluginDownload(c echo.Context) error {
	b, err := pluginZip()
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="lethe-privacy.zip"`)
	return c.Blob(http.StatusOK, "application/zip", b)
}
