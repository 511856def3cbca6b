// What a text to our number, or to a network's, does: an ordered list of handlers, the first that takes
// the text acting on it. Carrier keywords first: US carriers require STOP to end all texts to the
// number until START, whatever else the app was waiting for from it. Then answers to our questions,
// then requests to a network's number from numbers nobody here has.
import { m } from '$lib/paraglide/messages';
import { parsePhone } from './phone.ts';
import { publicOrigin, smsConfig } from '../config.ts';
import { db } from '../db/index.ts';
import { mailLocale } from '../mail/due.ts';
import { queueText } from '../mail/outbox.ts';
import { answerInvitationByText, type Reply } from '../distributions/outreach.ts';
import { optIn, optOut } from './opt-outs.ts';
import { answerPrompt, type Answer } from './prompts.ts';
import { receiveIntakeText } from '../moderation/text-intake.ts';

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
	/** The number it was texted to: the app's, or a network's own (networks.sms_number). */
	to: string;
	body: string;
}

/** What a text was taken as, for the tests and the log. */
export type Outcome = Keyword | Answer | Reply | 'intake';

/**
 * One way of taking a text, `from` already E.164: what it took the text as, or undefined to leave it
 * to the next handler.
 */
export type InboundHandler = (text: Inbound) => Promise<Outcome | undefined>;

const carrierKeywords: InboundHandler = async ({ from, body }) => {
	const keyword = keywordOf(body);
	if (keyword === 'stop') await optOut(from);
	else if (keyword === 'start') await optIn(from);
	else if (keyword === 'help') await answerHelp(from);
	return keyword;
};

/** A household's 1 or 2 answers its invitation to a distribution day, unless asked something since. */
const invitationReplies: InboundHandler = ({ from, body }) => answerInvitationByText(from, body);

const promptAnswers: InboundHandler = async ({ from, body }) => {
	const answer = await answerPrompt(from, body, publicOrigin());
	return answer === 'no-question' ? undefined : answer;
};

/** A number nobody here has (no account, no question pending) asking a network for help. */
const networkIntake: InboundHandler = async ({ from, to, body }) => {
	const [person, prompt] = await Promise.all([
		db.user.findUnique({ where: { smsNumber: from }, select: { id: true } }),
		db.smsPrompt.findUnique({ where: { number: from }, select: { number: true } })
	]);
	if (person || prompt) return undefined;
	return (await receiveIntakeText(from, to, body)) ? 'intake' : undefined;
};

/** In order: the first handler that takes a text is the only one that acts on it. */
const HANDLERS: InboundHandler[] = [carrierKeywords, invitationReplies, promptAnswers, networkIntake];

/** Handles one inbound text; a text none of the handlers takes changes nothing. */
export async function receiveText({ from, to, body }: Inbound): Promise<Outcome> {
	// The provider sends E.164 already; parsing keeps a malformed From out of every table.
	const sender = parsePhone(from, smsConfig().countries);
	if (!sender.ok) return 'no-question';
	for (const handle of HANDLERS) {
		const outcome = await handle({ from: sender.number, to, body });
		if (outcome) return outcome;
	}
	return 'no-question';
}

/** Carriers require an answer to HELP: who we are, where to go, and how to stop. */
async function answerHelp(number: string) {
	const person = await db.user.findUnique({ where: { smsNumber: number }, select: { uiLocale: true } });
	const locale = mailLocale(person?.uiLocale);
	await queueText(db, { to: number, text: m.sms_help({ url: `${publicOrigin()}/posts/mine` }, { locale }) });
}
