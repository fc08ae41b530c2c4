// The sources a build depends on (hashed the same way by tests/test_field_app.py) and the `__()` strings.
import crypto from "crypto"
import fs from "fs"
import path from "path"
import { fileURLToPath } from "url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const FILES = ["index.html", "package.json", "package-lock.json", "vite.config.js", "tailwind.config.js", "postcss.config.js"]
const DIRS = ["src", "public"]

function walk(dir) {
	const full = path.join(root, dir)
	if (!fs.existsSync(full)) return []
	return fs.readdirSync(full, { withFileTypes: true }).flatMap((e) => {
		const rel = `${dir}/${e.name}`
		return e.isDirectory() ? walk(rel) : [rel]
	})
}

export function sourceFiles() {
	return [...FILES, ...DIRS.flatMap(walk)].filter((f) => fs.existsSync(path.join(root, f))).sort()
}

export function sourceHash() {
	const h = crypto.createHash("sha256")
	for (const f of sourceFiles()) {
		h.update(f + "\0")
		h.update(fs.readFileSync(path.join(root, f)))
		h.update("\0")
	}
	return h.digest("hex")
}

// __("…") with a literal first argument, as tests/i18n.py extracts it
const CALL = /(?<![\w$.])__\(\s*("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')/g

export function frontendMessages() {
	const found = new Set()
	for (const f of sourceFiles().filter((x) => /^src\/.*\.(vue|js)$/.test(x))) {
		for (const m of fs.readFileSync(path.join(root, f), "utf8").matchAll(CALL)) {
			found.add(JSON.parse(m[1][0] === "'" ? `"${m[1].slice(1, -1).replace(/"/g, '\\"')}"` : m[1]))
		}
	}
	return [...found].sort()
}
