// Loaded only on pages with a form that posts (src/lib/server/hooks/form-script.ts). Once a form is
// sent, its button says so and further taps send nothing until the next page arrives.
(function () {
	var label = document.currentScript && document.currentScript.getAttribute('data-sending');
	var sent = [];

	document.addEventListener('submit', function (event) {
		var form = event.target;
		if (!(form instanceof HTMLFormElement) || form.method !== 'post') return;
		if (sent.indexOf(form) >= 0) return event.preventDefault();
		sent.push(form);
		var button = event.submitter || form.querySelector('button:not([type]), [type=submit]');
		if (!button) return;
		// Not `disabled`: a disabled button's name and value would drop out of the form being sent.
		button.setAttribute('aria-disabled', 'true');
		button.setAttribute('data-label', button.textContent);
		if (label && button.tagName === 'BUTTON') button.textContent = label;
	});

	// Back to a page kept in the browser's memory: the form was sent, and may be sent again.
	window.addEventListener('pageshow', function (event) {
		if (!event.persisted) return;
		sent.forEach(function (form) {
			form.querySelectorAll('[data-label]').forEach(function (button) {
				button.textContent = button.getAttribute('data-label');
				button.removeAttribute('data-label');
				button.removeAttribute('aria-disabled');
			});
		});
		sent = [];
	});
})();
