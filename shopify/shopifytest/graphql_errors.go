package shopifytest

import (
	"regexp"

	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Shopify runs graphql-ruby; its static validation errors carry these
// extensions.code values. gqlparser names the same rules differently.
var ruleCodes = map[string]string{
	"FieldsOnCorrectType":          "undefinedField",
	"FragmentsOnCompositeTypes":    "fragmentOnNonCompositeType",
	"KnownArgumentNames":           "argumentNotAccepted",
	"KnownDirectives":              "undefinedDirective",
	"KnownFragmentNames":           "undefinedFragment",
	"KnownRootType":                "missingQueryConfiguration",
	"KnownTypeNames":               "undefinedType",
	"LoneAnonymousOperation":       "anonymousOperation",
	"NoFragmentCycles":             "infiniteLoop",
	"NoUndefinedVariables":         "variableNotDefined",
	"NoUnusedFragments":            "useAndDefineFragment",
	"NoUnusedVariables":            "variableNotUsed",
	"OverlappingFieldsCanBeMerged": "fieldConflict",
	"PossibleFragmentSpreads":      "cannotSpreadFragment",
	"ProvidedRequiredArguments":    "missingRequiredArguments",
	"ScalarLeafs":                  "selectionMismatch",
	"UniqueArgumentNames":          "argumentNotUnique",
	"UniqueDirectivesPerLocation":  "directiveNotUniqueForLocation",
	"UniqueFragmentNames":          "fragmentNotUnique",
	"UniqueInputFieldNames":        "inputFieldNotUnique",
	"UniqueOperationNames":         "operationNotUnique",
	"UniqueVariableNames":          "variableNotUnique",
	"ValuesOfCorrectType":          "argumentLiteralsIncompatible",
	"VariablesAreInputTypes":       "variableRequiresValidType",
	"VariablesInAllowedPosition":   "variableMismatch",
}

var undefinedFieldRE = regexp.MustCompile(`^Cannot query field "([^"]+)" on type "([^"]+)"`)

// shopifyErrors renders parse and validation errors as Shopify answers them:
// message, locations and extensions.code (graphql-ruby's rule names).
func shopifyErrors(errs gqlerror.List) []map[string]any {
	out := make([]map[string]any, 0, len(errs))
	for _, e := range errs {
		m := map[string]any{"message": e.Message}
		if len(e.Locations) > 0 {
			m["locations"] = e.Locations
		}
		ext := map[string]any{}
		if code, ok := ruleCodes[e.Rule]; ok {
			ext["code"] = code
		} else if e.Rule == "" {
			ext["code"] = "parseError"
		} else {
			ext["code"] = e.Rule
		}
		if sm := undefinedFieldRE.FindStringSubmatch(e.Message); sm != nil {
			m["message"] = "Field '" + sm[1] + "' doesn't exist on type '" + sm[2] + "'"
			ext["typeName"] = sm[2]
			ext["fieldName"] = sm[1]
		}
		m["extensions"] = ext
		out = append(out, m)
	}
	return out
}

func errorList(errs gqlerror.List) []map[string]any {
	out := make([]map[string]any, 0, len(errs))
	for _, e := range errs {
		m := map[string]any{"message": e.Message}
		if len(e.Locations) > 0 {
			m["locations"] = e.Locations
		}
		if len(e.Path) > 0 {
			m["path"] = e.Path
		}
		if len(e.Extensions) > 0 {
			m["extensions"] = e.Extensions
		}
		out = append(out, m)
	}
	return out
}
