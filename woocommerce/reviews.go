package woocommerce

import (
	"context"
	"net/url"
	"strconv"
)

// ReviewsByEmail lists product reviews whose reviewer e-mail is email, held
// ones included (status=all; the default lists only approved reviews).
func (c *Client) ReviewsByEmail(ctx context.Context, email string) ([]Review, error) {
	return listAll[Review](ctx, c, "products/reviews", url.Values{"reviewer_email": {email}, "status": {"all"}})
}

// UpdateReview sends PUT /products/reviews/<id> (reviewer, reviewer_email,
// review, rating, status).
func (c *Client) UpdateReview(ctx context.Context, id int64, body any) (Review, error) {
	var r Review
	_, err := c.do(ctx, "PUT", "products/reviews/"+strconv.FormatInt(id, 10), nil, body, &r)
	return r, err
}

// DeleteReview deletes a review for good (force=true).
func (c *Client) DeleteReview(ctx context.Context, id int64) error {
	return deleted(c.do(ctx, "DELETE", "products/reviews/"+strconv.FormatInt(id, 10), url.Values{"force": {"true"}}, nil, nil))
}
