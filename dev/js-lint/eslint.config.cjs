// ESLint for the app's JavaScript (issue #24): the desk scripts (Frappe's globals), the browser journeys
// (Node, with functions evaluated in the desk's page) and the field app's sources (Vue 3). Run: dev/js-lint/run
"use strict";

const path = require("path");
const js = require("@eslint/js");
const globals = require("globals");
const vue = require("eslint-plugin-vue");

const ROOT = path.resolve(__dirname, "..", "..");

// what Frappe's desk gives every script (frappe/public/js, its .eslintrc)
const frappeDesk = Object.fromEntries(
	[
		"frappe", "__", "$", "jQuery", "cur_frm", "cur_list", "cur_dialog", "cur_page", "locals", "moment",
		"cint", "cstr", "flt", "repl", "format_currency", "in_list", "is_null", "strip_html", "validate_email",
	].map((name) => [name, "readonly"])
);

const rules = {
	"no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
	"no-empty": ["error", { allowEmptyCatch: true }],
};

module.exports = [
	{
		ignores: [
			"**/node_modules/**",
			"kelisim_app/public/frontend/**", // the field app's build
			"frontend/dist/**",
			"**/*.bundle.js",
			// a web form's script is a Jinja template rendered by Frappe before it reaches the browser
			"kelisim_app/*/web_form/**/*.js",
		],
	},
	{
		files: ["kelisim_app/**/*.js"],
		...js.configs.recommended,
		languageOptions: {
			ecmaVersion: 2022,
			sourceType: "script",
			globals: { ...globals.browser, ...frappeDesk, kelisim: "writable" },
		},
		rules: { ...js.configs.recommended.rules, ...rules },
	},
	{
		files: ["e2e/**/*.js", "dev/**/*.cjs", "frontend/scripts/**/*.cjs"],
		...js.configs.recommended,
		languageOptions: {
			ecmaVersion: 2022,
			sourceType: "commonjs",
			globals: { ...globals.node, ...globals.browser, ...frappeDesk },
		},
		rules: { ...js.configs.recommended.rules, ...rules },
	},
	...vue.configs["flat/essential"].map((config) => ({ ...config, files: ["frontend/src/**/*.{js,vue}"] })),
	{
		files: ["frontend/src/**/*.{js,vue}"],
		languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser } },
		rules: { ...js.configs.recommended.rules, ...rules, "vue/multi-word-component-names": "off" },
	},
	{
		// the build's own scripts and Vite's config (Vite gives its config __dirname)
		files: ["frontend/*.js", "frontend/scripts/**/*.js"],
		languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
		rules: { ...js.configs.recommended.rules, ...rules },
	},
].map((config) => ({ ...config, basePath: ROOT }));


