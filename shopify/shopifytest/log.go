package shopifytest

import "time"

// MutationCall records one executed mutation field.
type MutationCall struct {
	Shop  string
	Field string         // e.g. "customerRequestDataErasure"
	Args  map[string]any // coerced arguments
	At    time.Time
	// UserErrors is the number of userErrors the emulator answered.
	UserErrors int
}

// Stats counts what the GraphQL endpoint answered.
type Stats struct {
	Requests        int // every POST to graphql.json
	Unauthorized    int
	Throttled       int
	MaxCostExceeded int
	InvalidQueries  int // parse and validation errors
	Injected        int // faults injected
	Executed        int // queries that ran
}

// Mutations returns the mutations executed on a shop ("" for all shops).
func (e *Emulator) Mutations(domain string) []MutationCall {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []MutationCall
	for _, m := range e.log {
		if domain == "" || m.Shop == domain {
			out = append(out, m)
		}
	}
	return out
}

// MutationCount counts the calls of one mutation field with an argument
// value, e.g. ("customerRequestDataErasure", "customerId", gid).
func (e *Emulator) MutationCount(domain, field, arg string, value any) int {
	n := 0
	for _, m := range e.Mutations(domain) {
		if m.Field == field && (arg == "" || m.Args[arg] == value) {
			n++
		}
	}
	return n
}

// Stats returns the GraphQL endpoint's counters.
func (e *Emulator) Stats() Stats {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.stats
}
