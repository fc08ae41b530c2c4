// Text of a PDF through poppler's pdftotext (apt-get install poppler-utils); null when it is missing.
"use strict";

const { execFile } = require("child_process");

function pdfText(file) {
	return new Promise((resolve, reject) => {
		execFile("pdftotext", ["-enc", "UTF-8", file, "-"], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
			if (error && error.code === "ENOENT") return resolve(null);
			if (error) return reject(new Error(`pdftotext ${file}: ${error.message}`));
			resolve(stdout);
		});
	});
}

module.exports = { pdfText };
