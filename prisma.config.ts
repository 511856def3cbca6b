// Prisma CLI config (Prisma 7 reads the database URL from here, not from the schema).
// Only `prisma generate` is used on this project's machines; migrations are applied by
// src/lib/server/db/migrate.ts, and `prisma migrate deploy` would apply the same files.
import { defineConfig } from 'prisma/config';

export default defineConfig({
	schema: 'prisma/schema.prisma',
	migrations: { path: 'prisma/migrations' },
	datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/each_other' }
});
