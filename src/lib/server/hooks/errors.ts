import type { HandleServerError } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { isDatabaseUnreachable } from '../db/errors.ts';
import { markDatabaseOutage } from './database-outage.ts';
import { logger } from '../log.ts';
import { requestLocale } from './language.ts';

const DATABASE_UNREACHABLE = 'database-unreachable';

export const handleServerError = ({
	error,
	event,
	status,
	message
}: Parameters<HandleServerError>[0]): App.Error => {
	const request = `${event.request.method} ${event.url.pathname}`;
	if (isDatabaseUnreachable(error)) {
		markDatabaseOutage(event);
		logger.warn(`${request} 503: the database does not answer`);
		return {
			message: m.database_unreachable_body({}, { locale: requestLocale(event.request) }),
			code: DATABASE_UNREACHABLE
		};
	}
	if (status === 404) return { message: 'Not found' };
	// Too large, wrong content type, a malformed body: the client's mistake, worth a line but no stack,
	// so real failures stand out in the log.
	if (status < 500) {
		logger.warn(`${request} ${status}: ${error instanceof Error ? error.message : message}`);
		return { message };
	}
	logger.error({ err: error }, `${request} failed`);
	// The page shows a translated, generic message; details stay in the server log.
	return { message: 'Internal error' };
};
