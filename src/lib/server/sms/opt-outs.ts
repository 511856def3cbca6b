// Numbers that texted STOP. US carriers require that such a number gets nothing more until START, so
// the SMS worker asks here right before every send, whenever the text was queued.
import { db } from '../db/index.ts';
import { hashPhone } from './phone.ts';

export async function optOut(number: string) {
	const numberHash = hashPhone(number);
	await db.smsOptOut.upsert({ where: { numberHash }, create: { numberHash }, update: {} });
}

export async function optIn(number: string) {
	await db.smsOptOut.deleteMany({ where: { numberHash: hashPhone(number) } });
}

export async function isOptedOut(number: string) {
	return (await db.smsOptOut.count({ where: { numberHash: hashPhone(number) } })) > 0;
}
