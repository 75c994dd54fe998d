// `npm run audit:verify`: walks the audit hash chain and names the first broken event (exit 1), or confirms it (0).
// Opens the configured database directly (DATABASE_URL, else the PGlite data directory: stop the service first).
import { verifyAuditChain } from '../audit/audit-log.ts';
import { openDb } from '../storage/db.ts';
import { migrate } from '../storage/migrate.ts';
import { ConfigError, loadConfig } from '../shared/config.ts';

try {
  const config = loadConfig();
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, connectTimeoutMs: config.dbConnectTimeoutMs, queryTimeoutMs: config.dbQueryTimeoutMs });
  try {
    await migrate(db);
    const verdict = await verifyAuditChain(db);
    if (verdict.ok) {
      process.stdout.write(`audit chain intact: ${verdict.events} events verified\n`);
    } else {
      process.stdout.write(`audit chain BROKEN at event ${verdict.brokenAt}: ${verdict.reason} (${verdict.events} events read)\n`);
      process.exitCode = 1;
    }
  } finally {
    await db.close();
  }
} catch (e) {
  process.stderr.write(`audit:verify: ${e instanceof ConfigError ? e.message : e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
}
