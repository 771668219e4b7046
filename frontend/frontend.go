// Package frontend holds the admin panel's templates and static files,
// embedded in the binary: no Node build step, no CDN (Shopify's App Bridge
// excepted, which the embedded mode must load from Shopify). htmx is
// vendored from its npm package by scripts/vendor-frontend.sh.
package frontend

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
)

// Templates are the panel's pages (templates/*.html.tmpl): layout.html.tmpl
// holds the frame every page shares, each other file one page or partial.
//
//go:embed templates
var Templates embed.FS

//go:embed static
var static embed.FS

// Static is the panel's static files (htmx, the style sheet, the page
// script), served under /app/static/.
func Static() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the folder is embedded above
	}
	return sub
}

// Version is a short hash of the static files, appended to their URLs so
// they can be cached for a year and still change with every release.
var Version = func() string {
	h := sha256.New()
	_ = fs.WalkDir(static, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := static.ReadFile(path)
		h.Write([]byte(path))
		h.Write(b)
		return err
	})
	return hex.EncodeToString(h.Sum(nil))[:12]
}()
