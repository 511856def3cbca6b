// The phone number field, shared by sign-in and the account page: what a person typed, parsed to E.164
// for the configured countries, or the message key that says why it cannot be texted.
import { z } from 'zod';
import { smsConfig } from '../config.ts';
import { parsePhone } from '../sms/phone.ts';

const PROBLEMS = {
	invalid: 'phone_error_invalid',
	country: 'phone_error_country',
	'not-mobile': 'phone_error_not_mobile'
} as const;

export const phoneField = z
	.string()
	.trim()
	.max(40, PROBLEMS.invalid)
	.transform((typed, context) => {
		const parsed = parsePhone(typed, smsConfig().countries);
		if (parsed.ok) return parsed.number;
		context.addIssue({ code: 'custom', message: PROBLEMS[parsed.reason] });
		return z.NEVER;
	});

export const phoneSchema = z.object({ phone: phoneField });
export const codeSchema = z.object({
	code: z
		.string()
		.trim()
		.regex(/^\d{6}$/, 'phone_code_error_format')
});
