// Sends a text: through a Twilio-compatible REST API when SMS_URL is set, else as one log line.
import type { SmsProvider } from '../config.ts';
import { logLine } from '../log.ts';
import type { Sender } from '../mail/worker.ts';

/**
 * No SMS_URL (a fresh machine): each text becomes one log line with its number and words, like the
 * mail channel's, so a newcomer can sign in by phone from the terminal. It is the only log line that
 * holds a phone number, because it is the delivery itself.
 */
export function logSmsSender(log: (line: string) => void = logLine): Sender {
	return async (text) => {
		log(`[sms] to=${text.to} body=${text.text.replace(/\s*\n\s*/g, ' ')}`);
	};
}

/** The provider's error, without the number it may name (lastError is shown to operators). */
export class SmsSendError extends Error {}

/**
 * Twilio's Messages API: a form-encoded POST with HTTP Basic auth; the answer's `sid` names the message
 * in the status callbacks that follow.
 */
export function providerSmsSender(provider: SmsProvider, statusCallback: string): Sender {
	const endpoint = `${provider.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(provider.accountSid)}/Messages.json`;
	const authorization = `Basic ${Buffer.from(`${provider.accountSid}:${provider.authToken}`).toString('base64')}`;
	return async (text) => {
		const response = await fetch(endpoint, {
			method: 'POST',
			headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				To: text.to,
				From: text.from ?? provider.from,
				Body: text.text,
				StatusCallback: statusCallback
			}),
			signal: AbortSignal.timeout(30_000)
		});
		const answer = (await response.json().catch(() => ({}))) as { sid?: string; code?: number };
		if (!response.ok || !answer.sid) {
			throw new SmsSendError(
				`SMS provider answered ${response.status}${answer.code ? ` (code ${answer.code})` : ''}`
			);
		}
		return { providerId: answer.sid };
	};
}
