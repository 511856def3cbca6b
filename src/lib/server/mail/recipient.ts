// Who a notice goes to, kept apart from notify.ts and its imports: post and team modules select it at
// load time, and notify.ts reaches them back through the SMS prompts.
import type { Channel } from '../db/generated/enums.ts';

/** What notify needs to know about a person; select it with RECIPIENT. */
export interface Recipient {
	id: string;
	email: string | null;
	smsNumber: string | null;
	notifyBy: Channel;
	uiLocale: string | null;
}

export const RECIPIENT = { id: true, email: true, smsNumber: true, notifyBy: true, uiLocale: true } as const;
