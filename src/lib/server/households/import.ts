// A network's roster from the CSV it keeps today (a spreadsheet, a form builder's export): its columns
// mapped to name, phone, languages, requests and notes, every row checked first (a dry run the page
// shows), duplicates joined by phone, and the rows that can be imported written in one transaction.
import { parse } from 'csv-parse/sync';
import { SPOKEN_LANGUAGES } from '$lib/languages';
import type { MessageKey } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { locales } from '$lib/paraglide/runtime';
import { CATEGORIES, type Category } from '$lib/posts';
import { phoneField } from '../auth/phone-form.ts';
import { db } from '../db/index.ts';
import { addHouseholds, type NewHousehold } from './roster.ts';

export const IMPORT_FIELDS = ['name', 'phone', 'languages', 'requests', 'notes'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Which column (by index) holds each field; null: none does. */
export type Mapping = Record<ImportField, number | null>;

export const MAX_IMPORT_BYTES = 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;

export type Table = { header: string[]; rows: string[][] };

/** The file's rows, or why it cannot be read at all. */
export function readCsv(bytes: Uint8Array): { ok: true; table: Table } | { ok: false; reason: MessageKey } {
	if (bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, reason: 'household_import_too_big' };
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return { ok: false, reason: 'household_import_not_utf8' };
	}
	let records: string[][];
	try {
		records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true });
	} catch {
		return { ok: false, reason: 'household_import_unreadable' };
	}
	const [header, ...rows] = records;
	if (!header || !rows.length) return { ok: false, reason: 'household_import_empty' };
	if (rows.length > MAX_IMPORT_ROWS) return { ok: false, reason: 'household_import_too_big' };
	return { ok: true, table: { header, rows } };
}

const fold = (text: string) => text.normalize('NFKC').trim().toLowerCase();

// Column names seen in networks' spreadsheets and form builders, in English and Spanish.
const HEADER_NAMES: Record<ImportField, string[]> = {
	name: ['name', 'full name', 'household', 'alias', 'nombre', 'nombre completo'],
	phone: ['phone', 'phone number', 'mobile', 'cell', 'telephone', 'teléfono', 'telefono', 'celular'],
	languages: ['languages', 'language', 'idiomas', 'idioma', 'lenguaje'],
	requests: ['requests', 'request', 'needs', 'items', 'solicitudes', 'necesidades', 'pedidos'],
	notes: ['notes', 'note', 'comments', 'notas', 'comentarios']
};

/** The mapping a header suggests; a column not recognised is left for the person to choose. */
export function guessMapping(header: string[]): Mapping {
	const folded = header.map(fold);
	const mapping = {} as Mapping;
	for (const field of IMPORT_FIELDS) {
		const index = folded.findIndex((name) => HEADER_NAMES[field].includes(name));
		mapping[field] = index === -1 ? null : index;
	}
	return mapping;
}

/** Every way a language may be written: its code, its own name and its name in each of our languages. */
const LANGUAGE_NAMES = new Map<string, string>();
for (const { code, name } of SPOKEN_LANGUAGES) {
	LANGUAGE_NAMES.set(fold(code), code);
	LANGUAGE_NAMES.set(fold(name), code);
	for (const locale of locales) {
		const named = new Intl.DisplayNames([locale], { type: 'language' }).of(code);
		if (named) LANGUAGE_NAMES.set(fold(named), code);
	}
}
for (const script of ['zh-hans', 'zh-hant']) LANGUAGE_NAMES.set(script, 'zh');

/** Categories by their value or their name in any of our languages (English and Spanish above all). */
const CATEGORY_NAMES = new Map<string, Category>();
for (const category of CATEGORIES) {
	CATEGORY_NAMES.set(fold(category), category);
	for (const locale of locales) CATEGORY_NAMES.set(fold(m[`category_${category}`]({}, { locale })), category);
}

