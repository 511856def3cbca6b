import { requireTwilioSignature } from '$lib/server/guard';
import { recordDeliveryStatus } from '$lib/server/sms';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const fields = await requireTwilioSignature(event);
	if (fields.MessageSid && fields.MessageStatus)
		await recordDeliveryStatus(fields.MessageSid, fields.MessageStatus);
	return new Response(null, { status: 204 });
};
