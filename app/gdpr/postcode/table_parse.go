package postcode

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// entry is one postcode of tableDE and its states ("BY", or "HH+SH").
type entry struct {
	code   int
	states string
}

// entriesDE is tableDE parsed once, sorted by postcode.
var entriesDE = sync.OnceValue(func() []entry {
	es, err := parseTable(tableDE)
	if err != nil {
		panic(err) // table.go is generated and tested; a broken one is a build error
	}
	return es
})

// parseTable reads the line format gen.go writes: "ST first delta …".
func parseTable(t string) ([]entry, error) {
	var es []entry
	for i, line := range strings.Split(strings.TrimSpace(t), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			return nil, fmt.Errorf("postcode table line %d: %q has no postcode", i+1, line)
		}
		code := 0
		for j, s := range f[1:] {
			n, err := strconv.Atoi(s)
			if err != nil || n <= 0 && j > 0 {
				return nil, fmt.Errorf("postcode table line %d: bad number %q", i+1, s)
			}
			if j == 0 {
				code = n
			} else {
				code += n
			}
			if code > 99999 || len(es) > 0 && code <= es[len(es)-1].code {
				return nil, fmt.Errorf("postcode table line %d: %05d out of order", i+1, code)
			}
			es = append(es, entry{code: code, states: f[0]})
		}
	}
	return es, nil
}

// lookupDE returns the states of a five-digit postcode (nil if unknown).
func lookupDE(code string) []string {
	n, err := strconv.Atoi(code)
	if err != nil {
		return nil
	}
	es := entriesDE()
	i, ok := slices.BinarySearchFunc(es, n, func(e entry, n int) int { return e.code - n })
	if !ok {
		return nil
	}
	return strings.Split(es[i].states, "+")
}
