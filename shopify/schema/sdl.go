package schema

import (
	"fmt"
	"strings"

	"github.com/vektah/gqlparser/v2/validator"
)

// toSDL renders an introspection result as schema definition language that
// gqlparser can load. Descriptions are left out (validation and execution do
// not need them); everything that affects validation is kept: kinds, fields,
// arguments with default values, interfaces (also on interfaces), union
// members, enum values, input objects (@oneOf), deprecations, custom scalars
// (@specifiedBy) and custom directives. Types and directives that gqlparser's
// prelude already declares (built-in scalars, introspection types, @skip …)
// are skipped so they are not declared twice.
func toSDL(s *introspectionSchema) (string, error) {
	builtIn := preludeNames()
	var b strings.Builder

	b.WriteString("schema {\n")
	if s.QueryType == nil {
		return "", fmt.Errorf("introspection has no query type")
	}
	fmt.Fprintf(&b, "  query: %s\n", s.QueryType.Name)
	if s.MutationType != nil {
		fmt.Fprintf(&b, "  mutation: %s\n", s.MutationType.Name)
	}
	if s.SubscriptionType != nil {
		fmt.Fprintf(&b, "  subscription: %s\n", s.SubscriptionType.Name)
	}
	b.WriteString("}\n\n")

	for _, d := range s.Directives {
		if builtIn[d.Name] {
			continue
		}
		fmt.Fprintf(&b, "directive @%s%s", d.Name, argsSDL(d.Args))
		if d.IsRepeatable {
			b.WriteString(" repeatable")
		}
		fmt.Fprintf(&b, " on %s\n\n", strings.Join(d.Locations, " | "))
	}

	for i := range s.Types {
		t := &s.Types[i]
		if builtIn[t.Name] || strings.HasPrefix(t.Name, "__") {
			continue
		}
		if err := typeSDL(&b, t); err != nil {
			return "", err
		}
		b.WriteString("\n")
	}
	return b.String(), nil
}

func typeSDL(b *strings.Builder, t *introspectionType) error {
	switch t.Kind {
	case "SCALAR":
		fmt.Fprintf(b, "scalar %s", t.Name)
		if t.SpecifiedByURL != nil {
			fmt.Fprintf(b, " @specifiedBy(url: %s)", quote(*t.SpecifiedByURL))
		}
		b.WriteString("\n")
	case "OBJECT", "INTERFACE":
		kw := "type"
		if t.Kind == "INTERFACE" {
			kw = "interface"
		}
		fmt.Fprintf(b, "%s %s%s {\n", kw, t.Name, implementsSDL(t.Interfaces))
		for _, f := range t.Fields {
			fmt.Fprintf(b, "  %s%s: %s%s\n", f.Name, argsSDL(f.Args), refSDL(f.Type), deprecatedSDL(f.IsDeprecated, f.DeprecationReason))
		}
		b.WriteString("}\n")
	case "UNION":
		members := make([]string, 0, len(t.PossibleTypes))
		for _, p := range t.PossibleTypes {
			members = append(members, refSDL(p))
		}
		fmt.Fprintf(b, "union %s = %s\n", t.Name, strings.Join(members, " | "))
	case "ENUM":
		fmt.Fprintf(b, "enum %s {\n", t.Name)
		for _, v := range t.EnumValues {
			fmt.Fprintf(b, "  %s%s\n", v.Name, deprecatedSDL(v.IsDeprecated, v.DeprecationReason))
		}
		b.WriteString("}\n")
	case "INPUT_OBJECT":
		oneOf := ""
		if t.IsOneOf != nil && *t.IsOneOf {
			oneOf = " @oneOf"
		}
		fmt.Fprintf(b, "input %s%s {\n", t.Name, oneOf)
		for _, f := range t.InputFields {
			fmt.Fprintf(b, "  %s\n", inputValueSDL(f))
		}
		b.WriteString("}\n")
	default:
		return fmt.Errorf("type %s: unknown kind %q", t.Name, t.Kind)
	}
	return nil
}

func implementsSDL(ifaces []typeRef) string {
	if len(ifaces) == 0 {
		return ""
	}
	names := make([]string, 0, len(ifaces))
	for _, i := range ifaces {
		names = append(names, refSDL(i))
	}
	return " implements " + strings.Join(names, " & ")
}

func argsSDL(args []inputValue) string {
	if len(args) == 0 {
		return ""
	}
	parts := make([]string, 0, len(args))
	for _, a := range args {
		parts = append(parts, inputValueSDL(a))
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func inputValueSDL(v inputValue) string {
	s := v.Name + ": " + refSDL(v.Type)
	if v.DefaultValue != nil {
		s += " = " + *v.DefaultValue
	}
	return s + deprecatedSDL(v.IsDeprecated, v.DeprecationReason)
}

func deprecatedSDL(deprecated bool, reason *string) string {
	if !deprecated {
		return ""
	}
	if reason == nil {
		return " @deprecated"
	}
	return " @deprecated(reason: " + quote(*reason) + ")"
}

// refSDL renders a type reference such as [String!]!.
func refSDL(r typeRef) string {
	switch r.Kind {
	case "NON_NULL":
		if r.OfType == nil {
			return "?"
		}
		return refSDL(*r.OfType) + "!"
	case "LIST":
		if r.OfType == nil {
			return "[?]"
		}
		return "[" + refSDL(*r.OfType) + "]"
	default:
		if r.Name == nil {
			return "?"
		}
		return *r.Name
	}
}

// quote renders s as a GraphQL string literal. GraphQL knows fewer escapes
// than Go (no \x, no \U), so strconv.Quote is not usable.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// preludeNames lists the types and directives gqlparser declares itself.
func preludeNames() map[string]bool {
	names := map[string]bool{}
	doc := validator.PreludeDocument()
	for _, d := range doc.Definitions {
		names[d.Name] = true
	}
	for _, d := range doc.Directives {
		names[d.Name] = true
	}
	return names
}
