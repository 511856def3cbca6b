import { requireTwilioSignature } from '$lib/server/guard';
import { receiveText } from '$lib/server/sms/inbound';
import type { RequestHandler } from './$types';

/** Any answer goes through the outbox, so the webhook's own reply is empty TwiML. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export const POST: RequestHandler = async (event) => {
	const fields = await requireTwilioSignature(event);
	await receiveText({ from: fields.From ?? '', to: fields.To ?? '', body: fields.Body ?? '' });
	return new Response(EMPTY_TWIML, { headers: { 'content-type': 'text/xml' } });
};
