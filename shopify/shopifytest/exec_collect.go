package shopifytest

import (
	"github.com/vektah/gqlparser/v2/ast"
)

// collected is one response key with the fields merged under it.
type collected struct {
	key    string
	fields []*ast.Field
}

// subSelection merges the selection sets of the fields under one key.
func (c collected) subSelection() ast.SelectionSet {
	if len(c.fields) == 1 {
		return c.fields[0].SelectionSet
	}
	var set ast.SelectionSet
	for _, f := range c.fields {
		set = append(set, f.SelectionSet...)
	}
	return set
}

// collectFields flattens a selection set for an object of runtime type
// typeName: fragments (named and inline) whose type condition applies are
// expanded, @skip/@include honoured, and fields grouped by response key in
// first-seen order (GraphQL's CollectFields).
func collectFields(s *ast.Schema, doc *ast.QueryDocument, vars map[string]any, set ast.SelectionSet, typeName string) []collected {
	var out []collected
	index := map[string]int{}
	visited := map[string]bool{}
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch sel := sel.(type) {
			case *ast.Field:
				if !included(sel.Directives, vars) {
					continue
				}
				key := sel.Alias
				if key == "" {
					key = sel.Name
				}
				if i, ok := index[key]; ok {
					out[i].fields = append(out[i].fields, sel)
					continue
				}
				index[key] = len(out)
				out = append(out, collected{key: key, fields: []*ast.Field{sel}})
			case *ast.InlineFragment:
				if !included(sel.Directives, vars) || !typeApplies(s, sel.TypeCondition, typeName) {
					continue
				}
				walk(sel.SelectionSet)
			case *ast.FragmentSpread:
				if !included(sel.Directives, vars) || visited[sel.Name] {
					continue
				}
				frag := doc.Fragments.ForName(sel.Name)
				if frag == nil || !typeApplies(s, frag.TypeCondition, typeName) {
					continue
				}
				visited[sel.Name] = true
				walk(frag.SelectionSet)
			}
		}
	}
	walk(set)
	return out
}

// typeApplies reports whether a fragment on condition applies to an object
// of type typeName.
func typeApplies(s *ast.Schema, condition, typeName string) bool {
	if condition == "" || condition == typeName {
		return true
	}
	def := s.Types[condition]
	if def == nil {
		return false
	}
	for _, p := range s.GetPossibleTypes(def) {
		if p.Name == typeName {
			return true
		}
	}
	return false
}

func included(dirs ast.DirectiveList, vars map[string]any) bool {
	if d := dirs.ForName("skip"); d != nil {
		if v, _ := d.ArgumentMap(vars)["if"].(bool); v {
			return false
		}
	}
	if d := dirs.ForName("include"); d != nil {
		if v, _ := d.ArgumentMap(vars)["if"].(bool); !v {
			return false
		}
	}
	return true
}
