package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/chromedp/chromedp"
)

// axePath is axe-core's script (vendored from its npm package).
const axePath = "cmd/lethe/testdata/axe.min.js"

var (
	axeOnce sync.Once
	axeSrc  string
	axeErr  error
)

// axeRun runs axe-core on the document with the WCAG 2.1 A/AA rules and
// the best practices, answering the violations.
const axeRun = `axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.map(String), summary: n.failureSummary || ''}))})))`

// Violation is one axe-core rule the page breaks.
type Violation struct {
	ID, Impact, Help, HelpURL string
	Nodes                     []struct {
		Target  []string
		Summary string
	}
}

func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s — %s", v.ID, v.Impact, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    %s", strings.Join(n.Target, " "))
		if n.Summary != "" {
			fmt.Fprintf(&b, ": %s", strings.ReplaceAll(n.Summary, "\n", " "))
		}
	}
	return b.String()
}

// Axe runs axe-core in the page as it is now and fails the test on any
// violation of impact serious or critical (rule, elements, help); lesser
// ones are logged. It answers every violation found.
func (p *Page) Axe() []Violation {
	p.tb.Helper()
	axeOnce.Do(func() {
		var b []byte
		b, axeErr = os.ReadFile(filepath.Join(RepoRoot(p.tb), axePath))
		axeSrc = string(b)
	})
	if axeErr != nil {
		p.tb.Fatalf("browser: axe-core: %v", axeErr)
	}
	if !Eval[bool](p, `typeof axe !== 'undefined'`) {
		p.do("inject axe-core", chromedp.Evaluate[chromedp.Void](axeSrc))
	}
	vs := Eval[[]Violation](p, axeRun)
	where, _, _ := strings.Cut(p.Location(), "?") // no session token in the log
	for _, v := range vs {
		switch v.Impact {
		case "serious", "critical":
			p.tb.Errorf("axe: %s:\n  %s", where, v)
		default:
			p.tb.Logf("axe (%s, not failing): %s:\n  %s", v.Impact, where, v)
		}
	}
	return vs
}
