// The queue of records made on the device and its synchronisation: one record per request, in the order they
// were made; a network failure stops the run (the records stay queued), an answer of the server gives each
// record its status: sent (with the record's name), refused (the server's message; corrected and sent again)
// or conflict (the record changed on the server; nothing applied).
import { reactive } from "vue"
import { M, post, isNetworkError } from "./api"
import { STATUS, queued, putRecord, dropRecord, newClientId } from "./store"

export const outbox = reactive({ records: [], running: false, lastRun: null, online: navigator.onLine, signInNeeded: false })

export async function loadOutbox() {
	outbox.records = await queued()
}

export async function enqueue(record) {
	const row = {
		...record,
		client_id: record.client_id || newClientId(),
		created_at: record.created_at || new Date().toISOString(),
		status: STATUS.QUEUED,
		message: "",
	}
	await putRecord(row)
	await loadOutbox()
	return row
}

export async function discard(clientId) {
	await dropRecord(clientId)
	await loadOutbox()
}

function payload(row) {
	const { client_id, op, doctype, data, photos, name, action, from_state, base_modified, reason } = row
	return { client_id, op, doctype, data, photos, name, action, from_state, base_modified, reason }
}

export async function syncNow() {
	if (outbox.running) return
	outbox.running = true
	try {
		for (const row of await queued()) {
			if (row.status !== STATUS.QUEUED && row.status !== STATUS.SENDING) continue
			let result
			try {
				;[result] = await post(M + "sync", { records: [payload(row)] })
			} catch (e) {
				if (isNetworkError(e)) break // offline: the rest waits for the next run
				if ((e.response && (e.response.status === 401 || e.response.status === 403)) || e.exc_type === "CSRFTokenError") {
					outbox.signInNeeded = true // the session ended: nothing is refused, everything waits
					break
				}
				result = { status: STATUS.REFUSED, message: String((e && e.messages && e.messages.join(" ")) || e.message || e) }
			}
			await settle(row, result)
		}
	} finally {
		outbox.running = false
		outbox.lastRun = new Date()
		await loadOutbox()
	}
}

async function settle(row, result) {
	if (result.status === "created" || result.status === "exists" || result.status === "done") {
		row.status = STATUS.SENT
		row.message = ""
		row.result = { name: result.name, workflow_state: result.workflow_state, modified: result.modified }
		// what was sent leaves the device: the photos, and a consultation's content
		row.photos = []
		if (row.doctype === "KLS Consultation") row.data = { consulted_on: row.data.consulted_on }
	} else {
		row.status = result.status === "conflict" ? STATUS.CONFLICT : STATUS.REFUSED
		row.message = result.message || ""
		row.result = result.name ? { name: result.name, workflow_state: result.workflow_state, modified: result.modified } : null
	}
	await putRecord(row)
}

export function pendingCount() {
	return outbox.records.filter((r) => r.status === STATUS.QUEUED || r.status === STATUS.SENDING).length
}
