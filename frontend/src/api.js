// Calls to the site as the signed-in user, through frappe-ui's frappeRequest (CSRF token, JSON, errors).
import { frappeRequest } from "frappe-ui"

export const M = "kelisim_app.field.api."

export function get(method, params) {
	return frappeRequest({ url: method, method: "GET", params: serialise(params) })
}

export function post(method, params) {
	return frappeRequest({ url: method, method: "POST", params })
}

export function list(doctype, fields, filters, orderBy, limit = 50) {
	return get("frappe.client.get_list", {
		doctype,
		fields: JSON.stringify(fields),
		filters: JSON.stringify(filters || {}),
		order_by: orderBy || "modified desc",
		limit_page_length: limit,
	})
}

function serialise(params) {
	const out = {}
	for (const [k, v] of Object.entries(params || {})) out[k] = typeof v === "object" ? JSON.stringify(v) : v
	return out
}

// A failed fetch (no network, server down) as opposed to an answer of the server
export function isNetworkError(e) {
	return e instanceof TypeError || /Failed to fetch|NetworkError|Load failed/i.test(String(e && e.message))
}
