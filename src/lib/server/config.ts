// Server configuration, read once from the environment. Modules here are also run outside SvelteKit
// (npm run db:migrate, the test setup), so they read process.env rather than $env.
import path from 'node:path';

function positiveInt(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) {
		throw new Error(`${name} must be a whole number, got "${raw}"`);
	}
	return value;
}

export interface DatabaseConfig {
	/** An external PostgreSQL server; when absent the app runs its own embedded PGlite. */
	url: string | undefined;
	/** Where the embedded database and generated secrets live. */
	dataDir: string;
	/** Port for the embedded database's pg-protocol socket; 0 picks a free one. */
	embeddedPort: number;
	poolSize: number;
	/** A read replica for anonymous reads; unset, everything reads the primary. */
	replicaUrl: string | undefined;
}

export function databaseConfig(): DatabaseConfig {
	return {
		url: process.env.DATABASE_URL || undefined,
		dataDir: path.resolve(process.env.DATA_DIR || '.data'),
		embeddedPort: positiveInt('EMBEDDED_DB_PORT', 0),
		poolSize: positiveInt('DB_POOL_SIZE', 5) || 5,
		replicaUrl: process.env.DATABASE_REPLICA_URL || undefined
	};
}

/** Project files (migrations, seed data) are read relative to the project root, where npm runs. */
export const projectPath = (...parts: string[]) => path.resolve(process.env.PROJECT_ROOT || '.', ...parts);

export interface MailConfig {
	/** smtp://user:pass@host:port (or smtps://). Unset: messages are printed to the server log. */
	smtpUrl: string | undefined;
	from: string;
	/** First retry delay; each further failure doubles it, up to an hour. */
	retryBaseMs: number;
	pollMs: number;
}

export function mailConfig(): MailConfig {
	return {
		smtpUrl: process.env.SMTP_URL || undefined,
		from: process.env.MAIL_FROM || 'Each Other <no-reply@localhost>',
		retryBaseMs: positiveInt('MAIL_RETRY_BASE_MS', 30_000),
		pollMs: positiveInt('MAIL_POLL_MS', 5_000) || 5_000
	};
}

/**
 * Where a reader sends a correction to a draft translation: an issue tracker or a mailbox someone
 * reads. Unset, it is a mail to the site's sender address.
 */
export function translationFeedbackUrl(): string {
	const configured = process.env.TRANSLATION_FEEDBACK_URL;
	if (configured) return configured;
	const from = mailConfig().from;
	const address = from.match(/<([^>]+)>/)?.[1] ?? from.trim();
	return `mailto:${address}?subject=${encodeURIComponent('Translation correction')}`;
}

/** Addresses that become site admins when they sign in. */
export function adminEmails(): Set<string> {
	return new Set(
		(process.env.ADMIN_EMAILS ?? '')
			.split(',')
			.map((address) => address.trim().toLowerCase())
			.filter(Boolean)
	);
}

/**
 * The site's public address, the only source for links in mail and for Auth.js's URLs. Request headers
 * (Host, X-Forwarded-*) are never used: anyone can forge them. adapter-node reads the same ORIGIN.
 */
export function publicOrigin(): string {
	const raw = process.env.ORIGIN || `http://localhost:${process.env.PORT || 5173}`;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new Error(`ORIGIN must be an address like https://eachother.example, got "${raw}"`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new Error(`ORIGIN must start with http:// or https://, got "${raw}"`);
	}
	return url.origin;
}

/** The bearer token a Prometheus scraper sends for /metrics; unset, there is no /metrics at all. */
export const metricsToken = (): string | undefined => process.env.METRICS_TOKEN || undefined;

export interface PageCacheConfig {
	/** PAGE_CACHE=off serves every anonymous page fresh (to measure without it, or to rule it out). */
	enabled: boolean;
	ttlMs: number;
	/** Memory the rendered pages may take in all; the least recently read go first. */
	maxBytes: number;
}

