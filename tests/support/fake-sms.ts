// A Twilio-compatible SMS provider for tests: a real HTTP server speaking the Messages API the app uses
// (form-encoded POST, HTTP Basic auth, a JSON answer with the message's sid), which records what it was
// asked to send, can go down and come back on the same port, and posts webhooks (inbound texts and
// status callbacks) signed the way Twilio signs them, with the official helper library.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { freePort } from './ports.ts';

export interface SentText {
	sid: string;
	to: string;
	from: string;
	body: string;
	statusCallback: string | undefined;
}

export interface FakeSms {
	/** SMS_URL for the app: the fake's base URL with its credentials and sending number. */
	url: string;
	accountSid: string;
	authToken: string;
	from: string;
	sent: SentText[];
	/** Stops answering (connections are refused) until up(). */
	down(): Promise<void>;
	up(): Promise<void>;
	/** Numbers the provider itself refuses as unsubscribed (Twilio's error 21610). */
	unsubscribed: Set<string>;
	/** The X-Twilio-Signature Twilio would send for this URL and these fields. */
	sign(url: string, fields: Record<string, string>): string;
	/** Posts a signed inbound text to the app's webhook at `url`. */
	inbound(url: string, text: { from: string; body: string }): Promise<Response>;
	/** Posts a signed status callback for a sent text to the callback it was given. */
	status(text: SentText, status: string): Promise<Response>;
	close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
};

async function readForm(req: IncomingMessage) {
	let raw = '';
	for await (const chunk of req) raw += String(chunk);
	return new URLSearchParams(raw);
}

export interface FakeSmsOptions {
	/** Fixed when the app must be configured before the fake starts (the browser tests). */
	port?: number;
	accountSid?: string;
	authToken?: string;
	/** Called with each text it accepts, e.g. to write it where another process reads it. */
	onSent?: (text: SentText) => void;
	/** Other numbers on the account a text may be sent from (a network's own, networks.sms_number). */
	numbers?: string[];
}

export async function startFakeSms({
	port,
	accountSid = `AC${randomBytes(16).toString('hex')}`,
	authToken = randomBytes(16).toString('hex'),
	onSent,
	numbers = []
}: FakeSmsOptions = {}): Promise<FakeSms> {
	const listenOn = port ?? (await freePort());
	const from = '+17185550100';
	const sent: SentText[] = [];
	const unsubscribed = new Set<string>();
	const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
	const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		if (req.method !== 'POST' || req.url !== path)
			return json(res, 404, { code: 20404, message: 'Not found' });
		if (req.headers.authorization !== authorization) {
			return json(res, 401, { code: 20003, message: 'Authenticate' });
		}
		const form = await readForm(req);
		const to = form.get('To') ?? '';
		const body = form.get('Body') ?? '';
		if (!/^\+[1-9]\d{6,14}$/.test(to))
			return json(res, 400, { code: 21211, message: "Invalid 'To' Phone Number" });
		if (!body) return json(res, 400, { code: 21602, message: 'Message body is required' });
		const sender = form.get('From') ?? '';
		if (sender !== from && !numbers.includes(sender))
			return json(res, 400, { code: 21606, message: 'Not a valid From number' });
		if (unsubscribed.has(to)) {
			return json(res, 400, { code: 21610, message: 'Attempt to send to unsubscribed recipient' });
		}
		const sid = `SM${randomBytes(16).toString('hex')}`;
		const text = { sid, to, from: sender, body, statusCallback: form.get('StatusCallback') ?? undefined };
		sent.push(text);
		onSent?.(text);
		json(res, 201, { sid, status: 'queued', to, from, body, account_sid: accountSid });
	};

	let server: Server | undefined;
	const up = async () => {
		if (server) return;
		const started = createServer((req, res) => void handle(req, res));
		await new Promise<void>((resolve) => started.listen(listenOn, '127.0.0.1', resolve));
		server = started;
	};
	const down = async () => {
		const stopping = server;
		server = undefined;
		if (!stopping) return;
		stopping.closeAllConnections();
		await new Promise((resolve) => stopping.close(resolve));
	};

	const sign = (url: string, fields: Record<string, string>) =>
		twilio.getExpectedTwilioSignature(authToken, url, fields);
	const post = (url: string, fields: Record<string, string>) =>
		fetch(url, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				'x-twilio-signature': sign(url, fields)
			},
			body: new URLSearchParams(fields)
		});

	await up();
	return {
		url: `http://${accountSid}:${authToken}@127.0.0.1:${listenOn}?from=${encodeURIComponent(from)}`,
		accountSid,
		authToken,
		from,
		sent,
		unsubscribed,
		down,
		up,
		sign,
		inbound: (url, text) =>
			post(url, {
				MessageSid: `SM${randomBytes(16).toString('hex')}`,
				AccountSid: accountSid,
				From: text.from,
				To: from,
				Body: text.body,
				NumMedia: '0'
			}),
		status: (text, status) => {
			if (!text.statusCallback) throw new Error('the text was sent without a StatusCallback');
			return post(text.statusCallback, {
				MessageSid: text.sid,
				MessageStatus: status,
				AccountSid: accountSid,
				From: text.from,
				To: text.to
			});
		},
		close: down
	};
}
