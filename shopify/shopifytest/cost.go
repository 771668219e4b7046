package shopifytest

import (
	"fmt"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Query cost, as Shopify documents it for the GraphQL Admin API
// (shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits):
//
//   - scalar and enum fields cost 0, object fields 1;
//   - interfaces and unions cost the maximum of their possible selections;
//   - a connection costs 2 plus, per node it can return, the cost of the
//     node's selection (the node object 1 plus its fields): requested cost
//     uses first/last, actual cost the nodes really returned; edges and
//     pageInfo add nothing (productVariants(first: 250){nodes{id}} requests
//     252 and, returning 10 variants, costs 12 — as Shopify answers);
//   - a plain list of objects (no connection) costs like one object;
//   - a mutation field costs 10; objects inside its payload are covered by
//     that, connections inside it are charged as above (draftOrderCreate
//     {draftOrder{id} userErrors{…}} costs 10 on Shopify);
//   - a null object field still costs 1, its subfields nothing (execution
//     stopped there).
//
// A single query may request at most MaxQueryCost.
const (
	MaxQueryCost = 1000
	mutationCost = 10
)

type coster struct {
	schema *ast.Schema
	doc    *ast.QueryDocument
	vars   map[string]any
	errs   gqlerror.List
}

func isConnection(def *ast.Definition) bool {
	return def != nil && def.Kind == ast.Object && strings.HasSuffix(def.Name, "Connection") &&
		def.Fields.ForName("pageInfo") != nil &&
		(def.Fields.ForName("edges") != nil || def.Fields.ForName("nodes") != nil)
}

func isLeaf(def *ast.Definition) bool {
	return def == nil || def.Kind == ast.Scalar || def.Kind == ast.Enum
}

func rootType(s *ast.Schema, op *ast.OperationDefinition) *ast.Definition {
	if op.Operation == ast.Mutation {
		return s.Mutation
	}
	return s.Query
}

// requested computes the requested cost of an operation and records the
// connection argument errors Shopify reports before execution.
func (c *coster) requested(op *ast.OperationDefinition) int {
	root := rootType(c.schema, op)
	if op.Operation != ast.Mutation {
		return c.selection(op.SelectionSet, root, 1, nil)
	}
	total := 0
	for _, col := range collectFields(c.schema, c.doc, c.vars, op.SelectionSet, root.Name) {
		fdef := root.Fields.ForName(col.fields[0].Name)
		if fdef == nil {
			continue
		}
		total += mutationCost + c.selection(col.subSelection(), c.schema.Types[fdef.Type.Name()], 0, ast.Path{ast.PathName(col.key)})
	}
	return total
}

// selection is the requested cost of set on def; objCost is 1, or 0 inside
// a mutation payload.
func (c *coster) selection(set ast.SelectionSet, def *ast.Definition, objCost int, path ast.Path) int {
	if def == nil || len(set) == 0 {
		return 0
	}
	if !def.IsAbstractType() {
		return c.concrete(set, def, objCost, path)
	}
	best := 0
	for _, p := range c.schema.GetPossibleTypes(def) {
		best = max(best, c.concrete(set, p, objCost, path))
	}
	return best
}

func (c *coster) concrete(set ast.SelectionSet, def *ast.Definition, objCost int, path ast.Path) int {
	sum := 0
	for _, col := range collectFields(c.schema, c.doc, c.vars, set, def.Name) {
		fdef := def.Fields.ForName(col.fields[0].Name)
		if fdef == nil {
			continue
		}
		sum += c.field(col, fdef, objCost, append(append(ast.Path(nil), path...), ast.PathName(col.key)))
	}
	return sum
}

func (c *coster) field(col collected, fdef *ast.FieldDefinition, objCost int, path ast.Path) int {
	named := c.schema.Types[fdef.Type.Name()]
	if isLeaf(named) {
		return 0
	}
	if isConnection(named) {
		return 2 + c.pageSize(col, path)*c.nodeCost(col.subSelection(), named, path)
	}
	return objCost + c.selection(col.subSelection(), named, objCost, path)
}

// pageSize reads first/last of a connection field, recording Shopify's
// errors for a missing or too large one.
func (c *coster) pageSize(col collected, path ast.Path) int {
	f := col.fields[0]
	args := f.ArgumentMap(c.vars)
	first, hasFirst := intArg(args, "first")
	last, hasLast := intArg(args, "last")
	switch {
	case !hasFirst && !hasLast:
		c.fail(f, path, "you must provide one of first or last")
		return 0
	case hasFirst && first > MaxPageSize:
		c.fail(f, path, "first cannot exceed 250. To query larger amounts of data with fewer limits, bulk operations should be used instead.")
		return first
	case hasLast && last > MaxPageSize:
		c.fail(f, path, "last cannot exceed 250. To query larger amounts of data with fewer limits, bulk operations should be used instead.")
		return last
	case hasFirst:
		return max(first, 0)
	default:
		return max(last, 0)
	}
}

func (c *coster) fail(f *ast.Field, path ast.Path, msg string) {
	e := &gqlerror.Error{Message: msg, Path: path, Extensions: map[string]any{"code": "BAD_REQUEST"}}
	if f.Position != nil {
		e.Locations = []gqlerror.Location{{Line: f.Position.Line, Column: f.Position.Column}}
	}
	c.errs = append(c.errs, e)
}

// nodeCost is the requested cost of one node of a connection selection:
// the larger of its edges{node{…}} and nodes{…} selections.
func (c *coster) nodeCost(set ast.SelectionSet, conn *ast.Definition, path ast.Path) int {
	best := 0
	for _, col := range collectFields(c.schema, c.doc, c.vars, set, conn.Name) {
		fdef := conn.Fields.ForName(col.fields[0].Name)
		if fdef == nil {
			continue
		}
		elem := c.schema.Types[fdef.Type.Name()]
		switch col.fields[0].Name {
		case "nodes":
			best = max(best, 1+c.selection(col.subSelection(), elem, 1, path))
		case "edges":
			for _, ec := range collectFields(c.schema, c.doc, c.vars, col.subSelection(), elem.Name) {
				if ec.fields[0].Name != "node" {
					continue
				}
				nd := c.schema.Types[elem.Fields.ForName("node").Type.Name()]
				best = max(best, 1+c.selection(ec.subSelection(), nd, 1, path))
			}
		}
	}
	return best
}

// actual computes the actual cost of an executed operation from its output.
func (c *coster) actual(op *ast.OperationDefinition, data *outObject) int {
	if data == nil {
		return 0
	}
	if op.Operation != ast.Mutation {
		return c.actualObject(op.SelectionSet, data, 1)
	}
	total := 0
	for _, col := range collectFields(c.schema, c.doc, c.vars, op.SelectionSet, data.typ) {
		v, _ := data.get(col.key)
		total += mutationCost
		if obj, ok := v.(*outObject); ok {
			total += c.actualObject(col.subSelection(), obj, 0)
		}
	}
	return total
}

func (c *coster) actualObject(set ast.SelectionSet, obj *outObject, objCost int) int {
	def := c.schema.Types[obj.typ]
	if def == nil {
		return 0
	}
	sum := 0
	for _, col := range collectFields(c.schema, c.doc, c.vars, set, obj.typ) {
		fdef := def.Fields.ForName(col.fields[0].Name)
		if fdef == nil {
			continue
		}
		v, _ := obj.get(col.key)
		sum += c.actualField(col, fdef, v, objCost)
	}
	return sum
}

func (c *coster) actualField(col collected, fdef *ast.FieldDefinition, v any, objCost int) int {
	named := c.schema.Types[fdef.Type.Name()]
	if isLeaf(named) {
		return 0
	}
	if isConnection(named) {
		conn, _ := v.(*outObject)
		if conn == nil {
			return 2
		}
		return 2 + c.actualNodes(col.subSelection(), conn)
	}
	switch v := v.(type) {
	case *outObject:
		return objCost + c.actualObject(col.subSelection(), v, objCost)
	case []any:
		best := 0
		for _, it := range v {
			if o, ok := it.(*outObject); ok {
				best = max(best, c.actualObject(col.subSelection(), o, objCost))
			}
		}
		return objCost + best
	default:
		return objCost
	}
}

// actualNodes is the cost of the nodes a connection returned.
func (c *coster) actualNodes(set ast.SelectionSet, conn *outObject) int {
	viaNodes, viaEdges := 0, 0
	for _, col := range collectFields(c.schema, c.doc, c.vars, set, conn.typ) {
		v, _ := conn.get(col.key)
		list, _ := v.([]any)
		switch col.fields[0].Name {
		case "nodes":
			sum := 0
			for _, it := range list {
				if o, ok := it.(*outObject); ok {
					sum += 1 + c.actualObject(col.subSelection(), o, 1)
				}
			}
			viaNodes = max(viaNodes, sum)
		case "edges":
			sum := 0
			for _, it := range list {
				edge, ok := it.(*outObject)
				if !ok {
					continue
				}
				for _, ec := range collectFields(c.schema, c.doc, c.vars, col.subSelection(), edge.typ) {
					if ec.fields[0].Name != "node" {
						continue
					}
					if o, ok := edgeValue(edge, ec.key).(*outObject); ok {
						sum += 1 + c.actualObject(ec.subSelection(), o, 1)
					}
				}
			}
			viaEdges = max(viaEdges, sum)
		}
	}
	return max(viaNodes, viaEdges)
}

func edgeValue(edge *outObject, key string) any {
	v, _ := edge.get(key)
	return v
}

// maxCostError is Shopify's answer to a query over MaxQueryCost.
func maxCostError(cost int) map[string]any {
	return map[string]any{
		"message": fmt.Sprintf("Query cost is %d, which exceeds the single query max cost limit (%d).\n\n"+
			"See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n"+
			"cost of a query is calculated.\n\n"+
			"To query larger amounts of data with fewer limits, bulk operations should be used instead.\n"+
			"See https://shopify.dev/api/usage/bulk-operations/queries for usage details.\n", cost, MaxQueryCost),
		"extensions": map[string]any{
			"code":          "MAX_COST_EXCEEDED",
			"cost":          cost,
			"maxCost":       MaxQueryCost,
			"documentation": "https://shopify.dev/api/usage/rate-limits",
		},
	}
}
