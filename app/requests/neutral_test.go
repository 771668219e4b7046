package requests

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// platformPackages may know their own names; nothing else may.
var platformPackages = []string{"shopify/", "woocommerce/"}

// platformBranch is a decision on which platform a request or shop has:
// a comparison with a platform's name, or with a request's source (a label
// for the merchant, not a fact to decide by).
var platformBranch = regexp.MustCompile(`[!=]=\s*"(shopify|woocommerce)"|"(shopify|woocommerce)"\s*[!=]=|case\s+"(shopify|woocommerce)"|\.Source\s*[!=]=|[!=]=\s*\w+\.Source\b`)

// stateSource is a comparison of where a shop's federal state came from
// (postcode.SourcePostcode, postcode.SourceMerchant): not a platform.
var stateSource = regexp.MustCompile(`\.Source\s*[!=]=\s*(postcode\.)?Source(Postcode|Merchant)\b`)

// sources lists the repository's Go files (tests excluded) with their
// path from the repository root.
func sources(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "testdata-cache" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := out["app/requests/states.go"]; !ok {
		t.Fatal("repository not found from app/requests")
	}
	return out
}

// TestCoreNeverAsksWhichPlatform: outside the platform packages nothing
// branches on a platform's name or a request's source; what differs by
// platform is recorded on the request at intake (Initiator, Automatic) or
// decided by the platform's connector.
func TestCoreNeverAsksWhichPlatform(t *testing.T) {
	for path, src := range sources(t) {
		if hasPrefix(path, platformPackages) {
			continue
		}
		for i, line := range strings.Split(src, "\n") {
			if platformBranch.MatchString(line) && !stateSource.MatchString(line) {
				t.Errorf("%s:%d branches on the platform: %s", path, i+1, strings.TrimSpace(line))
			}
		}
	}
}

// TestStatusChangesOnlyThroughTransition: the store's status write is
// called by Transition alone.
func TestStatusChangesOnlyThroughTransition(t *testing.T) {
	for path, src := range sources(t) {
		if path == "app/requests/states.go" || path == "app/store/request.go" {
			continue
		}
		if strings.Contains(src, "MoveRequestStatus(") {
			t.Errorf("%s writes a request's status past requests.Transition", path)
		}
	}
}

func hasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
