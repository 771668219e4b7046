package shopifytest

// mutationRoot is the Mutation object of one shop. Every call is logged.
func (e *Emulator) mutationRoot(sh *shop) map[string]any {
	return map[string]any{
		"customerRequestDataErasure": lazy(func(args map[string]any) (any, error) {
			id, _, userErrs := e.erasureTarget(sh, args)
			if userErrs == nil {
				sh.erasing[id] = true
			}
			e.logMutation(sh, "customerRequestDataErasure", args, len(userErrs))
			return erasurePayload(args, userErrs), nil
		}),
		"customerCancelDataErasure": lazy(func(args map[string]any) (any, error) {
			id, _, userErrs := e.erasureTarget(sh, args)
			if userErrs == nil && !sh.erasing[id] {
				userErrs = []any{userError([]string{"customerId"}, "Customer's data is not scheduled for erasure.", "NOT_BEING_ERASED")}
			}
			if userErrs == nil {
				delete(sh.erasing, id)
			}
			e.logMutation(sh, "customerCancelDataErasure", args, len(userErrs))
			return erasurePayload(args, userErrs), nil
		}),
	}
}

func (e *Emulator) erasureTarget(sh *shop, args map[string]any) (int64, *Customer, []any) {
	kind, id, ok := parseGID(stringArg(args, "customerId"))
	if !ok || kind != "Customer" || sh.customers[id] == nil {
		return 0, nil, []any{userError([]string{"customerId"}, "Customer does not exist", "DOES_NOT_EXIST")}
	}
	return id, sh.customers[id], nil
}

func erasurePayload(args map[string]any, userErrs []any) map[string]any {
	p := map[string]any{"customerId": args["customerId"], "userErrors": []any{}}
	if userErrs != nil {
		p["customerId"] = nil
		p["userErrors"] = userErrs
	}
	return p
}

func userError(field []string, msg, code string) map[string]any {
	return map[string]any{"field": field, "message": msg, "code": code}
}

func (e *Emulator) logMutation(sh *shop, field string, args map[string]any, userErrors int) {
	copied := make(map[string]any, len(args))
	for k, v := range args {
		copied[k] = v
	}
	e.log = append(e.log, MutationCall{Shop: sh.domain, Field: field, Args: copied, At: e.now(), UserErrors: userErrors})
}
