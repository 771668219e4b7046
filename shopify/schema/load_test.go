package schema

import (
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

func TestForTestLoadsAdminSchema(t *testing.T) {
	s := ForTest(t)
	if s.Query == nil || s.Query.Name != "QueryRoot" {
		t.Fatalf("query type = %v, want QueryRoot", s.Query)
	}
	if s.Mutation == nil || s.Mutation.Name != "Mutation" {
		t.Fatalf("mutation type = %v, want Mutation", s.Mutation)
	}
	for _, name := range []string{"Customer", "Order", "MoneyBag", "Node", "DateTime", "CustomerRequestDataErasurePayload"} {
		if s.Types[name] == nil {
			t.Errorf("type %s missing", name)
		}
	}
	if got := s.Types["Customer"].Fields.ForName("addresses"); got == nil || got.Directives.ForName("deprecated") == nil {
		t.Errorf("Customer.addresses should be deprecated")
	}
	if len(s.GetPossibleTypes(s.Types["Node"])) < 100 {
		t.Errorf("Node has too few implementations")
	}
	if s.Directives["idempotent"] == nil {
		t.Errorf("custom directive @idempotent missing")
	}
}

func TestQuoteEscapesLikeGraphQL(t *testing.T) {
	tests := []struct{ in, want string }{
		{`plain`, `"plain"`},
		{`say "hi"`, `"say \"hi\""`},
		{"a\nb\tc", `"a\nb\tc"`},
		{`back\slash`, `"back\\slash"`},
		{"bell\x07", `"bell\u0007"`},
		{"ünïcode", `"ünïcode"`},
	}
	for _, tt := range tests {
		if got := quote(tt.in); got != tt.want {
			t.Errorf("quote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestFromIntrospectionSmallSchema(t *testing.T) {
	const doc = `{"data":{"__schema":{"queryType":{"name":"Q"},"mutationType":null,"subscriptionType":null,
	"directives":[{"name":"tag","locations":["FIELD_DEFINITION"],"args":[{"name":"n","type":{"kind":"SCALAR","name":"String"},"defaultValue":"\"x\""}],"isRepeatable":true}],
	"types":[
	 {"kind":"OBJECT","name":"Q","fields":[
	   {"name":"thing","args":[{"name":"first","type":{"kind":"SCALAR","name":"Int"},"defaultValue":"10"},{"name":"sort","type":{"kind":"ENUM","name":"Sort"},"defaultValue":"ID"}],"type":{"kind":"INTERFACE","name":"Thing"}},
	   {"name":"old","args":[],"type":{"kind":"NON_NULL","ofType":{"kind":"LIST","ofType":{"kind":"NON_NULL","ofType":{"kind":"SCALAR","name":"String"}}}},"isDeprecated":true,"deprecationReason":"use \"thing\""},
	   {"name":"u","args":[{"name":"in","type":{"kind":"INPUT_OBJECT","name":"In"}}],"type":{"kind":"UNION","name":"U"}}],"interfaces":[]},
	 {"kind":"INTERFACE","name":"Thing","fields":[{"name":"id","args":[],"type":{"kind":"SCALAR","name":"ID"}}],"interfaces":[],"possibleTypes":[{"kind":"OBJECT","name":"A"}]},
	 {"kind":"OBJECT","name":"A","fields":[{"name":"id","args":[],"type":{"kind":"SCALAR","name":"ID"}},{"name":"when","args":[],"type":{"kind":"SCALAR","name":"DateTime"}}],"interfaces":[{"kind":"INTERFACE","name":"Thing"}]},
	 {"kind":"UNION","name":"U","possibleTypes":[{"kind":"OBJECT","name":"A"}]},
	 {"kind":"ENUM","name":"Sort","enumValues":[{"name":"ID"},{"name":"OLD","isDeprecated":true,"deprecationReason":null}]},
	 {"kind":"INPUT_OBJECT","name":"In","isOneOf":true,"inputFields":[{"name":"a","type":{"kind":"SCALAR","name":"String"},"defaultValue":null},{"name":"b","type":{"kind":"SCALAR","name":"Int"},"defaultValue":null}]},
	 {"kind":"SCALAR","name":"DateTime","specifiedByURL":"https://example.com/dt"},
	 {"kind":"SCALAR","name":"String"},{"kind":"SCALAR","name":"Int"},{"kind":"SCALAR","name":"ID"},
	 {"kind":"OBJECT","name":"__Type","fields":[]}
	]}}}`
	s, err := FromIntrospection(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	f := s.Types["Q"].Fields.ForName("thing")
	if f.Arguments.ForName("first").DefaultValue.Raw != "10" {
		t.Errorf("default value lost: %+v", f.Arguments.ForName("first").DefaultValue)
	}
	if old := s.Types["Q"].Fields.ForName("old"); old.Type.String() != "[String!]!" || old.Directives.ForName("deprecated") == nil {
		t.Errorf("old = %s %v", old.Type, old.Directives)
	}
	if s.Types["In"].Directives.ForName("oneOf") == nil {
		t.Errorf("@oneOf lost")
	}
	if s.Types["DateTime"].Directives.ForName("specifiedBy") == nil {
		t.Errorf("@specifiedBy lost")
	}
	if got := s.GetPossibleTypes(s.Types["U"]); len(got) != 1 || got[0].Name != "A" {
		t.Errorf("union members = %v", got)
	}
	if !implements(s.GetImplements(s.Types["A"]), "Thing") {
		t.Errorf("A should implement Thing")
	}
	if d := s.Directives["tag"]; d == nil || !d.IsRepeatable {
		t.Errorf("directive tag = %+v", d)
	}
}

func implements(defs []*ast.Definition, name string) bool {
	for _, d := range defs {
		if d.Name == name {
			return true
		}
	}
	return false
}
