// What the device keeps (IndexedDB through idb-keyval): the queue of records made on the device and the
// reference data of the signed-in user. Both belong to one user: another user signing in on the device, or
// signing out, clears them. Nothing confidential is kept: a mediator's cases are kept as number, state and
// due date only, and a consultation leaves the device once the server has it.
import { createStore, get, set, del, entries, clear } from "idb-keyval"

const queueStore = createStore("kelisim-queue", "records")
const cacheStore = createStore("kelisim-cache", "kv")

export const STATUS = { QUEUED: "queued", SENDING: "sending", SENT: "sent", REFUSED: "refused", CONFLICT: "conflict" }

export async function cached(key) {
	return get(key, cacheStore)
}
export async function cache(key, value) {
	return set(key, JSON.parse(JSON.stringify(value)), cacheStore)
}

export async function queued() {
	const rows = (await entries(queueStore)).map(([, v]) => v)
	return rows.sort((a, b) => (a.created_at < b.created_at ? -1 : 1))
}
export async function putRecord(record) {
	return set(record.client_id, JSON.parse(JSON.stringify(record)), queueStore)
}
export async function dropRecord(clientId) {
	return del(clientId, queueStore)
}

// The device belongs to the user of this page: another user's queue and cache go.
export async function claimDevice(user) {
	const owner = await get("owner", cacheStore)
	if (owner && owner !== user) await forgetEverything()
	await set("owner", user, cacheStore)
}

export async function forgetEverything() {
	await clear(queueStore)
	await clear(cacheStore)
	if (window.caches) {
		for (const key of await caches.keys()) if (key.startsWith("kelisim-shell")) await caches.delete(key)
	}
}

export function newClientId() {
	if (crypto.randomUUID) return crypto.randomUUID()
	const b = crypto.getRandomValues(new Uint8Array(16))
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("")
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
