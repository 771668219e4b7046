package admin

import "context"

type erasurePayload struct {
	CustomerID *string     `json:"customerId"`
	UserErrors []UserError `json:"userErrors"`
}

// RequestCustomerDataErasure asks Shopify to erase a customer's personal
// data (scope write_customer_data_erasure). userErrors come back as
// *UserErrorsError (code DOES_NOT_EXIST, FAILED_TO_REQUEST).
func (c *Client) RequestCustomerDataErasure(ctx context.Context, customerID string) error {
	var out struct {
		P *erasurePayload `json:"customerRequestDataErasure"`
	}
	if err := c.Do(ctx, MutationRequestCustomerErasure, map[string]any{"customerId": customerID}, &out); err != nil {
		return err
	}
	return userErrors("customerRequestDataErasure", out.P)
}

// CancelCustomerDataErasure cancels a pending erasure request; userErrors
// (NOT_BEING_ERASED …) come back as *UserErrorsError.
func (c *Client) CancelCustomerDataErasure(ctx context.Context, customerID string) error {
	var out struct {
		P *erasurePayload `json:"customerCancelDataErasure"`
	}
	if err := c.Do(ctx, MutationCancelCustomerErasure, map[string]any{"customerId": customerID}, &out); err != nil {
		return err
	}
	return userErrors("customerCancelDataErasure", out.P)
}

func userErrors(mutation string, p *erasurePayload) error {
	if p == nil {
		return &UserErrorsError{Mutation: mutation, Errors: []UserError{{Message: "no payload returned"}}}
	}
	if len(p.UserErrors) > 0 {
		return &UserErrorsError{Mutation: mutation, Errors: p.UserErrors}
	}
	return nil
}
