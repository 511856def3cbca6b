// Settings shared by the Playwright config (the app it starts) and the tests (which reach its database
// and mailbox directly).
import path from 'node:path';

// Overridable so two checkouts can run their browser tests side by side.
export const APP_PORT = Number(process.env.E2E_APP_PORT || 4173);
export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT || 2526);
export const EMBEDDED_DB_PORT = Number(process.env.E2E_DB_PORT || 55433);
export const ADMIN_EMAIL = 'admin@example.org';
export const MAILBOX_DIR = path.resolve('.data/e2e-mailbox');
export const databaseUrl = () =>
	process.env.DATABASE_URL || `postgresql://postgres@127.0.0.1:${EMBEDDED_DB_PORT}/postgres`;
export const METRICS_TOKEN = 'e2e-metrics-token';
