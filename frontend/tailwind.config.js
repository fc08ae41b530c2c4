import frappeUIPreset from "frappe-ui/tailwind"

export default {
	presets: [frappeUIPreset],
	content: ["./index.html", "./src/**/*.{vue,js}", "./node_modules/frappe-ui/src/components/{Button,Badge,LoadingIndicator,FeatherIcon}*/**/*.{vue,js,ts}", "./node_modules/frappe-ui/src/components/{Button,Badge}/*.vue"],
}
