// The one way a form is read at the edge: parseForm(schema, formData) gives the parsed data, or the
// values as posted with one message key per field, which an action returns as fail(400, { values, errors }).
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { MessageKey } from '$lib/labels';
import { m } from '$lib/paraglide/messages';

export type FormErrors = Record<string, MessageKey>;
export type FormValues = Record<string, string | string[]>;
export type Parsed<T> = { data: T } | { values: FormValues; errors: FormErrors };

// Schemas name their errors by message key; anything else (zod's own English) is replaced.
const isMessageKey = (text: string): text is MessageKey => Object.hasOwn(m, text);
export const GENERIC_ERROR: MessageKey = 'form_error_invalid';

/** One message key per field, the first issue winning; `form` for issues not tied to a field. */
export function errorsOf(error: z.ZodError, fallback: MessageKey = GENERIC_ERROR): FormErrors {
	const errors: FormErrors = {};
	for (const issue of error.issues) {
		const field = issue.path.length ? String(issue.path[0]) : 'form';
		errors[field] ??= isMessageKey(issue.message) ? issue.message : fallback;
	}
	return errors;
}

/** The field names whose schema is an array, so every posted value is kept rather than the first. */
function arrayFields(schema: z.ZodType): Set<string> {
	const found = new Set<string>();
	const visit = (node: z.ZodType) => {
		if (node instanceof z.ZodObject) {
			for (const [name, field] of Object.entries(node.shape as Record<string, z.ZodType>)) {
				if (isArray(field)) found.add(name);
			}
		} else if (node instanceof z.ZodDiscriminatedUnion || node instanceof z.ZodUnion) {
			for (const option of node.options as z.ZodType[]) visit(option);
		} else if (node instanceof z.ZodPipe) {
			visit(node.in as z.ZodType);
		}
	};
	visit(schema);
	return found;
}

function isArray(node: z.ZodType): boolean {
	if (node instanceof z.ZodArray) return true;
	if (node instanceof z.ZodOptional || node instanceof z.ZodDefault || node instanceof z.ZodNullable)
		return isArray(node.unwrap() as z.ZodType);
	if (node instanceof z.ZodPipe) return isArray(node.in as z.ZodType);
	return false;
}

/**
 * The posted fields as strings: one value per field (a duplicate is ignored) unless the schema wants an
 * array; a file where text was expected reads as empty.
 */
export function formValues(form: FormData | URLSearchParams, arrays: Set<string> = new Set()): FormValues {
	const values: FormValues = {};
	for (const name of new Set(form.keys())) {
		const all = form.getAll(name).map((value) => (typeof value === 'string' ? value : ''));
		values[name] = arrays.has(name) ? all : (all[0] ?? '');
	}
	return values;
}

/** The posted fields as parseForm reads them for this schema: for a refusal that comes after parsing. */
export const schemaValues = (schema: z.ZodType, form: FormData | URLSearchParams) =>
	formValues(form, arrayFields(schema));

export function parseForm<Schema extends z.ZodType>(
	schema: Schema,
	form: FormData | URLSearchParams
): Parsed<z.output<Schema>> {
	const values = schemaValues(schema, form);
	const parsed = schema.safeParse(values);
	if (parsed.success) return { data: parsed.data };
	return { values, errors: errorsOf(parsed.error) };
}

/**
 * The 400 for a form that did not parse. `form` names which of the page's forms it was (as a refused
 * rate limit does), so the page shows the errors beside that form only.
 */
export function invalid(form: string, parsed: { values: FormValues; errors: FormErrors }) {
	return fail(400, { form, values: parsed.values, errors: parsed.errors });
}

/**
 * The posted form, or null when its body is bigger than the server takes (adapter-node's
 * BODY_SIZE_LIMIT): the body then fails with a 413 as it is read, which would otherwise reach the
 * person as a bare error page rather than the form with a message they can act on.
 */
export async function formWithinLimit(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch (thrown) {
		if ((thrown as { status?: unknown } | null)?.status === 413) return null;
		throw thrown;
	}
}

/**
 * The key a device made for something written offline (static/enhance.js), which a second sending of
 * the same form carries too; undefined without JavaScript, and for anything not shaped like one.
 */
export function clientKeyOf(form: FormData): string | undefined {
	const key = form.get('clientKey');
	return typeof key === 'string' && /^[\w-]{16,64}$/.test(key) ? key : undefined;
}
