// Seeds boroughs, neighborhoods (NYC 2020 NTAs) and the mutual aid networks listed in public
// directories. Runs at every start: it inserts what is missing and refreshes rows nobody has edited
// in the app (edited_at is null); a row edited in the app is never overwritten.
import { readFile } from 'node:fs/promises';
import { db } from '../db/index.ts';
import { NtaType } from '../db/generated/enums.ts';
import { projectPath } from '../config.ts';
import { referenceDataChanged } from './cache.ts';

export const BOROUGHS = [
	{ id: 3, name: 'Brooklyn', slug: 'brooklyn' },
	{ id: 4, name: 'Queens', slug: 'queens' }
] as const;

const NTA_TYPES: Record<string, NtaType> = {
	'0': NtaType.RESIDENTIAL,
	'5': NtaType.RIKERS_ISLAND,
	'6': NtaType.SPECIAL_AREA,
	'7': NtaType.CEMETERY,
	'8': NtaType.AIRPORT,
	'9': NtaType.PARK
};

interface NtaRow {
	borough: string;
	borocode: string;
	nta_code: string;
	name: string;
	slug: string;
	nta_type: string;
	cdta_code: string;
}

interface NetworkRow {
	name: string;
	slug: string;
	borough: string;
	neighborhoods_served: string;
	url: string;
	source_url: string;
	notes: string;
}

async function readCsv<Row>(file: string): Promise<Row[]> {
	// Loaded here, where a started app compares its places after it serves its first page.
	const { parse } = await import('csv-parse/sync');
	return parse(await readFile(projectPath('prisma/data', file), 'utf8'), {
		columns: true,
		skip_empty_lines: true,
		trim: true
	}) as Row[];
}

/** Directory listings give bare hosts like "bit.ly/x"; links need a scheme to be links. */
export function normalizeUrl(raw: string): string | null {
	const value = raw.trim();
	if (!value) return null;
	return /^https?:\/\//i.test(value) ? value : `https://${value}`;
}

const splitList = (value: string, separator: string) =>
	value
		.split(separator)
		.map((part) => part.trim())
		.filter(Boolean);

export async function seedPlaces() {
	const ntas = await readCsv<NtaRow>('nta2020_bk_qn_all.csv');
	const networks = await readCsv<NetworkRow>('networks.csv');
	const boroughIdByName = new Map<string, number>(BOROUGHS.map((b) => [b.name, b.id]));

	const neighborhoodRows = ntas.map((row) => {
		const ntaType = NTA_TYPES[row.nta_type];
		if (!ntaType) throw new Error(`Unknown NTA type "${row.nta_type}" for ${row.nta_code}`);
		return {
			ntaCode: row.nta_code,
			name: row.name,
			slug: row.slug,
			boroughId: Number(row.borocode),
			communityDistrict: row.cdta_code,
			ntaType
		};
	});

	const networkRows = networks.map((row) => ({
		name: row.name,
		slug: row.slug,
		boroughId: boroughIdByName.get(row.borough) ?? null,
		websiteUrl: normalizeUrl(row.url),
		directoryNotes: row.notes || null,
		sourceUrls: splitList(row.source_url, ' ; ')
	}));

	await db.$transaction(async (tx) => {
		for (const borough of BOROUGHS) {
			await tx.borough.upsert({ where: { id: borough.id }, create: borough, update: {} });
		}

		const existingNeighborhoods = new Map((await tx.neighborhood.findMany()).map((n) => [n.ntaCode, n]));
		const newNeighborhoods = neighborhoodRows.filter((n) => !existingNeighborhoods.has(n.ntaCode));
		if (newNeighborhoods.length) await tx.neighborhood.createMany({ data: newNeighborhoods });
		for (const row of neighborhoodRows) {
			const current = existingNeighborhoods.get(row.ntaCode);
			if (current && !current.editedAt && differs(current, row)) {
				await tx.neighborhood.update({ where: { id: current.id }, data: row });
			}
		}

		const existingNetworks = new Map((await tx.network.findMany()).map((n) => [n.slug, n]));
		const newNetworks = networkRows.filter((n) => !existingNetworks.has(n.slug));
		if (newNetworks.length) await tx.network.createMany({ data: newNetworks });
		for (const row of networkRows) {
			const current = existingNetworks.get(row.slug);
			if (current && !current.editedAt && differs(current, row)) {
				await tx.network.update({ where: { id: current.id }, data: row });
			}
		}

		// Coverage follows the directory only for networks nobody has edited in the app.
		const neighborhoodIdBySlug = new Map(
			(await tx.neighborhood.findMany({ select: { id: true, slug: true } })).map((n) => [n.slug, n.id])
		);
		const uneditedNetworks = await tx.network.findMany({
			where: { editedAt: null },
			select: { id: true, slug: true }
		});
		const servedBySlug = new Map(networks.map((n) => [n.slug, splitList(n.neighborhoods_served, ';')]));
		const wanted = uneditedNetworks.flatMap((network) =>
			(servedBySlug.get(network.slug) ?? []).map((slug) => {
				const neighborhoodId = neighborhoodIdBySlug.get(slug);
				if (!neighborhoodId) throw new Error(`Network ${network.slug} covers unknown neighborhood ${slug}`);
				return { networkId: network.id, neighborhoodId };
			})
		);
		const key = (c: { networkId: number; neighborhoodId: number }) => `${c.networkId}:${c.neighborhoodId}`;
		const existingCoverage = await tx.networkCoverage.findMany({
			where: { networkId: { in: uneditedNetworks.map((n) => n.id) } }
		});
		const wantedKeys = new Set(wanted.map(key));
		const existingKeys = new Set(existingCoverage.map(key));
		const stale = existingCoverage.filter((c) => !wantedKeys.has(key(c)));
		for (const coverage of stale) {
			await tx.networkCoverage.delete({ where: { networkId_neighborhoodId: coverage } });
		}
		const missing = wanted.filter((c) => !existingKeys.has(key(c)));
		if (missing.length) await tx.networkCoverage.createMany({ data: missing });
	});
	referenceDataChanged();
}

function differs<T extends object>(current: T, wanted: Partial<T>): boolean {
	return Object.entries(wanted).some(
		([field, value]) => JSON.stringify(current[field as keyof T]) !== JSON.stringify(value)
	);
}
