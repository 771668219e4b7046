package admin

// Cost is extensions.cost of a GraphQL Admin API response.
type Cost struct {
	RequestedQueryCost int `json:"requestedQueryCost"`
	// ActualQueryCost is nil when the query did not run (THROTTLED).
	ActualQueryCost *int           `json:"actualQueryCost"`
	ThrottleStatus  ThrottleStatus `json:"throttleStatus"`
}

// ThrottleStatus is the state of the shop's leaky bucket for this app.
type ThrottleStatus struct {
	MaximumAvailable   float64 `json:"maximumAvailable"`
	CurrentlyAvailable float64 `json:"currentlyAvailable"`
	RestoreRate        float64 `json:"restoreRate"`
}
