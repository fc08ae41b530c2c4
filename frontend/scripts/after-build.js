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
fs.writeFileSync(path.join(out, "messages.json"), JSON.stringify(frontendMessages(), null, 0) + "\n")
fs.writeFileSync(path.join(out, "build-stamp.json"), JSON.stringify({ sources: sourceHash() }, null, 1) + "\n")
console.log(`kelisim field app: ${frontendMessages().length} strings, sources ${sourceHash().slice(0, 12)}`)
