frappe.ready(function () {
	// show the reference number of the registered case on the success page itself (Frappe renders the
	// stored success message there; a toast alone disappears before the citizen can write the number down)
	const web_form = frappe.web_form;
	if (!web_form) return;
	const handle_success = web_form.handle_success && web_form.handle_success.bind(web_form);
	web_form.handle_success = function (data) {
		const result = handle_success ? handle_success(data) : undefined;
		if (data && data.reference_number) {
			$(".success-message").text(
				__("Your appeal is registered under number {0}. Keep it to check the status.", [data.reference_number])
			);
		}
		return result;
	};
});
