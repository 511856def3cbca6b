// The short profile everyone fills in after their first sign-in, and edits on the account page.
import { z } from 'zod';
import { locales } from '$lib/paraglide/runtime';
import { SPOKEN_LANGUAGE_CODES, SPOKEN_LANGUAGES } from '$lib/languages';
import { awayThrough } from './away.ts';
import { db } from '../db/index.ts';
import { Channel } from '../db/generated/enums.ts';
import { checkbox, line, slug } from '../http/fields.ts';

/** Error messages are message keys, translated where the form is shown. */
export const profileSchema = z.object({
	name: line(60, 'profile_error_name_too_long').pipe(z.string().min(1, 'profile_error_name_required')),
	homeNeighborhood: z
		.union([z.literal(''), slug('profile_error_neighborhood')])
		.transform((value) => value || null),
	languages: z.array(z.enum(SPOKEN_LANGUAGE_CODES)).max(SPOKEN_LANGUAGES.length),
	uiLocale: z.enum(locales),
	phone: z
		.string()
		.trim()
		.max(30, 'profile_error_phone_invalid')
		.regex(/^[+()\d\s.-]*$/, 'profile_error_phone_invalid')
		.transform((value) => value || null),
	shareContact: z.boolean()
});

export type ProfileInput = z.input<typeof profileSchema>;

export function parseProfileForm(form: FormData) {
	return profileSchema.safeParse({
		name: form.get('name') ?? '',
		homeNeighborhood: form.get('homeNeighborhood') ?? '',
		languages: form.getAll('languages'),
		uiLocale: form.get('uiLocale') ?? '',
		phone: form.get('phone') ?? '',
		shareContact: form.get('shareContact') === 'on'
	});
}

export async function getProfile(userId: string) {
	const user = await db.user.findUniqueOrThrow({
		where: { id: userId },
		select: {
			name: true,
			email: true,
			phone: true,
			languages: true,
			uiLocale: true,
			shareContact: true,
			networkPostMail: true,
			awayUntil: true,
			smsNumber: true,
			notifyBy: true,
			homeNeighborhood: { select: { slug: true } }
		}
	});
	return {
		shareContact: user.shareContact,
		networkPostMail: user.networkPostMail,
		awayThrough: awayThrough(user.awayUntil),
		name: user.name ?? '',
		email: user.email ?? '',
		phone: user.phone ?? '',
		smsNumber: user.smsNumber,
		notifyBy: user.notifyBy,
		languages: user.languages,
		uiLocale: user.uiLocale ?? '',
		homeNeighborhood: user.homeNeighborhood?.slug ?? ''
	};
}

export class UnknownNeighborhoodError extends Error {}

export async function saveProfile(userId: string, profile: z.output<typeof profileSchema>) {
	let homeNeighborhoodId: number | null = null;
	if (profile.homeNeighborhood) {
		const neighborhood = await db.neighborhood.findFirst({
			where: { slug: profile.homeNeighborhood, ntaType: 'RESIDENTIAL' },
			select: { id: true }
		});
		if (!neighborhood) throw new UnknownNeighborhoodError(profile.homeNeighborhood);
		homeNeighborhoodId = neighborhood.id;
	}
	await db.user.update({
		where: { id: userId },
		data: {
			name: profile.name,
			homeNeighborhoodId,
			languages: profile.languages,
			uiLocale: profile.uiLocale,
			phone: profile.phone,
			shareContact: profile.shareContact,
			profileCompletedAt: new Date()
		}
	});
}

/** Organizers and moderators choose whether the new posts in their networks are mailed to them. */
export const networkMailSchema = z.object({ networkPostMail: checkbox() });

export async function saveNetworkMail(
	userId: string,
	{ networkPostMail }: z.output<typeof networkMailSchema>
) {
	await db.user.update({ where: { id: userId }, data: { networkPostMail } });
}

/** How notices reach this person: only a channel the account can be reached on (texts need a number). */
export const notifyBySchema = z.object({ notifyBy: z.enum(Channel, 'account_notify_error') });

export async function saveNotifyBy(userId: string, { notifyBy }: z.output<typeof notifyBySchema>) {
	const reachable = notifyBy === 'SMS' ? { smsNumber: { not: null } } : { email: { not: null } };
	const { count } = await db.user.updateMany({ where: { id: userId, ...reachable }, data: { notifyBy } });
	return count > 0;
}
