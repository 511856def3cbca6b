// Zod building blocks for everything that arrives from a form, a query string or a route param. Ids
// fit PostgreSQL's int4, text carries no NUL or control characters (PostgreSQL rejects NUL in text and
// control characters only ever arrive from scripts), and slugs have the shape the param matcher accepts.
import { z } from 'zod';
import { safeNextPath } from './next.ts';

export const INT4_MAX = 2 ** 31 - 1;

/** A database id as posted: digits only, within int4, so it can never overflow a query. */
export const id = (message = 'form_error_invalid') =>
	z
		.string()
		.trim()
		.regex(/^\d{1,10}$/, message)
		.transform(Number)
		.pipe(z.number().int().min(1, message).max(INT4_MAX, message));

/** An optional id: an empty field is null. */
export const optionalId = (message = 'form_error_invalid') =>
	z.preprocess((value) => (value === '' ? null : value), id(message).nullable());

// eslint-disable-next-line no-control-regex -- these are exactly the characters being refused
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- as above, less tab, newline and carriage return
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** One line of text, up to `max` characters after trimming; `tooLong` names the field's own message. */
export const line = (max: number, tooLong = 'form_error_invalid') =>
	z
		.string()
		.refine((value) => !CONTROL_SINGLE_LINE.test(value), 'form_error_invalid')
		.transform((value) => value.trim())
		.pipe(z.string().max(max, tooLong));

/** Text that may span lines (a note, a description): newlines and tabs are kept. */
export const paragraph = (max: number, tooLong = 'form_error_invalid') =>
	z
		.string()
		.refine((value) => !CONTROL_MULTILINE.test(value), 'form_error_invalid')
		.transform((value) => value.replace(/\r\n/g, '\n').trim())
		.pipe(z.string().max(max, tooLong));

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const slug = (message = 'form_error_invalid') => z.string().max(120, message).regex(SLUG, message);

/** A checkbox: present ("on") or absent. */
export const checkbox = () => z.preprocess((value) => value === 'on' || value === true, z.boolean());

/**
 * Where to go after signing in or out, as posted: it ends up in a Location header, so anything but
 * printable ASCII is dropped here and safeNextPath then keeps it on this site.
 */
export const nextPath = (value: unknown) =>
	safeNextPath(
		z
			.string()
			.regex(/^[\x21-\x7e]*$/)
			.catch('')
			.parse(value ?? '')
	);
