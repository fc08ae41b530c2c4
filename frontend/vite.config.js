// The field app: built into ../kelisim_app/public/frontend (served at /assets/kelisim_app/frontend/), its
// index.html copied to ../kelisim_app/www/kelisim.html (the page at /kelisim, which fills the boot data).
// The service worker is served from the site root (/kelisim-sw.js, kelisim_app/field/pwa.py) so that its
// scope can be /kelisim: one file (inlined Workbox runtime), since a root path cannot import its chunks.
import path from "path"
import { defineConfig } from "vite"
import vue from "@vitejs/plugin-vue"
import frappeui from "frappe-ui/vite"
import { VitePWA } from "vite-plugin-pwa"

const BASE = "/assets/kelisim_app/frontend/"

export default defineConfig({
	base: BASE,
	plugins: [
		frappeui({
			frappeProxy: true,
			lucideIcons: true,
			jinjaBootData: true,
			buildConfig: {
				outDir: path.resolve(__dirname, "../kelisim_app/public/frontend"),
				indexHtmlPath: path.resolve(__dirname, "../kelisim_app/www/kelisim.html"),
				baseUrl: BASE,
				sourcemap: false,
			},
		}),
		vue(),
		VitePWA({
			injectRegister: null, // registered by src/main.js from the site root, scope /kelisim
			registerType: "autoUpdate",
			filename: "sw.js",
			manifestFilename: "manifest.webmanifest",
			manifest: {
				id: "/kelisim",
				name: "Kelisim",
				short_name: "Kelisim",
				description: "Қоғамдық келісім: events and consultations recorded in the field",
				start_url: "/kelisim",
				scope: "/kelisim",
				display: "standalone",
				background_color: "#ffffff",
				theme_color: "#1d4ed8",
				icons: [
					{ src: `${BASE}icons/icon-192.png`, sizes: "192x192", type: "image/png", purpose: "any" },
					{ src: `${BASE}icons/icon-512.png`, sizes: "512x512", type: "image/png", purpose: "any" },
					{ src: `${BASE}icons/icon-512-maskable.png`, sizes: "512x512", type: "image/png", purpose: "maskable" },
				],
			},
			workbox: {
				inlineWorkboxRuntime: true,
				// precache URLs are resolved against the worker's own URL (the site root): make them absolute
				manifestTransforms: [
					async (entries) => {
						const seen = new Set()
						const manifest = []
						for (const e of entries) {
							const url = e.url.startsWith("/") ? e.url : BASE + e.url
							if (!seen.has(url)) manifest.push({ ...e, url })
							seen.add(url)
						}
						return { manifest, warnings: [] }
					},
				],
				globPatterns: ["**/*.{js,css,png,svg,woff2}"],
				globIgnores: ["sw.js", "messages.json"],
				navigateFallback: null,
				cleanupOutdatedCaches: true,
				runtimeCaching: [
					{
						// the shell (/kelisim with its boot data): the network first, the last copy offline
						urlPattern: ({ request, url }) => request.mode === "navigate" && url.pathname.startsWith("/kelisim"),
						handler: "NetworkFirst",
						options: { cacheName: "kelisim-shell", networkTimeoutSeconds: 5 },
					},
				],
			},
		}),
	],
	resolve: { alias: { "@": path.resolve(__dirname, "src") } },
	build: { target: "es2020", chunkSizeWarningLimit: 800 },
})
