import { z } from 'zod';
import { phoneField } from '../auth/phone-form.ts';
import { Prisma } from '../db/generated/client.ts';
import { smsConfig } from '../config.ts';
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
	/** The network's own number on the SMS provider's account (sms/inbound.ts); empty for none. */
	smsNumber: z.preprocess(
		(value) => (typeof value === 'string' && value.trim() === '' ? null : value),
		phoneField.nullable().default(null)
	),
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
			smsNumber: true,
			holdFirstPosts: true,
			languages: true,
			coverage: { select: { neighborhoodId: true } }
		}
	});
}

/**
 * An edited network is the organizers' from now on: the directory seed no longer touches it. A texting
 * number is one network's only (texts to it are that network's requests): another's is refused.
 */
export async function updateNetworkProfile(
	actorId: string,
	networkId: number,
	profile: z.output<typeof networkProfileSchema>,
	now = new Date()
): Promise<{ ok: true } | { ok: false; reason: 'sms-number-taken' | 'sms-number-site' }> {
	// Texts to the site's own number answer every network's questions; it cannot be one network's intake.
	if (profile.smsNumber && profile.smsNumber === smsConfig().provider?.from) {
		return { ok: false, reason: 'sms-number-site' };
	}
	const taken = profile.smsNumber
		? await db.network.findFirst({
				where: { smsNumber: profile.smsNumber, id: { not: networkId } },
				select: { id: true }
			})
		: null;
	if (taken) return { ok: false, reason: 'sms-number-taken' };
	try {
		await saveProfile(actorId, networkId, profile, now);
	} catch (problem) {
		// Another network took it between the check and the write.
		if (problem instanceof Prisma.PrismaClientKnownRequestError && problem.code === 'P2002')
			return { ok: false, reason: 'sms-number-taken' };
		throw problem;
	}
	referenceDataChanged();
	return { ok: true };
}

async function saveProfile(
	actorId: string,
	networkId: number,
	profile: z.output<typeof networkProfileSchema>,
	now: Date
) {
	await db.$transaction(async (tx) => {
		await tx.network.update({
			where: { id: networkId },
			data: {
				description: profile.description || null,
				websiteUrl: profile.websiteUrl || null,
				hotline: profile.hotline || null,
				smsNumber: profile.smsNumber,
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
}
