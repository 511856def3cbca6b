// The moderation forms as read at the edge (see http/form.ts): reports on a post or a message, and the
// moderator's actions on a post, one variant per action with exactly the fields it needs.
import { z } from 'zod';
import { CATEGORIES, REPORT_REASONS } from '$lib/posts';
import { id, line, paragraph } from '../http/fields.ts';

export const reportSchema = z.object({
	reason: z.enum(REPORT_REASONS, 'report_error'),
	note: paragraph(1000, 'report_error').default('')
});
export const messageReportSchema = reportSchema.extend({ message: id('report_error') });

const reason = line(500, 'moderate_error_reason').optional();
const required = line(500, 'moderate_error_reason').pipe(z.string().min(1, 'moderate_error_reason'));
const plain = <A extends string>(action: A) => z.object({ action: z.literal(action), reason });

export const moderationActionSchema = z.discriminatedUnion(
	'action',
	[
		plain('approve'),
		plain('restore'),
		plain('close'),
		plain('dismiss'),
		plain('lock'),
		plain('unlock'),
		z.object({ action: z.literal('hide'), reason: required }),
		z.object({ action: z.literal('suspend'), reason: required }),
		z.object({ action: z.literal('handoff'), reason, target: id('moderate_error_target') }),
		z.object({
			action: z.literal('edit'),
			reason,
			category: z.enum(CATEGORIES, 'moderate_error_target').optional(),
			neighborhood: id('moderate_error_target').optional()
		})
	],
	{ error: 'moderate_error_status' }
);
export type ModerationActionInput = z.output<typeof moderationActionSchema>;

/** Who a moderator is posting for, taken down over the phone or at a table. */
export const intakeSchema = z.object({
	intakeName: line(100, 'intake_error').pipe(z.string().min(1, 'intake_error')),
	intakeContact: line(200, 'intake_error').pipe(z.string().min(1, 'intake_error')),
	network: id('intake_error')
});

/**
 * A request by text taken onto the household roster: its kind, and a name for a number new to the
 * roster (text-intake.ts says when one is needed).
 */
export const rosterSchema = z.object({
	category: z.enum(CATEGORIES, 'household_error_category'),
	name: z.string().trim().max(120, 'household_error_name').default('')
});
