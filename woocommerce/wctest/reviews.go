package wctest

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

func (e *Emulator) reviewJSON(r *Review) map[string]any {
	name := ""
	if p := e.products[r.ProductID]; p != nil {
		name = p.Name
	}
	m := map[string]any{
		"id": r.ID, "product_id": r.ProductID, "product_name": name,
		"product_permalink": "/produkt/" + strconv.FormatInt(r.ProductID, 10) + "/",
		"status":            r.Status, "reviewer": r.Reviewer, "reviewer_email": r.ReviewerEmail,
		"review": "<p>" + r.Review + "</p>\n", "rating": r.Rating, "verified": r.Verified,
		"reviewer_avatar_urls": map[string]string{"24": "https://secure.gravatar.com/avatar/?s=24&d=mm&r=g"},
	}
	e.dates(m, "date_created", r.DateCreated)
	return m
}

// listReviews is GET products/reviews: reviewer_email is an exact match on
// comment_author_email, status defaults to approved (all = approved + hold),
// product, newest first, paginated.
func (e *Emulator) listReviews(c *call) (int, any, *wpError) {
	p, err := parsePage(c.q)
	if err != nil {
		return 0, nil, err
	}
	status := c.q.Get("status")
	if status == "" {
		status = "approved"
	}
	switch status {
	case "all", "approved", "hold", "spam", "trash":
	default:
		return 0, nil, errInvalidParam("status", "status is not one of all, hold, approved, spam, and trash.")
	}
	email := strings.ToLower(c.q.Get("reviewer_email"))
	product := c.q.Get("product")
	var list []*Review
	for _, r := range e.reviews {
		if status == "all" && r.Status != "approved" && r.Status != "hold" || status != "all" && r.Status != status {
			continue
		}
		if email != "" && strings.ToLower(r.ReviewerEmail) != email {
			continue
		}
		if product != "" && strconv.FormatInt(r.ProductID, 10) != product {
			continue
		}
		list = append(list, r)
	}
	sort.Slice(list, func(i, j int) bool {
		if !list[i].DateCreated.Equal(list[j].DateCreated) {
			return list[i].DateCreated.After(list[j].DateCreated)
		}
		return list[i].ID > list[j].ID
	})
	out := []map[string]any{}
	for _, r := range paginate(c.w, c.r, p, list) {
		out = append(out, e.reviewJSON(r))
	}
	return http.StatusOK, out, nil
}

func errReviewID() *wpError {
	return &wpError{Status: 404, Code: "woocommerce_rest_review_invalid_id", Message: "Invalid review ID."}
}

func (e *Emulator) getReview(c *call) (int, any, *wpError) {
	r := e.reviews[c.ids[0]]
	if r == nil {
		return 0, nil, errReviewID()
	}
	return http.StatusOK, e.reviewJSON(r), nil
}

// putReview is PUT products/reviews/<id>: reviewer, reviewer_email,
// review, rating, status.
func (e *Emulator) putReview(c *call) (int, any, *wpError) {
	r := e.reviews[c.ids[0]]
	if r == nil {
		return 0, nil, errReviewID()
	}
	next := *r
	for name, dst := range map[string]*string{"reviewer": &next.Reviewer, "reviewer_email": &next.ReviewerEmail, "review": &next.Review, "status": &next.Status} {
		if c.has(name) && json.Unmarshal(c.body[name], dst) != nil {
			return 0, nil, errInvalidParam(name, name+" is not of type string.")
		}
	}
	if c.has("rating") && json.Unmarshal(c.body["rating"], &next.Rating) != nil {
		return 0, nil, errInvalidParam("rating", "rating is not of type integer.")
	}
	*r = next
	return http.StatusOK, e.reviewJSON(r), nil
}

// deleteReview is DELETE products/reviews/<id>: force=true is needed.
func (e *Emulator) deleteReview(c *call) (int, any, *wpError) {
	r := e.reviews[c.ids[0]]
	if r == nil {
		return 0, nil, errReviewID()
	}
	if !c.force() {
		return 0, nil, &wpError{Status: 501, Code: "woocommerce_rest_trash_not_supported", Message: "The object does not support trashing. Set 'force' to true to delete."}
	}
	prev := e.reviewJSON(r)
	delete(e.reviews, r.ID)
	e.effect("delete review %d", r.ID)
	return http.StatusOK, map[string]any{"deleted": true, "previous": prev}, nil
}
