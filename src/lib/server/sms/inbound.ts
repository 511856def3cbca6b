// What a text to our number does. Carrier keywords first: US carriers require STOP to end all texts to
// the number until START, whatever else the app was waiting for from it.
import { m } from '$lib/paraglide/messages';
import { parsePhone } from './phone.ts';
import { publicOrigin, smsConfig } from '../config.ts';
import { db } from '../db/index.ts';
import { mailLocale } from '../mail/due.ts';
import { queueText } from '../mail/outbox.ts';
import { answerInvitationByText, type Reply } from '../distributions/outreach.ts';
import { optIn, optOut } from './opt-outs.ts';
import { answerPrompt, type Answer } from './prompts.ts';

/**
 * The usual carrier keywords (CTIA's list, which Twilio also honours) and the words people use for them
 * in the languages we speak; matched on the whole text, ignoring case, accents and punctuation.
 */
const KEYWORDS = {
	stop: [
		'STOP',
		'STOPALL',
		'UNSUBSCRIBE',
		'CANCEL',
		'END',
		'QUIT',
		'OPTOUT',
		'REVOKE',
		'PARAR',
		'ALTO',
		'BAJA',
		'ARRET',
		'STOPP',
		'停止',
		'توقف'
	],
	start: ['START', 'UNSTOP', 'YES', 'INICIAR', 'COMENZAR', 'DEMARRER', '开始', '開始'],
	help: ['HELP', 'INFO', 'AYUDA', 'AIDE', 'ÈD', 'POMOC', 'ПОМОЩЬ', '帮助', '幫助', '도움말', 'مدد', 'সাহায্য']
} as const;

export type Keyword = keyof typeof KEYWORDS;

const normalize = (text: string) =>
	text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[\s.!?¡¿,'"]/g, '')
		.toUpperCase();

const BY_WORD = new Map<string, Keyword>(
	(Object.entries(KEYWORDS) as [Keyword, readonly string[]][]).flatMap(([keyword, words]) =>
		words.map((word) => [normalize(word), keyword] as const)
	)
);

export function keywordOf(body: string): Keyword | undefined {
	return BY_WORD.get(normalize(body));
}

export interface Inbound {
	from: string;
	body: string;
}

/** Handles one inbound text; returns what it was taken as, for the tests and the log. */
export async function receiveText({ from, body }: Inbound): Promise<Keyword | Answer | Reply> {
	// The provider sends E.164 already; parsing keeps a malformed From out of every table.
	const sender = parsePhone(from, smsConfig().countries);
	if (!sender.ok) return 'no-question';
	const keyword = keywordOf(body);
	if (keyword === 'stop') await optOut(sender.number);
	else if (keyword === 'start') await optIn(sender.number);
	else if (keyword === 'help') await answerHelp(sender.number);
	if (keyword) return keyword;
	// A household's 1 or 2 answers its invitation to a distribution day before any other question.
	return (
		(await answerInvitationByText(sender.number, body)) ?? answerPrompt(sender.number, body, publicOrigin())
	);
}

/** Carriers require an answer to HELP: who we are, where to go, and how to stop. */
async function answerHelp(number: string) {
	const person = await db.user.findUnique({ where: { smsNumber: number }, select: { uiLocale: true } });
	const locale = mailLocale(person?.uiLocale);
	await queueText(db, { to: number, text: m.sms_help({ url: `${publicOrigin()}/posts/mine` }, { locale }) });
}
