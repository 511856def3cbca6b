import { describe, expect, it } from 'vitest';
import * as Db from '$lib/server/db/generated/enums';
import { CATEGORIES, POST_KINDS, POST_STATUSES, REPEAT_RULES, REPORT_REASONS, TIME_WINDOWS } from './posts';

// The pages cannot import the generated client, so the vocabularies are written out in $lib/posts;
// this keeps each list identical to its enum in prisma/schema.prisma, order included.
describe('the board vocabularies match the database enums', () => {
	it.each([
		['post kinds', POST_KINDS, Db.PostKind],
		['categories', CATEGORIES, Db.PostCategory],
		['time windows', TIME_WINDOWS, Db.TimeWindow],
		['post statuses', POST_STATUSES, Db.PostStatus],
		['repeat rules', REPEAT_RULES, Db.RepeatRule],
		['report reasons', REPORT_REASONS, Db.ReportReason]
	])('%s', (_name, list, dbEnum) => {
		expect([...list]).toEqual(Object.values(dbEnum));
	});
});
