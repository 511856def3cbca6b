// Turns notifications on or off for this device from the account page (only when the site has web push
// on). The browser asks the person first; the subscription it makes goes to /account/push, and the
// service worker (src/service-worker.ts) shows what arrives.
(function () {
	var section = document.getElementById('push');
	if (!section) return;
	var words = section.dataset;
	var status = section.querySelector('[data-push-status]');
	var button = section.querySelector('[data-push-toggle]');
	var say = function (text) {
		status.textContent = text;
	};
	if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
		return say(words.unsupported);
	}

	var send = function (body) {
		return fetch('/account/push', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			credentials: 'same-origin',
			body: JSON.stringify(body)
		}).then(function (response) {
			if (!response.ok) throw new Error(String(response.status));
		});
	};
	var show = function (on) {
		say(on ? words.on : words.off);
		button.textContent = on ? words.turnOff : words.turnOn;
		button.setAttribute('data-state', on ? 'on' : 'off');
		button.hidden = false;
	};
	var key = function () {
		var base64 = words.key.replace(/-/g, '+').replace(/_/g, '/');
		var raw = atob(base64 + '==='.slice((base64.length + 3) % 4));
		var bytes = new Uint8Array(raw.length);
		for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
		return bytes;
	};

	navigator.serviceWorker.ready.then(function (registration) {
		var manager = registration.pushManager;
		manager.getSubscription().then(function (subscription) {
			show(!!subscription && Notification.permission === 'granted');
		});
		button.addEventListener('click', function () {
			button.setAttribute('aria-disabled', 'true');
			var done = function () {
				button.removeAttribute('aria-disabled');
			};
			if (button.getAttribute('data-state') === 'on') {
				manager
					.getSubscription()
					.then(function (subscription) {
						if (!subscription) return;
						var endpoint = subscription.endpoint;
						return subscription.unsubscribe().then(function () {
							return send({ action: 'unsubscribe', endpoint: endpoint });
						});
					})
					.then(function () {
						show(false);
					})
					.catch(function () {
						say(words.failed);
					})
					.then(done);
				return;
			}
			Notification.requestPermission()
				.then(function (permission) {
					if (permission !== 'granted') return say(words.blocked);
					return manager
						.subscribe({ userVisibleOnly: true, applicationServerKey: key() })
						.then(function (subscription) {
							return send({ action: 'subscribe', subscription: subscription.toJSON() });
						})
						.then(function () {
							show(true);
						});
				})
				.catch(function () {
					say(words.failed);
				})
				.then(done);
		});
	});
})();
