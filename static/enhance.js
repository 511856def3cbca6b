// Loaded only on pages with a form that posts (src/lib/server/hooks/form-script.ts). Once a form is
// sent, its button says so and further taps send nothing until the next page arrives.
(function () {
	var script = document.currentScript;
	var label = script && script.getAttribute('data-sending');
	var sent = [];

	document.addEventListener('submit', function (event) {
		var form = event.target;
		if (event.defaultPrevented || !(form instanceof HTMLFormElement) || form.method !== 'post') return;
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

	// Forms marked data-offline (a new post, a message): each sending carries a key made here, which the
	// server stores, so the same words sent twice are kept once. Written without a connection, they are
	// kept in this browser (localStorage) and sent when it is back: when it returns on this page, or on
	// the next page with a form. The person is told each step; nothing is dropped without a word.
	var STORE = 'each-other-outbox';
	var words = function (name) {
		return (script && script.getAttribute('data-' + name)) || '';
	};
	var read = function () {
		try {
			return JSON.parse(localStorage.getItem(STORE) || '[]');
		} catch {
			return [];
		}
	};
	var write = function (list) {
		if (list.length) localStorage.setItem(STORE, JSON.stringify(list));
		else localStorage.removeItem(STORE);
	};
	var newKey = function () {
		var bytes = new Uint8Array(16);
		crypto.getRandomValues(bytes);
		return Array.prototype.map
			.call(bytes, function (byte) {
				return (byte + 256).toString(16).slice(1);
			})
			.join('');
	};
	var keyed = function (form) {
		var field = form.querySelector('input[name="clientKey"]');
		if (!field) {
			field = document.createElement('input');
			field.type = 'hidden';
			field.name = 'clientKey';
			form.appendChild(field);
		}
		if (!field.value) field.value = newKey();
		return field;
	};
	var tell = function (text, link) {
		var main = document.getElementById('main');
		if (!main) return;
		var status = document.getElementById('outbox-status');
		if (!status) {
			status = document.createElement('p');
			status.id = 'outbox-status';
			status.className = 'status';
			status.setAttribute('role', 'status');
			main.insertBefore(status, main.firstChild);
		}
		status.textContent = text + (link ? ' ' : '');
		if (link) {
			var anchor = document.createElement('a');
			anchor.href = link.href;
			anchor.textContent = link.text;
			status.appendChild(anchor);
		}
	};
	/** Puts words that could not be sent back in their form, for the person to check and send. */
	var refill = function (form, entry) {
		entry.fields.forEach(function (pair) {
			var fields = form.querySelectorAll('[name="' + pair[0].replace(/"/g, '') + '"]');
			Array.prototype.forEach.call(fields, function (field) {
				if (field.type === 'checkbox' || field.type === 'radio') {
					if (field.value === pair[1]) field.checked = true;
				} else if (field.name !== 'clientKey') field.value = pair[1];
			});
		});
	};

	document.addEventListener(
		'submit',
		function (event) {
			var form = event.target;
			if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-offline')) return;
			var key = keyed(form);
			if (navigator.onLine !== false) return;
			event.preventDefault();
			var fields = [];
			new FormData(form).forEach(function (value, name) {
				if (typeof value === 'string') fields.push([name, value]);
			});
			var list = read();
			list.push({
				key: key.value,
				action: form.action,
				page: location.pathname + location.search,
				fields: fields
			});
			write(list);
			form.reset();
			key.value = '';
			tell(words('saved'));
		},
		// Before the busy-button listener above, which leaves a form it sees prevented alone.
		true
	);

	var flushing = false;
	var without = function (key) {
		return read().filter(function (entry) {
			return entry.key !== key;
		});
	};
	var flush = function () {
		if (flushing || navigator.onLine === false) return;
		var list = read();
		var failed = list.filter(function (entry) {
			return entry.failed;
		})[0];
		if (failed) {
			var here = Array.prototype.filter.call(
				document.querySelectorAll('form[data-offline]'),
				function (form) {
					return form.action === failed.action;
				}
			)[0];
			if (here) {
				refill(here, failed);
				write(without(failed.key));
				tell(words('failed'));
			} else tell(words('failed-elsewhere'), { href: failed.page, text: words('open') });
		}
		var entry = list.filter(function (each) {
			return !each.failed;
		})[0];
		if (!entry) return;
		flushing = true;
		var body = new FormData();
		entry.fields.forEach(function (pair) {
			body.append(pair[0], pair[1]);
		});
		// Asked for JSON, SvelteKit answers a form action with what it did rather than a whole page.
		fetch(entry.action, {
			method: 'POST',
			body: body,
			credentials: 'same-origin',
			headers: { accept: 'application/json' }
		})
			.then(function (response) {
				return response.json().then(function (result) {
					// The server failing is worth another try; a refusal (a 404: the thread is gone) is not.
					if (response.status >= 500) throw new Error('later');
					return result;
				});
			})
			.then(function (result) {
				var list = without(entry.key);
				var landed = result.type === 'redirect' && new URL(result.location, location.href);
				if (landed && landed.pathname !== '/signin') {
					tell(words('sent'), { href: landed.pathname + landed.search + landed.hash, text: words('open') });
				} else {
					// Refused as it was (a required field, a closed thread, a limit, signed out): kept to fix.
					entry.failed = true;
					list.push(entry);
				}
				write(list);
				flushing = false;
				flush();
			})
			.catch(function () {
				// No answer: it stays kept, and goes with the next 'online'.
				flushing = false;
			});
	};
	window.addEventListener('online', flush);
	flush();
})();
