// Settings shared by the Playwright config (the app it starts) and the tests (which reach its database
// and mailbox directly).
import path from 'node:path';

// Overridable so two checkouts can run their browser tests side by side.
export const APP_PORT = Number(process.env.E2E_APP_PORT || 4173);
export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT || 2526);
export const SMS_PORT = Number(process.env.E2E_SMS_PORT || 4273);
export const EMBEDDED_DB_PORT = Number(process.env.E2E_DB_PORT || 55433);
export const ADMIN_EMAIL = 'admin@example.org';
export const MAILBOX_DIR = path.resolve('.data/e2e-mailbox');
/** Where the fake SMS provider writes each text it is asked to send. */
export const TEXTS_DIR = path.resolve('.data/e2e-texts');
export const SMS_ACCOUNT = {
	accountSid: 'ACe2e00000000000000000000000000000',
	authToken: 'e2e-sms-auth-token'
};
/** A network's own number on the fake provider's account (text-intake.spec). */
export const SMS_NETWORK_NUMBER = '+17185550161';
export const SMS_URL = `http://${SMS_ACCOUNT.accountSid}:${SMS_ACCOUNT.authToken}@127.0.0.1:${SMS_PORT}?from=%2B17185550100`;
export const databaseUrl = () =>
	process.env.DATABASE_URL || `postgresql://postgres@127.0.0.1:${EMBEDDED_DB_PORT}/postgres`;
export const METRICS_TOKEN = 'e2e-metrics-token';