/** A spreadsheet cell our own export quoted against formulas ('+1718…) reads as what it was. */
const unquote = (cell: string) => (/^'[=+\-@]/.test(cell) ? cell.slice(1) : cell);
const listOf = (cell: string) =>
	cell
		.split(';')
		.map((part) => part.trim())
		.filter(Boolean);

export interface Problem {
	/** The row as a spreadsheet numbers it: the header is row 1. */
	row: number;
	value: string;
	reason: MessageKey;
}
export interface Joined {
	row: number;
	/** The earlier row with the same phone, or null: a household already on the roster. */
	sameAs: number | null;
}
export interface Plan {
	households: (NewHousehold & { row: number })[];
	/** Rows joined to another row of the file or to the roster. */
	joined: Joined[];
	problems: Problem[];
	/** How many of the households are on the roster already. */
	existing: number;
}

type Checked = { ok: true; household: NewHousehold } | { ok: false; problem: Omit<Problem, 'row'> };

function checkRow(cells: string[], mapping: Mapping): Checked {
	const cell = (field: ImportField) => {
		const index = mapping[field];
		return index === null ? '' : unquote(cells[index] ?? '').trim();
	};
	const name = cell('name');
	if (!name || name.length > 120)
		return { ok: false, problem: { value: name, reason: 'household_import_no_name' } };
	const typed = cell('phone');
	if (!typed) return { ok: false, problem: { value: name, reason: 'household_import_no_phone' } };
	const phone = phoneField.safeParse(typed);
	if (!phone.success)
		return { ok: false, problem: { value: typed, reason: phone.error.issues[0]!.message as MessageKey } };
	const languages: string[] = [];
	for (const language of listOf(cell('languages'))) {
		const code = LANGUAGE_NAMES.get(fold(language));
		if (!code)
			return { ok: false, problem: { value: language, reason: 'household_import_unknown_language' } };
		if (!languages.includes(code)) languages.push(code);
	}
	const requests: Category[] = [];
	for (const request of listOf(cell('requests'))) {
		const category = CATEGORY_NAMES.get(fold(request));
		if (!category)
			return { ok: false, problem: { value: request, reason: 'household_import_unknown_category' } };
		if (!requests.includes(category)) requests.push(category);
	}
	return {
		ok: true,
		household: { name, phone: phone.data, languages, requests, notes: cell('notes').slice(0, 2000) }
	};
}

/** The dry run: what importing these rows would do, with every row that cannot be imported and why. */
export async function planImport(networkId: number, table: Table, mapping: Mapping): Promise<Plan> {
	const households: Plan['households'] = [];
	const joined: Joined[] = [];
	const problems: Problem[] = [];
	const byPhone = new Map<string, NewHousehold & { row: number }>();
	table.rows.forEach((cells, index) => {
		const row = index + 2;
		const checked = checkRow(cells, mapping);
		if (!checked.ok) return void problems.push({ row, ...checked.problem });
		const { household } = checked;
		const earlier = byPhone.get(household.phone);
		if (!earlier) {
			const added = { ...household, row };
			byPhone.set(household.phone, added);
			return void households.push(added);
		}
		joined.push({ row, sameAs: earlier.row });
		earlier.languages = [...new Set([...earlier.languages, ...household.languages])];
		earlier.requests = [...new Set([...earlier.requests, ...household.requests])];
		earlier.notes = [earlier.notes, household.notes].filter(Boolean).join('\n').slice(0, 2000);
	});
	const onRoster = await db.household.findMany({
		where: { networkId, phone: { in: [...byPhone.keys()] } },
		select: { phone: true }
	});
	const known = new Set(onRoster.map((h) => h.phone));
	for (const household of households)
		if (known.has(household.phone)) joined.push({ row: household.row, sameAs: null });
	joined.sort((a, b) => a.row - b.row);
	return { households, joined, problems, existing: known.size };
}

/** Writes the plan's households all at once: a failure part-way leaves the roster as it was. */
export async function runImport(networkId: number, plan: Plan) {
	return db.$transaction(
		async (tx) => {
			await addHouseholds(
				tx,
				networkId,
				plan.households.map(({ row: _row, ...household }) => household),
				'import'
			);
		},
		{ timeout: 120_000 }
	);
}

/** The mapping chosen on the preview form (`map_<field>` = column index or empty), or null if none was. */
export function postedMapping(form: FormData, columns: number): Mapping | null {
	if (!form.has('map_name')) return null;
	const mapping = {} as Mapping;
	for (const field of IMPORT_FIELDS) {
		const value = Number(form.get(`map_${field}`) || NaN);
		mapping[field] = Number.isInteger(value) && value >= 0 && value < columns ? value : null;
	}
	return mapping;
}

export type DryRun =
	| { ok: false; reason: MessageKey }
	| {
			ok: true;
			csv: string;
			header: string[];
			mapping: Mapping;
			/** Name and phone must each come from a column before anything can be checked. */
			unmapped: ('name' | 'phone')[];
			plan: Plan | null;
	  };

/**
 * Reads the uploaded file (or the text the preview carried on), takes the posted mapping or guesses one
 * from the header, and checks every row without writing anything.
 */
export async function dryRun(networkId: number, form: FormData): Promise<DryRun> {
	const file = form.get('file');
	const uploaded = file instanceof File && file.size > 0;
	const carried = form.get('csv');
	if (!uploaded && (typeof carried !== 'string' || !carried))
		return { ok: false, reason: 'household_import_no_file' };
	const bytes = uploaded
		? new Uint8Array(await file.arrayBuffer())
		: new TextEncoder().encode(carried as string);
	const read = readCsv(bytes);
	if (!read.ok) return read;
	const { header } = read.table;
	const mapping = (!uploaded && postedMapping(form, header.length)) || guessMapping(header);
	const unmapped = (['name', 'phone'] as const).filter((field) => mapping[field] === null);
	const plan = unmapped.length ? null : await planImport(networkId, read.table, mapping);
	const csv = new TextDecoder().decode(bytes);
	return { ok: true, csv, header, mapping, unmapped, plan };
}
