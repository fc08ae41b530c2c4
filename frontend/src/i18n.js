// __(text, [values]): the user's language from the app's catalogues (kk.po / ru.po), delivered with
// the boot data (and by kelisim_app.field.api.translations). Every string of the interface goes through it,
// so the coverage test of the catalogues counts it.
let messages = {}

export function setMessages(dict) {
	messages = dict || {}
}

export function __(text, args) {
	let out = messages[text] || text
	if (args) out = out.replace(/\{(\d+)\}/g, (m, i) => (args[i] === undefined ? m : String(args[i])))
	return out
}
