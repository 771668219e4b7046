package wctest

import (
	"encoding/json"
	"net/http"
)

// wpError is a WP_Error as the REST server renders it.
type wpError struct {
	Status  int
	Code    string
	Message string
	Params  map[string]string // rest_invalid_param details
}

func (e *wpError) write(w http.ResponseWriter) {
	data := map[string]any{"status": e.Status}
	if len(e.Params) > 0 {
		data["params"] = e.Params
	}
	writeJSON(w, e.Status, map[string]any{"code": e.Code, "message": e.Message, "data": data})
}

func errNoRoute() *wpError {
	return &wpError{Status: 404, Code: "rest_no_route", Message: "No route was found matching the URL and request method."}
}

func errInvalidParam(name, why string) *wpError {
	return &wpError{Status: 400, Code: "rest_invalid_param", Message: "Invalid parameter(s): " + name,
		Params: map[string]string{name: why}}
}

func errInvalidJSON() *wpError {
	return &wpError{Status: 400, Code: "rest_invalid_json", Message: "Invalid JSON body passed."}
}

func errAuth(msg string) *wpError {
	return &wpError{Status: 401, Code: "woocommerce_rest_authentication_error", Message: msg}
}

// errPermission is what a route's permission callback answers to a visitor
// that is not logged in (rest_authorization_required_code() = 401).
func errPermission(method string, list bool) *wpError {
	switch method {
	case http.MethodGet, http.MethodHead:
		if list {
			return &wpError{Status: 401, Code: "woocommerce_rest_cannot_view", Message: "Sorry, you cannot list resources."}
		}
		return &wpError{Status: 401, Code: "woocommerce_rest_cannot_view", Message: "Sorry, you cannot view this resource."}
	case http.MethodPost:
		return &wpError{Status: 401, Code: "woocommerce_rest_cannot_create", Message: "Sorry, you are not allowed to create resources."}
	case http.MethodDelete:
		return &wpError{Status: 401, Code: "woocommerce_rest_cannot_delete", Message: "Sorry, you are not allowed to delete this resource."}
	default:
		return &wpError{Status: 401, Code: "woocommerce_rest_cannot_edit", Message: "Sorry, you are not allowed to edit this resource."}
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
