package shopifytest

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
)

// UnauthorizedBody is Shopify's answer to a missing, wrong or expired token.
const UnauthorizedBody = `{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}`

type graphQLRequest struct {
	Query         string         `json:"query"`
	Variables     map[string]any `json:"variables"`
	OperationName string         `json:"operationName"`
}

// graphQLResponse keeps Shopify's key order: data, errors, extensions.
type graphQLResponse struct {
	Data       any `json:"data,omitempty"`
	Errors     any `json:"errors,omitempty"`
	Extensions any `json:"extensions,omitempty"`
}

var nullData = json.RawMessage("null")

// handleGraphQL serves POST /admin/api/{version}/graphql.json. The emulator
// lock is held throughout, so requests run one at a time.
func (e *Emulator) handleGraphQL(w http.ResponseWriter, r *http.Request, sh *shop, version string) {
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"errors": "Method Not Allowed"})
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"errors": "Bad Request"})
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.stats.Requests++
	if !e.versions[version] {
		writeJSON(w, http.StatusNotFound, map[string]any{"errors": "Not Found"})
		return
	}
	if f := e.faultFor(e.stats.Requests); f != 0 {
		e.stats.Injected++
		writeFault(w, f)
		return
	}
	now := e.now()
	at := e.tokens.valid(now, r.Header.Get("X-Shopify-Access-Token"), sh.domain)
	if at == nil || !sh.installed {
		e.stats.Unauthorized++
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, UnauthorizedBody)
		return
	}
	at.used = true

	req, ok := decodeGraphQLRequest(r, body)
	if !ok || req.Query == "" {
		writeJSON(w, http.StatusBadRequest, map[string]any{"errors": map[string]any{"query": "Required parameter missing or invalid"}})
		return
	}
	b := e.bucketFor(sh)
	doc, errs := parseAndValidate(e.schema, req.Query)
	if len(errs) > 0 {
		e.stats.InvalidQueries++
		writeJSON(w, http.StatusOK, graphQLResponse{Errors: shopifyErrors(errs), Extensions: costExtension(0, 0, b.status(now))})
		return
	}
	op := doc.Operations.ForName(req.OperationName)
	if op == nil {
		msg := "An operation name is required"
		if req.OperationName != "" {
			msg = "No operation named \"" + req.OperationName + "\""
		}
		writeJSON(w, http.StatusOK, graphQLResponse{Errors: []map[string]any{{"message": msg}}, Extensions: costExtension(0, 0, b.status(now))})
		return
	}
	vars, err := validator.VariableValues(e.schema, op, req.Variables)
	if err != nil {
		writeJSON(w, http.StatusOK, graphQLResponse{
			Errors:     []map[string]any{{"message": err.Error(), "extensions": map[string]any{"code": "INVALID_VARIABLE"}}},
			Extensions: costExtension(0, 0, b.status(now)),
		})
		return
	}
	e.execute(w, sh, at.scope, b, doc, op, vars)
}

func (e *Emulator) execute(w http.ResponseWriter, sh *shop, scope string, b *bucket, doc *ast.QueryDocument, op *ast.OperationDefinition, vars map[string]any) {
	now := e.now()
	c := &coster{schema: e.schema, doc: doc, vars: vars}
	requested := c.requested(op)
	if len(c.errs) > 0 {
		writeJSON(w, http.StatusOK, graphQLResponse{Data: nullData, Errors: errorList(c.errs), Extensions: costExtension(requested, requested, b.status(now))})
		return
	}
	if requested > MaxQueryCost {
		e.stats.MaxCostExceeded++
		writeJSON(w, http.StatusOK, graphQLResponse{Errors: []map[string]any{maxCostError(requested)}})
		return
	}
	if !b.take(now, requested) {
		e.stats.Throttled++
		writeJSON(w, http.StatusOK, graphQLResponse{
			Errors: []map[string]any{{
				"message":    "Throttled",
				"extensions": map[string]any{"code": "THROTTLED", "documentation": "https://shopify.dev/api/usage/rate-limits"},
			}},
			Extensions: costExtension(requested, nil, b.status(now)),
		})
		return
	}
	e.stats.Executed++
	root := e.queryRoot(sh, scope)
	if op.Operation == ast.Mutation {
		root = e.mutationRoot(sh)
	}
	x := &executor{schema: e.schema, doc: doc, vars: vars}
	data, ok := x.selectionSet(op.SelectionSet, rootType(e.schema, op), root, nil)
	actual := c.actual(op, data)
	if actual < requested {
		b.refund(now, requested-actual)
	}
	resp := graphQLResponse{Data: data, Extensions: costExtension(requested, actual, b.status(now))}
	if !ok {
		resp.Data = nullData
	}
	if len(x.errs) > 0 {
		resp.Errors = errorList(x.errs)
	}
	writeJSON(w, http.StatusOK, resp)
}

func costExtension(requested int, actual any, status map[string]any) map[string]any {
	return map[string]any{"cost": map[string]any{
		"requestedQueryCost": requested,
		"actualQueryCost":    actual,
		"throttleStatus":     status,
	}}
}

func decodeGraphQLRequest(r *http.Request, body []byte) (graphQLRequest, bool) {
	var req graphQLRequest
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/graphql" {
		req.Query = string(body)
		return req, true
	}
	if err := json.Unmarshal(body, &req); err != nil {
		return req, false
	}
	return req, true
}

func parseAndValidate(s *ast.Schema, query string) (*ast.QueryDocument, gqlerror.List) {
	doc, err := parser.ParseQuery(&ast.Source{Name: "query", Input: query})
	if err != nil {
		if ge, ok := err.(*gqlerror.Error); ok {
			return nil, gqlerror.List{ge}
		}
		return nil, gqlerror.List{gqlerror.Wrap(err)}
	}
	if errs := validator.ValidateWithRules(s, doc, nil); len(errs) > 0 {
		return nil, errs
	}
	return doc, nil
}

func writeFault(w http.ResponseWriter, f Fault) {
	switch f {
	case FaultServerError:
		writeJSON(w, http.StatusInternalServerError, map[string]any{"errors": "Internal Server Error"})
	case FaultBadGateway:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = io.WriteString(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
	case FaultTooManyRequests:
		w.Header().Set("Retry-After", "1.0")
		writeJSON(w, http.StatusTooManyRequests, map[string]any{"errors": "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."})
	case FaultInternalError:
		id := randomHex(8)
		writeJSON(w, http.StatusOK, graphQLResponse{Errors: []map[string]any{{
			"message":    "Internal error. Looks like something went wrong on our end.\nRequest ID: " + id + " (include this in support requests).",
			"extensions": map[string]any{"code": "INTERNAL_SERVER_ERROR", "requestId": id},
		}}})
	}
}
