// The queue of records made on the device and its synchronisation: a few records per request, in the order
// they were made; a network failure stops the run (the records stay queued), an answer of the server gives each
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

// a few records per request (fewer round trips on a slow network), none bigger than about 2 MB
const BATCH_RECORDS = 5
const BATCH_BYTES = 2 * 1024 * 1024

function* batches(rows) {
	let batch = []
	let size = 0
	for (const row of rows) {
		const bytes = (row.photos || []).reduce((n, p) => n + p.data.length, 0) + 2000
		if (batch.length && (batch.length >= BATCH_RECORDS || size + bytes > BATCH_BYTES)) {
			yield batch
			batch = []
			size = 0
		}
		batch.push(row)
		size += bytes
	}
	if (batch.length) yield batch
}

function payload(row) {
	const { client_id, op, doctype, data, photos, name, action, from_state, base_modified, reason } = row
	return { client_id, op, doctype, data, photos, name, action, from_state, base_modified, reason }
}

export async function syncNow() {
	if (outbox.running) return
	outbox.running = true
	try {
		const waiting = (await queued()).filter((r) => r.status === STATUS.QUEUED || r.status === STATUS.SENDING)
		for (const batch of batches(waiting)) {
			let results
			try {
				results = await post(M + "sync", { records: batch.map(payload) })
			} catch (e) {
				if (isNetworkError(e)) break // offline: the rest waits for the next run
				if ((e.response && (e.response.status === 401 || e.response.status === 403)) || e.exc_type === "CSRFTokenError") {
					outbox.signInNeeded = true // the session ended: nothing is refused, everything waits
					break
				}
				const message = String((e && e.messages && e.messages.join(" ")) || e.message || e)
				results = batch.map(() => ({ status: STATUS.REFUSED, message }))
			}
			outbox.signInNeeded = false
			for (let i = 0; i < batch.length; i++) await settle(batch[i], results[i])
			await loadOutbox()
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
