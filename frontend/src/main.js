import { createApp } from "vue"
import { setConfig, frappeRequest } from "frappe-ui"
import App from "./App.vue"
import { setMessages, __ } from "./i18n"
import { claimDevice } from "./store"
import "./style.css"

const boot = window.kelisim_boot || {}
window.csrf_token = boot.csrf_token
setMessages(boot.messages)
setConfig("resourceFetcher", frappeRequest)
document.documentElement.lang = boot.lang || "en"
document.title = __("Kelisim in the field")

// The worker is served from the site root with Service-Worker-Allowed: /kelisim, so it controls the app's
// pages (a worker under /assets/... would control nothing here).
if ("serviceWorker" in navigator && boot.sw_url) {
	navigator.serviceWorker.register(boot.sw_url, { scope: "/kelisim" }).catch((e) => console.warn("service worker", e))
}

claimDevice(boot.user).then(() => {
	const app = createApp(App, { boot })
	app.config.globalProperties.__ = __
	app.mount("#app")
})
