#!/usr/bin/env node
// `bench build --app kelisim_app` → `yarn build` in the app's root → this: build the field app (frontend/) into
// kelisim_app/public/frontend and kelisim_app/www/kelisim.html. Its packages come from the npm registry
// (package-lock.json, `npm ci`) the first time. The built files are committed, so where npm cannot reach the
// registry (a closed network) the committed build stays in place and bench build goes on.
"use strict"
const { execSync } = require("child_process")
const fs = require("fs")
const path = require("path")

const dir = path.resolve(__dirname, "..")
const run = (cmd) => execSync(cmd, { cwd: dir, stdio: "inherit" })

if (!fs.existsSync(path.join(dir, "node_modules", "vite"))) {
	try {
		run("npm ci --no-audit --no-fund")
	} catch (e) {
		console.warn("kelisim field app: npm ci failed (no registry?); the committed build in kelisim_app/public/frontend is kept")
		process.exit(0)
	}
}
run("npm run build")
