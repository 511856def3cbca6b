// npm run db:new-migration -- <name> --sql <file>   (or: ... -- <name> < file.sql)
// Offline stand-in for `npx prisma migrate dev --create-only`: see src/lib/server/db/new-migration.ts.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { projectPath } from '../src/lib/server/config.ts';
import { createMigration } from '../src/lib/server/db/new-migration.ts';

const { values, positionals } = parseArgs({
	options: { sql: { type: 'string' } },
	allowPositionals: true
});
const [name] = positionals;
const usage =
	'Usage: npm run db:new-migration -- <snake_case_name> --sql change.sql   (or pipe the SQL on stdin)\n' +
	'Write the SQL by hand to match your prisma/schema.prisma change; this names the folder the way\n' +
	'Prisma does and checks the SQL applies after every existing migration.';

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

const sql = values.sql ? await readFile(values.sql, 'utf8') : process.stdin.isTTY ? '' : await readStdin();
if (!name || !sql.trim()) {
	console.error(usage);
	process.exit(1);
}
try {
	const file = await createMigration(projectPath('prisma/migrations'), name, sql);
	console.log(`Wrote ${file}; it applies cleanly after the existing migrations.`);
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
}
