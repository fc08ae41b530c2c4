frappe.ready(function () {
	// show the reference number of the registered case on the success page itself (Frappe renders the
	// stored success message there; a toast alone disappears before the citizen can write the number down)
	const web_form = frappe.web_form;
	if (!web_form) return;
	const handle_success = web_form.handle_success && web_form.handle_success.bind(web_form);
	web_form.handle_success = function (data) {
		const result = handle_success ? handle_success(data) : undefined;
		if (data && data.reference_number) {
			// the text comes translated from the server (get_context): a web form page carries only the
			// translations of its own fields, so __() alone would leave it in English
			$(".success-message").text(__({{ registered_message | tojson }}, [data.reference_number]));
		}
		return result;
	};
});
