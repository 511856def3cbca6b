import { z } from 'zod';
import { db } from '../db/index.ts';
import { checkbox, id, line, paragraph } from '../http/fields.ts';
import * as audit from '../moderation/audit.ts';
import { referenceDataChanged } from '../places/cache.ts';

export const networkProfileSchema = z.object({
	description: paragraph(2000, 'network_edit_error_description'),
	websiteUrl: line(500, 'network_edit_error_url').refine(
		(value) => value === '' || /^https?:\/\/\S+$/i.test(value),
		'network_edit_error_url'
	),
	hotline: line(40, 'network_edit_error_hotline'),
	holdFirstPosts: checkbox(),
	languages: z
		.array(z.string().regex(/^[a-z]{2,3}$/))
		.max(20)
		.default([]),
	/** The residential neighborhoods the network covers, by id. */
	coverage: z.array(id()).max(200).default([])
});

export async function getNetworkProfile(networkId: number) {
	return db.network.findUniqueOrThrow({
		where: { id: networkId },
		select: {
			name: true,
			slug: true,
			description: true,
			websiteUrl: true,
			hotline: true,
			holdFirstPosts: true,
			languages: true,
			coverage: { select: { neighborhoodId: true } }
		}
	});
}

/** An edited network is the organizers' from now on: the directory seed no longer touches it. */
export async function updateNetworkProfile(
	actorId: string,
	networkId: number,
	profile: z.output<typeof networkProfileSchema>,
	now = new Date()
) {
	await db.$transaction(async (tx) => {
		await tx.network.update({
			where: { id: networkId },
			data: {
				description: profile.description || null,
				websiteUrl: profile.websiteUrl || null,
				hotline: profile.hotline || null,
				holdFirstPosts: profile.holdFirstPosts,
				languages: profile.languages,
				editedAt: now
			}
		});
		const residential = await tx.neighborhood.findMany({
			where: { id: { in: profile.coverage }, ntaType: 'RESIDENTIAL' },
			select: { id: true }
		});
		await tx.networkCoverage.deleteMany({ where: { networkId } });
		await tx.networkCoverage.createMany({
			data: residential.map(({ id }) => ({ networkId, neighborhoodId: id }))
		});
		await audit.record(tx, { networkId, actorId, action: 'edit_profile' });
	});
	referenceDataChanged();
}