export function pageCacheConfig(): PageCacheConfig {
	const setting = (process.env.PAGE_CACHE ?? 'on').toLowerCase();
	if (setting !== 'on' && setting !== 'off') {
		throw new Error(`PAGE_CACHE must be on or off, got "${process.env.PAGE_CACHE}"`);
	}
	return {
		enabled: setting === 'on',
		ttlMs: positiveInt('PAGE_CACHE_TTL_MS', 5_000) || 5_000,
		maxBytes: (positiveInt('PAGE_CACHE_MB', 32) || 32) * 1024 * 1024
	};
}

export interface SmsProvider {
	/** The API's base URL without credentials, e.g. https://api.twilio.com (a fake one in tests). */
	baseUrl: string;
	accountSid: string;
	/** Signs the provider's webhooks, and is the API password. */
	authToken: string;
	/** The number texts come from, E.164. */
	from: string;
}

export interface SmsConfig {
	/** Unset: texts are printed to the server log. */
	provider: SmsProvider | undefined;
	/** ISO 3166 country codes whose numbers may sign in and get texts; the first is the default. */
	countries: string[];
}

/**
 * SMS_URL=https://ACCOUNT_SID:AUTH_TOKEN@api.twilio.com?from=%2B17185550100: one variable for a
 * Twilio-compatible provider, so a local fake is just another base URL.
 */
export function smsConfig(): SmsConfig {
	const raw = process.env.SMS_URL || undefined;
	const countries = (process.env.SMS_COUNTRIES || 'US')
		.split(',')
		.map((code) => code.trim().toUpperCase())
		.filter(Boolean);
	if (!raw) return { provider: undefined, countries };
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new Error('SMS_URL must be an address like https://SID:TOKEN@api.twilio.com?from=%2B17185550100');
	}
	const from = url.searchParams.get('from');
	if (!url.username || !url.password || !from) {
		throw new Error(
			'SMS_URL needs the account SID and auth token before the @ and ?from=<the sending number>'
		);
	}
	return {
		provider: {
			baseUrl: `${url.protocol}//${url.host}${url.pathname.replace(/\/$/, '')}`,
			accountSid: decodeURIComponent(url.username),
			authToken: decodeURIComponent(url.password),
			from
		},
		countries
	};
}

export interface WebPushConfig {
	/** People may turn on notifications on their devices. Off unless WEB_PUSH=on or VAPID keys are set. */
	enabled: boolean;
	/** Both keys, base64url, when given; otherwise generated once into DATA_DIR (push/vapid.ts). */
	keys: { publicKey: string; privateKey: string } | undefined;
}

/**
 * WEB_PUSH=on turns push notifications on (the zero-setup default keeps them off: a push service is a
 * third party that learns when a device is told something). VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY turn
 * them on too, unless WEB_PUSH=off.
 */
export function webPushConfig(): WebPushConfig {
	const setting = (process.env.WEB_PUSH ?? '').toLowerCase();
	if (setting !== '' && setting !== 'on' && setting !== 'off') {
		throw new Error(`WEB_PUSH must be on or off, got "${process.env.WEB_PUSH}"`);
	}
	const publicKey = process.env.VAPID_PUBLIC_KEY || undefined;
	const privateKey = process.env.VAPID_PRIVATE_KEY || undefined;
	if (!publicKey !== !privateKey)
		throw new Error('Set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither.');
	const keys = publicKey && privateKey ? { publicKey, privateKey } : undefined;
	return { enabled: setting === 'on' || (setting === '' && keys !== undefined), keys };
}

export interface OutreachConfig {
	/** Invitations handed to the text queue per second: the provider's rate limit, with room to spare. */
	textsPerSecond: number;
	/** Hours between an unanswered invitation and each of its two follow-ups. */
	followUpHours: number;
}

export function outreachConfig(): OutreachConfig {
	return {
		textsPerSecond: positiveInt('OUTREACH_TEXTS_PER_SECOND', 3) || 3,
		followUpHours: positiveInt('OUTREACH_FOLLOW_UP_HOURS', 24) || 24
	};
}
