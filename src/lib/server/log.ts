// Structured logs: one JSON line per event (pino), each carrying the id of the request that caused it,
// so an operator can follow one request through the app and its proxy. LOG_FORMAT=pretty prints
// readable lines instead, and is the default when the output is a terminal (someone trying the app),
// LOG_FORMAT=json forces JSON; LOG_LEVEL (info by default) sets how much.
//
// What never goes in: email addresses, phone numbers, names, intake contacts or message text. Log calls
// pass ids and counts; the keys below are censored anyway, in case an object with them slips through.
// The deliberate exceptions are the zero-setup defaults of mail (mail/transport.ts) and texts
// (sms/transport.ts), whose log line IS the delivery of a message to the person running the app.
import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

export const PERSONAL_KEYS = [
	'email',
	'to',
	'toAddress',
	'phone',
	'name',
	'contact',
	'intakeName',
	'intakeContact',
	'text',
	'body',
	'note',
	'cookie',
	'authorization',
	// The SMS provider's field names, in case a webhook's fields are ever logged.
	'From',
	'To',
	'Body'
];

/**
 * PostgreSQL's `detail` and `where` quote the row that failed ("Key (email)=(…) already exists"), so
 * they go; its code, constraint, table and column name the problem without anyone's data, and stay.
 */
const ROW_QUOTING_ERROR_KEYS = ['detail', 'where'];

function serializeError(error: Error) {
	const serialized: Record<string, unknown> = pino.stdSerializers.err(error);
	for (const key of ROW_QUOTING_ERROR_KEYS) delete serialized[key];
	return serialized;
}

const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `work` with every log line inside it tagged with this request id. */
export const withRequestId = <T>(requestId: string, work: () => T): T =>
	requestContext.run({ requestId }, work);

export function createLogger(destination?: pino.DestinationStream) {
	return pino(
		{
			level: process.env.LOG_LEVEL || 'info',
			serializers: { err: serializeError },
			redact: { paths: [...PERSONAL_KEYS, ...PERSONAL_KEYS.map((key) => `*.${key}`)], censor: '[redacted]' },
			mixin: () => {
				const context = requestContext.getStore();
				return context ? { requestId: context.requestId } : {};
			}
		},
		destination ?? pino.destination(1)
	);
}

const readable = (process.env.LOG_FORMAT || (process.stdout.isTTY ? 'pretty' : 'json')) === 'pretty';
// pino-pretty and its dependencies load only for readable lines, not with every start of a deployment.
export const logger = createLogger(
	readable ? (await import('pino-pretty')).default({ colorize: process.stdout.isTTY, sync: true }) : undefined
);

/** For the start-up and job code that reports progress as plain lines. */
export const logLine = (line: string) => logger.info(line);
