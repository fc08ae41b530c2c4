// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

// A row of the "Applies to" multi-select of KLS Method Document: no behaviour of its own.
frappe.ui.form.on("KLS Method Document Kind", {});
