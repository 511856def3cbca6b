import { z } from 'zod';
import { MESSAGE_MAX } from './threads.ts';

export const claimNoteSchema = z.string().trim().min(1, 'claim_error_note').max(500, 'claim_error_note');
export const messageSchema = z
	.string()
	.trim()
	.min(1, 'claim_message_empty')
	.max(MESSAGE_MAX, 'claim_message_empty');
