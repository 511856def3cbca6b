// Lists that grow without bound (moderation work, the log, requests) are read one page at a time. The
// page is `?page=N`, a plain link, so paging works without JavaScript and a link to page 3 stays page 3;
// a number past the end shows the last page rather than an empty one.
import { z } from 'zod';

export interface Page<T> {
	items: T[];
	page: number;
	pages: number;
}

const pageNumber = z
	.string()
	.regex(/^\d{1,6}$/)
	.transform(Number)
	.pipe(z.number().int().min(1))
	.catch(1);

/** The page asked for in `url`, 1 when it is missing or not a page number. */
export const requestedPage = (url: URL) => pageNumber.parse(url.searchParams.get('page') ?? '');

/**
 * One page of `size` rows: counts them first so the page can say "page 2 of 5" and stay in range, then
 * reads that page with `read(skip, take)`, which must order its rows by something unique.
 */
export async function paginate<T>(
	requested: number,
	size: number,
	count: () => Promise<number>,
	read: (skip: number, take: number) => Promise<T[]>
): Promise<Page<T>> {
	const pages = Math.max(1, Math.ceil((await count()) / size));
	const page = Math.min(requested, pages);
	return { items: await read((page - 1) * size, size), page, pages };
}
