package shopifytest

import (
	"fmt"
	"reflect"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// The executor runs a validated operation over resolver values:
//
//   - an object is a map[string]any from field name to value; a value may
//     be a lazy func(args) (any, error) for fields that take arguments or
//     are costly; "__typename" in the map names the runtime type where the
//     field's type is an interface or union;
//   - scalars and enums are Go strings, bools, ints and floats, already in
//     the JSON form Shopify uses (Decimal and UnsignedInt64 as strings);
//   - lists are slices.
//
// A field missing from its map resolves to null when nullable and to a field
// error when non-null, so a resolver a query needs but nobody wrote shows up
// as an error instead of silently passing. Adding a field means adding a key
// to the object's map (see resolve_*.go).
type lazy func(args map[string]any) (any, error)

type executor struct {
	schema *ast.Schema
	doc    *ast.QueryDocument
	vars   map[string]any
	errs   gqlerror.List
}

func (x *executor) fieldError(f *ast.Field, path ast.Path, msg string, ext map[string]any) {
	e := &gqlerror.Error{Message: msg, Path: append(ast.Path(nil), path...), Extensions: ext}
	if f.Position != nil {
		e.Locations = []gqlerror.Location{{Line: f.Position.Line, Column: f.Position.Column}}
	}
	x.errs = append(x.errs, e)
}

// selectionSet executes set on an object of type def. ok is false when a
// non-null field came back null, which nulls the object itself.
func (x *executor) selectionSet(set ast.SelectionSet, def *ast.Definition, val map[string]any, path ast.Path) (*outObject, bool) {
	out := &outObject{typ: def.Name}
	for _, c := range collectFields(x.schema, x.doc, x.vars, set, def.Name) {
		f := c.fields[0]
		fpath := append(append(ast.Path(nil), path...), ast.PathName(c.key))
		if f.Name == "__typename" {
			out.set(c.key, def.Name)
			continue
		}
		fdef := def.Fields.ForName(f.Name)
		if fdef == nil {
			x.fieldError(f, fpath, fmt.Sprintf("Field '%s' doesn't exist on type '%s'", f.Name, def.Name), nil)
			return nil, false
		}
		raw, err := x.resolve(val, f, fdef, def)
		if err != nil {
			ext := map[string]any(nil)
			if ce, ok := err.(codedError); ok {
				ext = map[string]any{"code": ce.code}
				for k, v := range ce.ext {
					ext[k] = v
				}
			}
			x.fieldError(f, fpath, err.Error(), ext)
			raw = nil
		}
		v, ok := x.complete(fdef.Type, c, raw, fpath, err != nil)
		if !ok {
			return nil, false
		}
		out.set(c.key, v)
	}
	return out, true
}

func (x *executor) resolve(val map[string]any, f *ast.Field, fdef *ast.FieldDefinition, parent *ast.Definition) (any, error) {
	raw, ok := val[f.Name]
	if !ok {
		if fdef.Type.NonNull {
			return nil, fmt.Errorf("shopifytest: the emulator does not implement %s.%s", parent.Name, f.Name)
		}
		return nil, nil
	}
	if fn, ok := raw.(lazy); ok {
		return fn(f.ArgumentMap(x.vars))
	}
	return raw, nil
}

// complete turns a resolved value into its output for type typ. ok false
// means the value is null because of a non-null violation below or here.
func (x *executor) complete(typ *ast.Type, c collected, raw any, path ast.Path, errored bool) (any, bool) {
	if typ.NonNull {
		inner := *typ
		inner.NonNull = false
		v, ok := x.complete(&inner, c, raw, path, errored)
		if !ok {
			return nil, false
		}
		if v == nil {
			if !errored {
				x.fieldError(c.fields[0], path, fmt.Sprintf("Cannot return null for non-nullable field %s", c.fields[0].Name), nil)
			}
			return nil, false
		}
		return v, true
	}
	if isNil(raw) {
		return nil, true
	}
	if typ.Elem != nil {
		rv := reflect.ValueOf(raw)
		if rv.Kind() != reflect.Slice {
			x.fieldError(c.fields[0], path, "shopifytest: list field resolved to a non-list", nil)
			return nil, true
		}
		items := make([]any, 0, rv.Len())
		for i := 0; i < rv.Len(); i++ {
			v, ok := x.complete(typ.Elem, c, rv.Index(i).Interface(), append(append(ast.Path(nil), path...), ast.PathIndex(i)), false)
			if !ok {
				return nil, true
			}
			items = append(items, v)
		}
		return items, true
	}
	def := x.schema.Types[typ.NamedType]
	if def == nil || def.Kind == ast.Scalar || def.Kind == ast.Enum {
		return raw, true
	}
	m, ok := raw.(map[string]any)
	if !ok {
		x.fieldError(c.fields[0], path, "shopifytest: object field resolved to a non-object", nil)
		return nil, true
	}
	if def.IsAbstractType() {
		name, _ := m["__typename"].(string)
		def = x.schema.Types[name]
		if def == nil {
			x.fieldError(c.fields[0], path, "shopifytest: abstract value without __typename", nil)
			return nil, true
		}
	}
	obj, ok := x.selectionSet(c.subSelection(), def, m, path)
	if !ok {
		return nil, true
	}
	return obj, true
}

// isNil reports nil, including typed nil maps, slices and pointers (a
// resolver returning a nil *Customer's object means null).
func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Map, reflect.Slice, reflect.Pointer, reflect.Func:
		return rv.IsNil()
	}
	return false
}

// codedError is a resolver error answered with extensions.code.
type codedError struct {
	code string
	msg  string
	ext  map[string]any // further extensions (documentation, requiredAccess …)
}

func (e codedError) Error() string { return e.msg }
