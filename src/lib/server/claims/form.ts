// The claim forms as read at the edge (see http/form.ts): a reply's note, a thread message, and which
// reply a poster accepts or declines.
import { z } from 'zod';
import { id, paragraph } from '../http/fields.ts';
import { MESSAGE_MAX } from './threads.ts';

export const claimNoteSchema = z.object({
	note: paragraph(500, 'claim_error_note').pipe(z.string().min(1, 'claim_error_note'))
});
export const messageSchema = z.object({
	body: paragraph(MESSAGE_MAX, 'claim_message_empty').pipe(z.string().min(1, 'claim_message_empty'))
});
export const claimChoiceSchema = z.object({ claim: id() });
