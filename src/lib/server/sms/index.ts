// The text channel: its worker, and what it does with the provider's status callbacks.
import { mailConfig, publicOrigin, smsConfig } from '../config.ts';
import { db } from '../db/index.ts';
import { logLine } from '../log.ts';
import { startWorker } from '../mail/index.ts';
import { deliverDue, type Sender } from '../mail/worker.ts';
import { isOptedOut, optOut } from './opt-outs.ts';
import { logSmsSender, providerSmsSender, SmsSendError } from './transport.ts';

/** Twilio's "attempt to send to unsubscribed recipient": the number texted STOP to the provider itself. */
const UNSUBSCRIBED = /\(code 21610\)/;

/** A sender that first drops texts to numbers that opted out, and learns opt-outs the provider reports. */
function honouringOptOuts(send: Sender): Sender {
	return async (text) => {
		if (await isOptedOut(text.to)) return 'drop';
		try {
			return await send(text);
		} catch (error) {
			if (!(error instanceof SmsSendError && UNSUBSCRIBED.test(error.message))) throw error;
			await optOut(text.to);
			return 'drop';
		}
	};
}

export interface TextDeliveryOptions {
	send: Sender;
	retryBaseMs: number;
	batchSize?: number;
}

export function deliverDueTexts({ send, ...options }: TextDeliveryOptions) {
	return deliverDue('SMS', honouringOptOuts(send), options);
}

/** Where the provider posts delivery status; signed like every webhook. */
export const statusCallbackUrl = () => `${publicOrigin()}/sms/status`;

export function startSmsWorker(log: (line: string) => void = logLine) {
	const { provider } = smsConfig();
	if (!provider) log('No SMS_URL set: texts are printed to this log instead of sent.');
	const send = provider ? providerSmsSender(provider, statusCallbackUrl()) : logSmsSender(log);
	const { retryBaseMs } = mailConfig();
	return startWorker({ channel: 'SMS', deliver: () => deliverDueTexts({ send, retryBaseMs }) }, log);
}

/** Records the provider's word on a text it was handed; a status for no text we know changes nothing. */
export async function recordDeliveryStatus(messageSid: string, status: string) {
	const { count } = await db.outboxMessage.updateMany({
		where: { channel: 'SMS', providerMessageId: messageSid },
		data: { deliveryStatus: status }
	});
	return count > 0;
}
