// A notice to one person, by mail or by text as they chose (users.notify_by), in their language,
// queued in the caller's transaction. Texts are written short and link to the page; mail can say more.
// Devices on which the person turned on notifications are also pushed a one-line nudge to the page.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { webPushConfig } from '../config.ts';
import type { Prisma } from '../db/generated/client.ts';
import { mailLocale } from './due.ts';
import { queueMail, queuePush, queueText } from './outbox.ts';
import { rememberPrompt, type Prompt } from '../sms/prompts.ts';
import type { Recipient } from './recipient.ts';

type Tx = Prisma.TransactionClient;

export interface Notice {
	mail: (locale: Locale) => { subject: string; text: string };
	text: (locale: Locale) => string;
	/** The page the notice is about, which a push notification opens. */
	url: string;
	/** The question the text asks, which a reply to it answers (sms/prompts.ts). */
	prompt?: Prompt;
}

/**
 * Post titles (and network names, some as long) are cut to this many characters in a text, so a long title cannot cost extra segments;
 * with three dots, since "…" is not in GSM-7 and would make an English text UCS-2 (70 a segment).
 */
export const TEXT_TITLE_CHARS = 30;
export const textTitle = (title: string) =>
	title.length > TEXT_TITLE_CHARS ? `${title.slice(0, TEXT_TITLE_CHARS - 3).trimEnd()}...` : title;

/**
 * Texts people who chose texts, mails everyone else; someone with only a number is texted whatever
 * the setting says. Returns false when there is no way to reach them (an erased account).
 */
export async function notify(tx: Tx, recipient: Recipient, notice: Notice): Promise<boolean> {
	const locale = mailLocale(recipient.uiLocale);
	const pushed = await pushToDevices(tx, recipient, notice, locale);
	const byText = recipient.smsNumber && (recipient.notifyBy === 'SMS' || !recipient.email);
	if (byText) {
		await queueText(tx, { to: recipient.smsNumber!, text: notice.text(locale) });
		if (notice.prompt) await rememberPrompt(tx, recipient.smsNumber!, recipient.id, notice.prompt);
		return true;
	}
	if (!recipient.email) return pushed;
	await queueMail(tx, { to: recipient.email, ...notice.mail(locale) });
	return true;
}

/**
 * A push beside the mail or text, not instead of it: a device can be lost, switched off or silently
 * unsubscribed, and the mail or text stays the record. Titled with the site's name, it reads as the mail's
 * subject (which a text's reply instructions would not).
 */
async function pushToDevices(tx: Tx, recipient: Recipient, notice: Notice, locale: Locale) {
	if (!webPushConfig().enabled) return false;
	const devices = await tx.pushSubscription.findMany({
		where: { userId: recipient.id },
		select: { id: true }
	});
	if (devices.length === 0) return false;
	const payload = { title: m.site_name({}, { locale }), body: notice.mail(locale).subject, url: notice.url };
	for (const device of devices) await queuePush(tx, device.id, payload);
	return true;
}

/** Tells each of several people (an intake post's team answers as its poster); true if any was reached. */
export async function notifyAll(tx: Tx, recipients: Recipient[], notice: Notice): Promise<boolean> {
	let reached = false;
	for (const recipient of recipients) reached = (await notify(tx, recipient, notice)) || reached;
	return reached;
}
