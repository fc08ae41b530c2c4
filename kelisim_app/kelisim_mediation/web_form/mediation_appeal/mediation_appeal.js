frappe.ready(function () {
	// show the reference number of the registered case instead of a generic message
	const web_form = frappe.web_form;
	if (!web_form) return;
	const handle_success = web_form.handle_success && web_form.handle_success.bind(web_form);
	web_form.handle_success = function (data) {
		if (data && data.reference_number) {
			web_form.success_message = __(
				"Your appeal is registered under number {0}. Keep it to check the status.",
				[frappe.utils.escape_html(data.reference_number)],
			);
		}
		return handle_success ? handle_success(data) : undefined;
	};
});
