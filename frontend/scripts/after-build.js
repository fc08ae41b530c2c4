// After `vite build`: list the interface's strings for the server (messages.json: kelisim_app.field.api
// translates exactly these from the app's catalogues) and stamp the build with a hash of its sources, so a
// layer-1 test notices sources changed without a rebuild (the built files are committed: ./dev/test, CI and
// closed networks need no npm).
import fs from "fs"
import path from "path"
import { fileURLToPath } from "url"
import { sourceHash, frontendMessages } from "./sources.js"

const here = path.dirname(fileURLToPath(import.meta.url))
const out = path.resolve(here, "../../kelisim_app/public/frontend")
// vite-plugin-pwa adds the web app manifest to the precache list by a URL relative to the worker, which is
// served from the site root (/kelisim-sw.js): make it absolute, as manifestTransforms made the others
const sw = path.join(out, "sw.js")
const relative = 'url:"manifest.webmanifest"'
const script = fs.readFileSync(sw, "utf8")
if (script.split(relative).length !== 2) throw new Error(`sw.js: expected one ${relative}`)
fs.writeFileSync(sw, script.replace(relative, 'url:"/assets/kelisim_app/frontend/manifest.webmanifest"'))
fs.writeFileSync(path.join(out, "messages.json"), JSON.stringify(frontendMessages(), null, 0) + "\n")
fs.writeFileSync(path.join(out, "build-stamp.json"), JSON.stringify({ sources: sourceHash() }, null, 1) + "\n")
console.log(`kelisim field app: ${frontendMessages().length} strings, sources ${sourceHash().slice(0, 12)}`)
