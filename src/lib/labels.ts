// Translated labels for the board's fixed vocabularies, looked up by value.
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { BoardSort, Category, PostKind, PostStatus, TimeWindow } from '$lib/posts';

type Messages = Record<string, (inputs?: Record<string, unknown>) => string>;
const message = (key: string, inputs?: Record<string, unknown>) =>
	(m as unknown as Messages)[key]?.(inputs) ?? key;

export const categoryLabel = (category: Category | string) => message(`category_${category}`);
export const kindLabel = (kind: PostKind | string) => message(`kind_${kind}`);
export const statusLabel = (status: PostStatus | string) => message(`status_${status}`);
export const sortLabel = (sort: BoardSort) => message(`sort_${sort}`);

/** Error messages from forms are message keys. */
export const errorMessage = (key: string | undefined) => (key ? message(key) : undefined);

export function formatDate(
	date: Date | string,
	options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }
) {
	return new Intl.DateTimeFormat(getLocale(), { timeZone: 'UTC', ...options }).format(new Date(date));
}

export function timeWindowLabel(timeWindow: TimeWindow | string, neededBy: Date | string | null) {
	if (timeWindow === 'BY_DATE' && neededBy) return m.window_by({ date: formatDate(neededBy) });
	return message(`window_${timeWindow}`);
}

/** "3 days ago", in the reader's language. */
export function ago(date: Date | string, now = new Date()) {
	const seconds = (new Date(date).getTime() - now.getTime()) / 1000;
	const format = new Intl.RelativeTimeFormat(getLocale(), { numeric: 'auto' });
	const units: [Intl.RelativeTimeFormatUnit, number][] = [
		['day', 86_400],
		['hour', 3_600],
		['minute', 60]
	];
	for (const [unit, size] of units) {
		if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
	}
	return format.format(0, 'minute');
}
