// `npm run audit:verify` against a real database: intact chain exits 0; an edited event is named and exits 1.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../src/audit/audit-log.ts';
import { openDb } from '../src/storage/db.ts';
import { migrate } from '../src/storage/migrate.ts';
import { tempDir } from './support/backends.ts';

const root = path.resolve(import.meta.dirname, '..');
const run = (env: NodeJS.ProcessEnv) =>
  promisify(execFile)(path.join(root, 'node_modules/.bin/tsx'), ['src/cli/audit-verify.ts'], { cwd: root, env: { ...process.env, ...env } }).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
  );

describe('npm run audit:verify', () => {
  it('confirms an intact chain and names the first edited event', async () => {
    const dataDir = await tempDir('cd-audit-');
    const env = { CHANGEDESK_DATA_DIR: dataDir, DATABASE_URL: '' };
    const db = await openDb({ dataDir });
    await migrate(db);
    for (let i = 0; i < 4; i++)
      await db.tx((q) => appendAudit(q, { actor: { type: 'user', id: 'u' }, action: `a.${i}`, entityType: 'review_item', entityId: 'r1', before: null, after: { i } }));
    await db.close();
    expect(await run(env)).toEqual({ code: 0, out: 'audit chain intact: 4 events verified\n' });

    const tamper = await openDb({ dataDir });
    await tamper.exec("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change; UPDATE audit_events SET actor_id = 'mallory' WHERE action = 'a.2'");
    await tamper.close();
    const broken = await run(env);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/BROKEN at event 3: content does not match its hash/);
  }, 60_000);
});
