package schema

// The shapes of a GraphQL introspection result, as stored by Shopify's
// @shopify/dev-mcp package ({"data":{"__schema":{...}}}). Fields Shopify adds
// (requiredAccess, gidTypes …) are ignored.

type introspectionResult struct {
	Data struct {
		Schema introspectionSchema `json:"__schema"`
	} `json:"data"`
}

type introspectionSchema struct {
	Description      *string             `json:"description"`
	QueryType        *typeName           `json:"queryType"`
	MutationType     *typeName           `json:"mutationType"`
	SubscriptionType *typeName           `json:"subscriptionType"`
	Types            []introspectionType `json:"types"`
	Directives       []directive         `json:"directives"`
}

type typeName struct {
	Name string `json:"name"`
}

type introspectionType struct {
	Kind           string       `json:"kind"`
	Name           string       `json:"name"`
	Description    *string      `json:"description"`
	SpecifiedByURL *string      `json:"specifiedByURL"`
	IsOneOf        *bool        `json:"isOneOf"`
	Fields         []field      `json:"fields"`
	InputFields    []inputValue `json:"inputFields"`
	Interfaces     []typeRef    `json:"interfaces"`
	EnumValues     []enumValue  `json:"enumValues"`
	PossibleTypes  []typeRef    `json:"possibleTypes"`
}

type field struct {
	Name              string       `json:"name"`
	Description       *string      `json:"description"`
	Args              []inputValue `json:"args"`
	Type              typeRef      `json:"type"`
	IsDeprecated      bool         `json:"isDeprecated"`
	DeprecationReason *string      `json:"deprecationReason"`
}

type inputValue struct {
	Name              string  `json:"name"`
	Description       *string `json:"description"`
	Type              typeRef `json:"type"`
	DefaultValue      *string `json:"defaultValue"`
	IsDeprecated      bool    `json:"isDeprecated"`
	DeprecationReason *string `json:"deprecationReason"`
}

type enumValue struct {
	Name              string  `json:"name"`
	Description       *string `json:"description"`
	IsDeprecated      bool    `json:"isDeprecated"`
	DeprecationReason *string `json:"deprecationReason"`
}

type directive struct {
	Name         string       `json:"name"`
	Description  *string      `json:"description"`
	Locations    []string     `json:"locations"`
	Args         []inputValue `json:"args"`
	IsRepeatable bool         `json:"isRepeatable"`
}

type typeRef struct {
	Kind   string   `json:"kind"`
	Name   *string  `json:"name"`
	OfType *typeRef `json:"ofType"`
}
